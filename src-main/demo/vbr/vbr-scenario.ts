/** The VBR simulator's default scenario: a plausible job list (VMware backups, a backup copy, agents, SQL logs) and its history. */
import type { Scenario, ScenarioJobSpec } from '../sim/scenario.js';
import { stableGuid } from '../sim/stable-guid.js';
import type { DemoScenarioOptions } from '../sim/vendor-simulator.js';
import { demoScenario } from '../sim/vendor-simulator.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const vms = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);

/**
 * A plausible job list: VMware backups (one disabled), then a daily backup copy of the SQL servers,
 * an agent backup of physical servers, and their transaction logs every 30 minutes. `type` is the
 * kind of job (vbr-sim-kinds.ts).
 */
export const VBR_DEMO_JOBS: readonly ScenarioJobSpec[] = [
  {
    id: stableGuid('vbr/job/sql'),
    name: 'Backup Job - SQL Servers',
    type: 'backup',
    subType: 'vsphere',
    intervalMs: 4 * HOUR,
    offsetMs: 30 * MINUTE,
    durationMs: 40 * MINUTE,
    resources: vms('sql-prod-', 4),
    bytesPerResource: 6e10,
    outcomes: { warning: 0.1, failed: 0.03 },
  },
  {
    id: stableGuid('vbr/job/files'),
    name: 'Backup Job - File Servers',
    type: 'backup',
    subType: 'vsphere',
    intervalMs: 6 * HOUR,
    offsetMs: 1 * HOUR,
    durationMs: 60 * MINUTE,
    resources: vms('fs-', 3),
    bytesPerResource: 2e11,
    outcomes: { warning: 0.08, failed: 0.04, canceled: 0.02 },
  },
  {
    id: stableGuid('vbr/job/dc'),
    name: 'Backup Job - Domain Controllers',
    type: 'backup',
    subType: 'vsphere',
    intervalMs: 12 * HOUR,
    offsetMs: 2 * HOUR,
    durationMs: 15 * MINUTE,
    resources: vms('dc-', 2),
    bytesPerResource: 4e10,
    outcomes: { warning: 0.05 },
  },
  {
    id: stableGuid('vbr/job/web'),
    name: 'Backup Job - Linux Web Farm',
    type: 'backup',
    subType: 'vsphere',
    intervalMs: 8 * HOUR,
    offsetMs: 3 * HOUR,
    durationMs: 25 * MINUTE,
    resources: vms('web-', 6),
    bytesPerResource: 2e10,
    outcomes: { warning: 0.06, failed: 0.02 },
  },
  {
    id: stableGuid('vbr/job/exchange'),
    name: 'Backup Job - Exchange DAG',
    type: 'backup',
    subType: 'vsphere',
    intervalMs: 24 * HOUR,
    offsetMs: 22 * HOUR,
    durationMs: 90 * MINUTE,
    resources: vms('exch-', 3),
    bytesPerResource: 3e11,
    outcomes: { failed: 0.05 },
  },
  {
    id: stableGuid('vbr/job/nas'),
    name: 'Backup Job - Legacy NAS (retired)',
    type: 'backup',
    subType: 'vsphere',
    intervalMs: 24 * HOUR,
    durationMs: 30 * MINUTE,
    resources: ['nas-legacy'],
    enabled: false,
  },
  {
    id: stableGuid('vbr/job/sql-copy'),
    name: 'Backup Copy Job - SQL Servers offsite',
    type: 'backupCopy',
    intervalMs: 24 * HOUR,
    offsetMs: 5 * HOUR,
    durationMs: 50 * MINUTE,
    resources: vms('sql-prod-', 4),
    bytesPerResource: 3e10,
    // The demo's one failure is its narrative's; the kinds beside the backups only warn.
    outcomes: { warning: 0.05 },
  },
  {
    id: stableGuid('vbr/job/agents'),
    name: 'Agent Backup - Physical Servers',
    type: 'agentBackup',
    intervalMs: 24 * HOUR,
    offsetMs: 21 * HOUR,
    durationMs: 35 * MINUTE,
    resources: ['erp-db-01', 'erp-app-01', 'print-01'],
    bytesPerResource: 8e10,
    outcomes: { warning: 0.08 },
  },
  {
    id: stableGuid('vbr/job/sql-logs'),
    name: 'SQL Servers - Transaction Log Backup',
    type: 'logBackup',
    intervalMs: 30 * MINUTE,
    offsetMs: 10 * MINUTE,
    durationMs: 2 * MINUTE,
    resources: vms('sql-prod-', 4),
    bytesPerResource: 5e8,
    outcomes: { warning: 0.02 },
  },
];

/** The default VBR scenario: the demo jobs, GUID session ids and `historySize` finished sessions. */
export function createVbrScenario(options: DemoScenarioOptions & { jobs?: readonly ScenarioJobSpec[] } = {}): Scenario {
  return demoScenario(options, options.jobs ?? VBR_DEMO_JOBS, (seed, seq) => stableGuid(`vbr/session/${seed}/${seq}`));
}

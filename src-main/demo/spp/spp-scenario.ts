/** The SPP demo: its job list and the scenario the simulator serves by default. */
import type { Scenario, ScenarioJobSpec } from '../sim/scenario.js';
import type { DemoScenarioOptions } from '../sim/vendor-simulator.js';
import { demoScenario } from '../sim/vendor-simulator.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const vms = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);

/** A plausible SPP job list: VM, database and Microsoft 365 backups plus inventories. */
export const SPP_DEMO_JOBS: readonly ScenarioJobSpec[] = [
  {
    id: '1003',
    name: 'Application Server Inventory',
    type: 'catalog',
    subType: 'application',
    intervalMs: 12 * HOUR,
    offsetMs: 2 * HOUR,
    durationMs: 4 * MINUTE,
    resources: ['10.4.4.1', '10.4.4.2'],
    bytesPerResource: 2e6,
    outcomes: { warning: 0.1 },
  },
  {
    id: '1004',
    name: 'Hypervisor Inventory',
    type: 'catalog',
    subType: 'hypervisor',
    intervalMs: 6 * HOUR,
    durationMs: 3 * MINUTE,
    resources: ['vcenter-dallas1', 'hyperv-cluster2'],
    bytesPerResource: 1e6,
  },
  {
    id: '1010',
    name: 'VMware Gold - Production',
    type: 'protection',
    subType: 'vmware',
    intervalMs: 4 * HOUR,
    offsetMs: 30 * MINUTE,
    durationMs: 40 * MINUTE,
    resources: ['Service-Dallas', 'web-prod-01', 'web-prod-02', 'erp-app-01', 'erp-db-01'],
    outcomes: { warning: 0.08, failed: 0.04 },
  },
  {
    id: '1011',
    name: 'VMware Silver - Test & Dev',
    type: 'protection',
    subType: 'vmware',
    intervalMs: 24 * HOUR,
    offsetMs: 22 * HOUR,
    durationMs: 90 * MINUTE,
    resources: vms('dev-vm', 8),
    bytesPerResource: 4e9,
    outcomes: { warning: 0.1, failed: 0.05, canceled: 0.02 },
  },
  {
    id: '1012',
    name: 'Hyper-V File Servers',
    type: 'protection',
    subType: 'hyperv',
    intervalMs: 8 * HOUR,
    offsetMs: 1 * HOUR,
    durationMs: 25 * MINUTE,
    resources: ['fs-dallas-01', 'fs-austin-01', 'fs-print-01'],
    outcomes: { warning: 0.05, failed: 0.03 },
  },
  {
    id: '1020',
    name: 'SQL Server - Log Backup',
    type: 'protection',
    subType: 'sql',
    intervalMs: 1 * HOUR,
    offsetMs: 15 * MINUTE,
    durationMs: 6 * MINUTE,
    resources: ['SQLPROD01\\Payroll', 'SQLPROD01\\CRM'],
    bytesPerResource: 3e8,
    outcomes: { failed: 0.02 },
  },
  {
    id: '1021',
    name: 'Oracle Daily Full',
    type: 'protection',
    subType: 'oracle',
    intervalMs: 24 * HOUR,
    offsetMs: 1 * HOUR,
    durationMs: 70 * MINUTE,
    resources: ['ORCLFIN', 'ORCLHR'],
    bytesPerResource: 6e10,
    outcomes: { warning: 0.05, failed: 0.05 },
  },
  {
    id: '1030',
    name: 'Microsoft 365 Mailboxes',
    type: 'protection',
    subType: 'office365',
    intervalMs: 12 * HOUR,
    offsetMs: 3 * HOUR,
    durationMs: 50 * MINUTE,
    resources: vms('mailbox-group', 6),
    bytesPerResource: 2e9,
    outcomes: { warning: 0.12 },
  },
  {
    id: '1040',
    name: 'Maintenance',
    type: 'maintenance',
    subType: 'maintenance',
    intervalMs: 24 * HOUR,
    offsetMs: 5 * HOUR,
    durationMs: 10 * MINUTE,
    resources: ['catalog'],
    bytesPerResource: 0,
  },
];

/** SPP session ids look like millisecond timestamps; keep them monotonic and unique. */
const SPP_ID_BASE = 1_577_881_234_000;

/** The default SPP scenario: the demo jobs, a seeded PRNG and `historySize` finished sessions. */
export function createSppScenario(options: DemoScenarioOptions & { jobs?: readonly ScenarioJobSpec[] } = {}): Scenario {
  return demoScenario(options, options.jobs ?? SPP_DEMO_JOBS, (_seed, seq) => String(SPP_ID_BASE + seq));
}

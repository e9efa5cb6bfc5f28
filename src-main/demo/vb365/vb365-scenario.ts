/** The VB365 simulator's default scenario: a plausible Microsoft 365 job list and its history. */
import type { Scenario, ScenarioJobSpec } from '../sim/scenario.js';
import type { DemoScenarioOptions } from '../sim/vendor-simulator.js';
import { demoScenario } from '../sim/vendor-simulator.js';
import { guidOf } from './vb365-render.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const people = [
  'adele.vance',
  'alex.wilber',
  'diego.siciliani',
  'grady.archie',
  'isaiah.langer',
  'johanna.lorenz',
  'lee.gu',
  'lynne.robbins',
  'megan.bowen',
  'nestor.wilke',
  'patti.fernandez',
  'pradeep.gupta',
];
const mailboxes = (n: number, from = 0): string[] => people.slice(from, from + n).map((p) => `${p}@contoso.onmicrosoft.com`);
const sites = (...names: string[]): string[] => names.map((n) => `https://contoso.sharepoint.com/sites/${n}`);

/** A plausible Microsoft 365 job list: mailboxes, OneDrive, SharePoint, Teams, one disabled job. */
export const VB365_DEMO_JOBS: readonly ScenarioJobSpec[] = [
  {
    id: guidOf('job/exchange'),
    name: 'Exchange Online - All Mailboxes',
    type: 'backup',
    subType: 'exchange',
    intervalMs: 4 * HOUR,
    offsetMs: 20 * MINUTE,
    durationMs: 35 * MINUTE,
    resources: mailboxes(10),
    bytesPerResource: 3e8,
    outcomes: { warning: 0.1, failed: 0.03 },
  },
  {
    id: guidOf('job/onedrive'),
    name: 'OneDrive for Business - Sales & Marketing',
    type: 'backup',
    subType: 'onedrive',
    intervalMs: 6 * HOUR,
    offsetMs: 1 * HOUR,
    durationMs: 50 * MINUTE,
    resources: mailboxes(6, 4).map((m) => `OneDrive - ${m}`),
    bytesPerResource: 9e8,
    outcomes: { warning: 0.08, failed: 0.04 },
  },
  {
    id: guidOf('job/sharepoint'),
    name: 'SharePoint Online - Intranet & Projects',
    type: 'backup',
    subType: 'sharepoint',
    intervalMs: 12 * HOUR,
    offsetMs: 2 * HOUR,
    durationMs: 70 * MINUTE,
    resources: sites('intranet', 'hr', 'finance', 'projects', 'legal'),
    bytesPerResource: 2e9,
    outcomes: { warning: 0.12, failed: 0.05, canceled: 0.02 },
  },
  {
    id: guidOf('job/teams'),
    name: 'Microsoft Teams - Project Channels',
    type: 'backup',
    subType: 'teams',
    intervalMs: 8 * HOUR,
    offsetMs: 3 * HOUR,
    durationMs: 25 * MINUTE,
    resources: ['Mark 8 Project Team', 'Retail', 'Sales and Marketing', 'U.S. Sales'],
    bytesPerResource: 2e8,
    outcomes: { warning: 0.06 },
  },
  {
    id: guidOf('job/archive'),
    name: 'Archive Mailboxes - Legal Hold',
    type: 'backup',
    subType: 'exchange',
    intervalMs: 24 * HOUR,
    offsetMs: 23 * HOUR,
    durationMs: 40 * MINUTE,
    resources: mailboxes(3, 9).map((m) => `In-Place Archive - ${m}`),
    bytesPerResource: 5e8,
    outcomes: { failed: 0.05 },
  },
  {
    id: guidOf('job/public-folders'),
    name: 'Public Folders (retired)',
    type: 'backup',
    subType: 'exchange',
    intervalMs: 24 * HOUR,
    durationMs: 10 * MINUTE,
    resources: ['\\Public Folders\\Support'],
    bytesPerResource: 1e8,
    enabled: false,
  },
];

/** The default VB365 scenario: the demo jobs, GUID session ids and `historySize` finished sessions. */
export function createVb365Scenario(options: DemoScenarioOptions & { jobs?: readonly ScenarioJobSpec[] } = {}): Scenario {
  return demoScenario(options, options.jobs ?? VB365_DEMO_JOBS, (seed, seq) => guidOf(`session/${seed}/${seq}`));
}

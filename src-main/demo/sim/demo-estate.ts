/**
 * The virtual estate the demo simulators share: the VMs the virtualization manager's simulator
 * lists, which the backup simulators back up under the same names and managed object ids, so that
 * coverage across vendors has something to match. Two VMs are in no backup (web-old-01, test-07), and a lab clone
 * bears the name of a production VM (fs-01), so a backup that names it only cannot be matched.
 */
import { stableGuid } from './stable-guid.js';

/** The demo virtualization manager: the host name backup object paths start with, and its instance UUID. */
export const DEMO_MANAGER = {
  hostName: 'vc01.example.invalid',
  instanceUuid: stableGuid('demo/manager/instance'),
  datacenter: 'Dallas',
} as const;

export interface DemoVm {
  readonly name: string;
  /** Managed object id, `vm-N`. */
  readonly moref: string;
  /** The VM folder it sits in, `/`-separated from the datacenter's VM root. */
  readonly folder: string;
  readonly tags: readonly string[];
}

const numbered = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);

/** Folder, tags and VM names, in the order morefs are given out. */
const FOLDERS: readonly (readonly [string, readonly string[], readonly string[]])[] = [
  ['/Prod/SQL', ['Production'], numbered('sql-prod-', 4)],
  ['/Prod/Files', ['Production'], numbered('fs-', 3)],
  ['/Prod/Infra', ['Production'], numbered('dc-', 2)],
  ['/Prod/Web', ['Production'], [...numbered('web-', 6), 'web-prod-01', 'web-prod-02', 'web-old-01']],
  ['/Prod/Exchange', ['Production'], numbered('exch-', 3)],
  ['/Prod/ERP', ['Production'], ['Service-Dallas', 'erp-app-01', 'erp-db-01']],
  ['/Retired', [], ['nas-legacy']],
  ['/Dev', ['Dev'], [...numbered('dev-vm', 8), 'test-07']],
  ['/Lab', ['Lab'], ['fs-01']],
];

/** Every VM of the demo virtualization manager. */
export const DEMO_VMS: readonly DemoVm[] = FOLDERS.flatMap(([folder, tags, names]) => names.map((name) => ({ name, folder, tags }))).map(
  (vm, i) => ({ ...vm, moref: `vm-${101 + i}` }),
);

/** The first VM of that name (the production one where a clone shares it); undefined outside the estate. */
export function demoVm(name: string): DemoVm | undefined {
  return DEMO_VMS.find((vm) => vm.name === name);
}

/**
 * The SPP simulator's objects: the recovery catalog of VMs
 * (`/api/endeavour/catalog/recovery/hypervisorvm?embed=(children(properties))`, as IBM's samples
 * read it), one entry per VM its VMware and Hyper-V protection jobs made a copy of, with the SLA
 * policy and the newest copy's `protectionTime` (epoch ms) in `properties.protectionInfo`. VMware
 * VMs bear the demo estate's names, and their host is the estate's virtualization manager.
 */
import { DEMO_MANAGER, demoVm } from '../sim/demo-estate.js';
import type { Scenario, ScenarioJob } from '../sim/scenario.js';
import type { ScenarioObject } from '../sim/scenario-objects.js';
import { scenarioObjects } from '../sim/scenario-objects.js';
import { stableGuid } from '../sim/stable-guid.js';

const coversVms = (job: ScenarioJob): boolean => job.type === 'protection' && (job.subType === 'vmware' || job.subType === 'hyperv');

/** SPP's own VM key: 32 hex digits. */
export const sppVmId = (name: string): string => stableGuid(`spp/vm/${name}`).replace(/-/g, '');

export class SppObjects {
  constructor(private readonly scenario: Scenario) {}

  /** The VMs with at least one copy, by name. */
  recoveryVms(): ScenarioObject[] {
    return scenarioObjects(this.scenario, coversVms)
      .filter((o) => o.points.length > 0)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  renderVm(o: ScenarioObject, baseUrl: string): Record<string, unknown> {
    const newest = o.points.at(-1)!;
    const job = this.scenario.job(newest.jobId);
    const vmware = job?.subType === 'vmware';
    const id = sppVmId(o.name);
    return {
      id,
      name: o.name,
      properties: {
        name: o.name,
        hypervisorType: vmware ? 'vmware' : 'hyperv',
        hypervisorHostName: vmware && demoVm(o.name) ? DEMO_MANAGER.hostName : 'hyperv-cluster2.example.invalid',
        tags: [],
        protectionInfo: {
          storageProfileName: (job?.name ?? '').split(' - ')[0] ?? '',
          policyName: job?.name ?? '',
          protectionTime: newest.createdAt,
        },
      },
      links: { versions: { href: `${baseUrl}/api/hypervisor/${vmware ? '1001' : '1002'}/vm/${id}/version?from=recovery` } },
    };
  }
}

/** The object read conformance suite against each vendor's simulator that lists objects; prints requests per read. */
import { afterAll } from 'vitest';
import { describeObjectConformance, requestsPerRead } from './object-conformance.js';
import { sppHarness } from './spp-harness.js';
import { startVb365Rig, vb365Harness } from './vb365-harness.js';
import { startVbrRig, vbrHarness } from './vbr-harness.js';
import { VBR_PROTECTED_LINUX } from '../../../src-main/demo/vbr/vbr-estate.js';
import { startVcsaRig, vcsaHarness } from './vcsa-harness.js';

afterAll(() => {
  for (const [name, n] of requestsPerRead)
    console.log(`object read ${name}: ${n.objects} objects, ${n.first} requests first, ${n.idle} idle (${n.idleBytes} bytes)`);
});

describeObjectConformance('VBR', {
  harness: vbrHarness,
  gives: 'both',
  unbacked: VBR_PROTECTED_LINUX,
  skip: (rig) => ({ jobId: rig.jobId, resource: rig.scenario.job(rig.jobId)!.resources[0]! }),
  maxRequests: 80,
  listPath: '/api/v1/backupObjects',
});

describeObjectConformance('VBR 1.2-rev1', {
  harness: { ...vbrHarness, start: (options) => startVbrRig(options, { revisions: ['1.2-rev0', '1.2-rev1'] }) },
  gives: 'both',
  unbacked: VBR_PROTECTED_LINUX,
  skip: (rig) => ({ jobId: rig.jobId, resource: rig.scenario.job(rig.jobId)!.resources[0]! }),
  maxRequests: 80,
  listPath: '/api/v1/inventory/vmware/hosts/',
});

// Before 1.2 there are no task sessions: the points are read, a skipped VM is not seen; the
// simulator has no protected computers (404) and the read goes on without them.
describeObjectConformance('VBR 1.1-rev0', {
  harness: { ...vbrHarness, start: (options) => startVbrRig(options, { revisions: ['1.0-rev2', '1.1-rev0'] }) },
  gives: 'both',
  maxRequests: 80,
  listPath: '/api/v1/backupObjects',
});

describeObjectConformance('vCenter', { harness: vcsaHarness, gives: 'inventory', maxRequests: 30, listPath: '/vcenter/vm' });

describeObjectConformance('vCenter /rest', {
  harness: { ...vcsaHarness, start: async (options) => (await startVcsaRig(options, { apiStyle: 'rest' })).rig },
  gives: 'inventory',
  maxRequests: 30,
  listPath: '/vcenter/vm',
});

describeObjectConformance('VB365', {
  harness: vb365Harness,
  gives: 'backedUp',
  skip: (rig) => ({ jobId: rig.jobId, resource: rig.scenario.job(rig.jobId)!.resources[0]! }),
  maxRequests: 20,
  listPath: '/UserData',
});

describeObjectConformance('VB365 v7', {
  harness: { ...vb365Harness, start: (options) => startVb365Rig(options, { apiVersion: 'v7' }) },
  gives: 'backedUp',
  skip: (rig) => ({ jobId: rig.jobId, resource: rig.scenario.job(rig.jobId)!.resources[0]! }),
  maxRequests: 20,
  listPath: '/UserData',
});

describeObjectConformance('SPP', {
  harness: sppHarness,
  gives: 'backedUp',
  skip: () => ({ jobId: '1010', resource: 'web-prod-02' }),
  maxRequests: 30,
  listPath: '/catalog/recovery/hypervisorvm',
});

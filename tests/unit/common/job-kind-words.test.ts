/**
 * Every vendor's jobs are named by their kind in Backwatch's words, from the vendor's own type word:
 * SPP's SLA policy and inventory jobs, VB365's backup and backup copy jobs, the vCenter appliance's
 * backup, VBR's kinds. A word no descriptor translates names no kind rather than the vendor's word.
 */
import { describe, expect, it } from 'vitest';
import type { Vendor } from '../../../src-main/common/model.js';
import { jobStates } from '../../../src-main/common/status-rules.js';
import { VBR_KINDS } from '../../../src-main/common/vendors/vbr/vbr-kinds.js';
import { makeApplianceState, makeJob, makeSettings, T0 } from './factories.js';

function kindOf(vendor: Vendor, type: string | null): string | null {
  const state = makeApplianceState({ appliance: { vendor }, jobs: [makeJob({ id: 'j', type })], sessions: [] });
  return jobStates(state, makeSettings(), T0).find((job) => job.jobId === 'j')!.kind;
}

describe("a job's kind in Backwatch's words", () => {
  it("names SPP's SLA policy jobs as backups and its catalog jobs as inventories", () => {
    expect(kindOf('spp', 'protection')).toBe('Backup');
    expect(kindOf('spp', 'catalog')).toBe('Inventory');
    expect(kindOf('spp', 'maintenance')).toBe('Maintenance');
  });

  it("names VB365's backup jobs and backup copy jobs, whatever the letter case", () => {
    expect(kindOf('vb365', 'Backup')).toBe('Backup');
    expect(kindOf('vb365', 'copy')).toBe('Backup copy');
    expect(kindOf('vb365', 'BackupCopy')).toBe('Backup copy');
  });

  it("names the vCenter appliance's one job as the appliance's backup", () => {
    // The type its connector gives the appliance's synthetic job (tested with the vCenter parser).
    expect(kindOf('vcsa', 'appliance-backup')).toBe('Appliance backup');
  });

  it("names VBR's kinds as before", () => {
    expect(kindOf('vbr', VBR_KINDS.backupCopy.label)).toBe(VBR_KINDS.backupCopy.label);
    expect(kindOf('vbr', VBR_KINDS.logBackup.label)).toBe(VBR_KINDS.logBackup.label);
  });

  it('names no kind for a word no descriptor translates, nor for a job without a type', () => {
    expect(kindOf('spp', 'hologram')).toBeNull();
    expect(kindOf('vb365', null)).toBeNull();
  });
});

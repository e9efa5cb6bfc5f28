/** The CLI names each job's kind where its vendor tells kinds apart, and spares other fleets an empty column. */
import { describe, expect, it } from 'vitest';
import { renderJobs } from '../../../src-main/cli/job-commands.js';
import { renderSessions } from '../../../src-main/cli/report.js';
import { VBR_KINDS } from '../../../src-main/common/vendors/vbr/vbr-kinds.js';
import { makeJobState, makeSession, T0 } from '../common/factories.js';

const LOG = VBR_KINDS.logBackup.label;
const COPY = VBR_KINDS.backupCopy.label;
const names = (id: string) => (id === 'b1' ? 'VBR' : 'SPP prod');
const cells = (line: string | undefined) => (line ?? '').split(/\s{2,}/);

describe('the KIND column', () => {
  it('names the kind of each session of a vendor that has kinds, and leaves other vendors’ words out', () => {
    const logs = makeSession({ applianceId: 'b1', vendor: 'vbr', jobName: 'SQL logs', type: LOG });
    const spp = makeSession({ jobName: 'Nightly VMs', type: 'protection' });
    const [head, ...rows] = renderSessions([logs, spp], names, T0).split('\n');
    expect(cells(head).slice(0, 5)).toEqual(['STARTED', 'APPLIANCE', 'JOB', 'KIND', 'STATUS']);
    expect(cells(rows[0])).toContain(LOG);
    expect(rows[1]).not.toContain('protection');
    expect(renderSessions([spp], names, T0).split('\n')[0]).not.toContain('KIND');
  });

  it('names the kind of each job in `backwatch jobs`, and only where one has a kind', () => {
    const view = (kind: string | null) => ({
      ...makeJobState({ jobId: 'j', jobName: 'Offsite', kind }),
      applianceName: 'VBR',
      vendor: 'vbr' as const,
    });
    const [head, row] = renderJobs([view(COPY)], T0).split('\n');
    expect(cells(head).slice(0, 4)).toEqual(['APPLIANCE', 'JOB', 'KIND', 'PROTECTION']);
    expect(cells(row).slice(0, 3)).toEqual(['VBR', 'Offsite', COPY]);
    expect(renderJobs([view(null)], T0).split('\n')[0]).toMatch(/^APPLIANCE\s+JOB\s+PROTECTION/);
  });
});

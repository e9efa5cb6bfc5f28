/** Rows speak Backwatch's words; the vendor's own stay in the details. */
import { describe, expect, it } from 'vitest';
import { VBR_KINDS } from '../../../src-main/common/vendors/vbr/vbr-kinds.js';
import { sessionNote, sessionType, sessionWhere } from '../../../src-renderer/lib/session-words.js';
import { session } from './fixtures.js';

describe('a session in Backwatch’s words', () => {
  it('names the kind of run or what started it, never the vendor’s word', () => {
    expect(sessionWhere(session({ id: 's', type: 'protection' }), 'SPP prod')).toBe('SPP prod · Backup');
    expect(sessionWhere(session({ id: 'v', vendor: 'vcsa', type: 'MANUAL' }), 'Lab')).toBe('Lab · Manual');
    expect(sessionWhere(session({ id: 'v', vendor: 'vcsa', type: 'SCHEDULED' }), 'Lab')).toBe('Lab · Scheduled');
    expect(sessionWhere(session({ id: 'b', vendor: 'vbr', type: VBR_KINDS.logBackup.label }), 'VBR')).toBe('VBR · Log backup');
    // A word nobody translated is left to the details.
    expect(sessionWhere(session({ id: 'x', type: 'SomethingNew' }), 'SPP prod')).toBe('SPP prod');
  });

  it('keeps the vendor’s own word beside Backwatch’s in the details', () => {
    expect(sessionType('spp', 'protection')).toBe('Backup (vendor type “protection”)');
    expect(sessionType('vcsa', 'MANUAL')).toBe('Manual (vendor type “MANUAL”)');
    expect(sessionType('vbr', VBR_KINDS.backupCopy.label)).toBe('Backup copy');
    expect(sessionType('spp', 'SomethingNew')).toBe('SomethingNew');
  });

  it('lets a vendor’s message explain a problem, and leaves its boilerplate out of a success', () => {
    expect(sessionNote(session({ id: 'f', status: 'failed', message: '1 of 2 VMs failed' }))).toBe('1 of 2 VMs failed');
    expect(sessionNote(session({ id: 'c', status: 'succeeded', message: 'Backup job finished successfully.' }))).toBe('');
    expect(sessionNote(session({ id: 'c', status: 'succeeded', vendorStatus: 'Success' }))).toBe('');
    expect(sessionNote(session({ id: 't', status: 'succeeded', transferredBytes: 37_600_000_000 }))).toBe('37.6 GB transferred');
  });
});

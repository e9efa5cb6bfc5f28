/** VB365's and SPP's object answers read defensively: odd fields read or left out, a body without its list is one clear error. */
import { describe, expect, it } from 'vitest';
import { parseVb365Held, parseVb365Processed } from '../../../src-main/core/connectors/vb365/vb365-object-parser.js';
import { parseSppLastRuns, parseSppRecoveryVms } from '../../../src-main/core/connectors/spp/spp-object-parser.js';
import { ConnectorError } from '../../../src-main/core/http/errors.js';
import { silentLogger } from '../../../src-main/core/logger.js';

const ctx = { applianceId: 'a-1', log: silentLogger };
const T = Date.UTC(2026, 2, 2, 9);

function thrown(read: () => unknown): ConnectorError {
  try {
    read();
  } catch (e) {
    if (e instanceof ConnectorError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('VB365 object answers', () => {
  it('a user has the parts backed up (by flag or time), nulls and junk times included; entries without an id are left out', () => {
    const page = parseVb365Held(
      {
        results: [
          {
            id: 'u1',
            email: 'adele@contoso.com',
            mailboxBackedUpTime: '2026-03-02T09:00:00.1234567Z',
            isMailboxBackedUp: 'true',
            archiveBackedUpTime: null,
            isArchiveBackedUp: true,
            oneDriveBackedUpTime: 'soon',
            isOneDriveBackedUp: false,
          },
          { id: null, email: 'x@contoso.com' },
          'junk',
        ],
      },
      'user',
      ctx,
    );
    expect(page.received).toBe(3);
    expect(page.items).toEqual([{ id: 'u1', name: 'adele@contoso.com', kind: 'user', partTimes: { mailbox: T + 123, archive: null } }]);
  });

  it('a processed object is failed in any casing; a body without results is malformed in one line', () => {
    expect(parseVb365Processed([{ id: 'u1', status: 'FAILED' }, { id: 'u2', status: 42 }, {}], ctx).items).toEqual([
      { id: 'u1', failed: true },
      { id: 'u2', failed: false },
    ]);
    const e = thrown(() => parseVb365Held({ results: 'none' }, 'site', ctx));
    expect(e.kind).toBe('malformed');
    expect(e.message).not.toContain('\n');
  });
});

describe('SPP object answers', () => {
  it('reads a copy time in seconds, milliseconds or as text, and leaves out VMs without an id or a name', () => {
    const page = parseSppRecoveryVms(
      {
        children: [
          { id: 'a', name: 'web-01', properties: { protectionInfo: { protectionTime: T } } },
          { id: 'b', properties: { name: 'web-02', protectionInfo: { protectionTime: String(T / 1000) } } },
          { id: 'c', name: 'web-03', properties: { protectionInfo: null } },
          { id: 'd', name: 'web-04', properties: { protectionInfo: { protectionTime: 4e15 } } },
          { name: 'nameless' },
          7,
        ],
        total: 0,
      },
      ctx,
    );
    expect(page.received).toBe(6);
    expect(page.items).toEqual([
      { id: 'a', name: 'web-01', protectedMs: T },
      { id: 'b', name: 'web-02', protectedMs: T },
      { id: 'c', name: 'web-03', protectedMs: null },
      { id: 'd', name: 'web-04', protectedMs: Date.UTC(2096, 9, 2, 7, 6, 40) },
    ]);
  });

  it('a job that never ran has no newest run; a body without its list is malformed in one line', () => {
    const runs = parseSppLastRuns(
      {
        jobs: [
          { id: 1010, lastrun: { sessionId: 1700000000123, end: null } },
          { id: '1011', lastrun: null },
        ],
      },
      ctx,
    );
    expect(runs.items).toEqual([{ jobId: '1010', sessionId: '1700000000123', endMs: null }]);
    const e = thrown(() => parseSppRecoveryVms({ vms: [] }, ctx));
    expect(e.kind).toBe('malformed');
    expect(e.message).not.toContain('\n');
  });
});

/**
 * The event streams of the team API against a token that goes away: removing the token (from
 * another process, as `serve token remove` does) ends the streams it opened within a second.
 */
import { mkdtempSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTokenStore } from '../../src-main/serve/token-store.js';
import { startServedFleet, type ServedFleet } from '../support/served-fleet.js';
import { withTimeout } from '../support/with-timeout.js';

const tokenDir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-streams-'));

/** Opens an event stream; resolves once its first frame came, with a promise of its end. */
function openStream(url: string, token: string): Promise<{ res: IncomingMessage; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/v1/events`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      const ended = new Promise<void>((done) => res.once('close', done));
      res.once('data', () => resolve({ res, ended }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('event streams of a removed token', () => {
  let fleet: ServedFleet;
  beforeAll(async () => {
    fleet = await startServedFleet(1, { settings: { pollIntervalSec: 3600 }, serve: { tokens: openTokenStore(tokenDir) } });
  });
  afterAll(() => fleet.close());

  it('end within a second of the removal, while another token keeps streaming', { timeout: 15_000 }, async () => {
    const cli = openTokenStore(tokenDir);
    const doomed = await cli.add('doomed', 'read', new Date());
    const kept = await cli.add('kept', 'read', new Date());
    const revoked = await openStream(fleet.server.url, doomed);
    const other = await openStream(fleet.server.url, kept);
    let otherEnded = false;
    void other.ended.then(() => (otherEnded = true));

    expect(await cli.remove('doomed')).toBe(true);
    await withTimeout(revoked.ended, 1000, 'the revoked stream to end');
    expect(otherEnded).toBe(false);
    expect(fleet.logLines.some((l) => l.includes('its token was removed') && l.includes('doomed'))).toBe(true);
    other.res.destroy();
  });
});

/**
 * The team API of `backwatch serve`: tokens made by the CLI and kept hashed, scopes, the failed-attempt
 * limit, acknowledge and mute, and the event stream, which costs the appliances nothing per desktop.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main.js';
import { TOKEN_FILE_NAME, openTokenStore } from '../../src-main/serve/token-store.js';
import { withTimeout } from '../support/with-timeout.js';
import { httpGet, startServedFleet, type ServedFleet } from '../support/served-fleet.js';
import { eventually } from '../support/eventually.js';

const tokenDir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-tokens-'));
let clock = Date.now();

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const term = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), readStdin: async () => '', isTTY: false };
  const code = await runCli(['serve', 'token', ...args, '--config-dir', tokenDir], term, {});
  return { code, out, err };
}

/** An event-stream client: the events it has received so far, by name. */
function subscribe(url: string, token: string) {
  const events: { event: string; data: unknown }[] = [];
  let buffer = '';
  const req = request(`${url}/api/v1/events`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    });
  });
  req.on('error', () => {});
  req.end();
  const waitFor = (accept: (e: { event: string; data: unknown }) => boolean) =>
    eventually(() => events.some(accept), 10_000, 'the event', {
      intervalMs: 20,
      detail: () => `Got ${events.map((e) => e.event).join(', ')}`,
    });
  return { events, waitFor, close: () => req.destroy() };
}

describe('the team API', () => {
  let fleet: ServedFleet;
  let reader: string;
  let operator: string;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const read = await cli(['add', 'alice-laptop', '--scope', 'read']);
    const operate = await cli(['add', 'oncall', '--scope', 'operate']);
    expect([read.code, operate.code]).toEqual([0, 0]);
    [reader, operator] = [read.out[0]!, operate.out[0]!];
    fleet = await startServedFleet(1, {
      settings: { pollIntervalSec: 3600 },
      serve: { tokens: openTokenStore(tokenDir), now: () => clock },
    });
    await fleet.core.handlers['appliances:refresh']();
  });
  afterAll(() => fleet.close());

  it('prints a token once, lists tokens without it, and keeps only its hash', async () => {
    expect(reader).toMatch(/^bw_[A-Za-z0-9_-]{43}$/);
    expect(reader).not.toBe(operator);
    const file = readFileSync(path.join(tokenDir, TOKEN_FILE_NAME), 'utf8');
    expect(file).not.toContain(reader.slice(3));
    const list = await cli(['list', '--json']);
    expect(JSON.parse(list.out[0]!)).toEqual([
      { name: 'alice-laptop', scope: 'read', createdAt: expect.any(String) },
      { name: 'oncall', scope: 'operate', createdAt: expect.any(String) },
    ]);
    expect(list.out.join('')).not.toContain(reader);
    expect((await cli(['add', 'oncall', '--scope', 'read'])).err[0]).toMatch(/A token named "oncall" exists/);
    expect((await cli(['add', 'x', '--scope', 'admin'])).err[0]).toMatch(/--scope takes read or operate/);
    expect((await cli(['add', 'temp', '--scope', 'read'])).code).toBe(0);
    expect((await cli(['remove', 'temp'])).code).toBe(0);
    expect((await cli(['remove', 'temp'])).err[0]).toMatch(/There is no token named "temp"/);
  });

  it('reads with a token of either scope and refuses without one', async () => {
    for (const token of [reader, operator]) {
      const status = await httpGet(`${fleet.server.url}/api/v1/status`, bearer(token));
      expect(status.status).toBe(200);
      expect(JSON.parse(status.text)).toMatchObject({ appliances: [{ name: 'SPP 1' }] });
    }
    const jobs = JSON.parse((await httpGet(`${fleet.server.url}/api/v1/jobs`, bearer(reader))).text) as unknown[];
    expect(jobs).toHaveLength(fleet.sims[0]!.scenario.jobs().length);
    const head = await withTimeout(httpGet(`${fleet.server.url}/api/v1/events`, bearer(reader), 'HEAD'), 5000, 'the HEAD answer');
    expect(head).toMatchObject({ status: 200, text: '' });
    const odd = await httpGet(`${fleet.server.url}/api/v1/sessions?appliance=../../x`, bearer(reader));
    expect(odd.status).toBe(400);
    const refused = await httpGet(`${fleet.server.url}/api/v1/status`);
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="backwatch"');
  });

  it('lets only an operate token acknowledge or mute, as JSON', async () => {
    const job = fleet.sims[0]!.scenario.jobs()[0]!;
    const body = JSON.stringify({ applianceId: 'spp-1', jobId: job.id, on: true });
    const json = { 'content-type': 'application/json' };
    expect((await httpGet(`${fleet.server.url}/api/v1/mute`, { ...bearer(reader), ...json }, 'POST', body)).status).toBe(403);
    expect(
      (await httpGet(`${fleet.server.url}/api/v1/mute`, { ...bearer(operator), 'content-type': 'text/plain' }, 'POST', body)).status,
    ).toBe(415);
    expect((await httpGet(`${fleet.server.url}/api/v1/mute`, { ...bearer(operator), ...json }, 'POST', '{"applianceId":')).status).toBe(
      400,
    );
    for (const unknown of [
      { applianceId: 'spp-404', jobId: job.id },
      { applianceId: 'spp-1', jobId: 'no-such-job' },
    ]) {
      const refused = await httpGet(
        `${fleet.server.url}/api/v1/mute`,
        { ...bearer(operator), ...json },
        'POST',
        JSON.stringify({ ...unknown, on: true }),
      );
      expect(refused.status).toBe(400);
    }
    const muted = await httpGet(`${fleet.server.url}/api/v1/mute`, { ...bearer(operator), ...json }, 'POST', body);
    expect(muted.status).toBe(200);
    const jobs = await fleet.core.handlers['jobs:list']({});
    expect(jobs.find((j) => j.jobId === job.id)!.muted).toBe(true);
  });

  it('lets only an operate token acknowledge a machine, and refuses one it does not know in one line', async () => {
    const url = `${fleet.server.url}/api/v1/objects/acknowledge`;
    const json = { 'content-type': 'application/json' };
    const body = JSON.stringify({ key: 'vm:nope/1', on: true });
    expect((await httpGet(url, { ...bearer(reader), ...json }, 'POST', body)).status).toBe(403);
    const unknown = await httpGet(url, { ...bearer(operator), ...json }, 'POST', body);
    expect([unknown.status, JSON.parse(unknown.text)]).toEqual([400, { error: 'Backwatch does not know this machine (any more).' }]);
    const undone = await httpGet(url, { ...bearer(operator), ...json }, 'POST', JSON.stringify({ key: 'vm:nope/1', on: false }));
    expect(undone.status).toBe(200);
  });

  it('streams snapshots and change events, and desktops add no request to the appliance', async () => {
    const sim = fleet.sims[0]!;
    const cycleRequests = async () => {
      sim.server.resetStats();
      await fleet.core.handlers['appliances:refresh']();
      return sim.server.stats.requests;
    };
    const alone = await cycleRequests();
    const desktops = Array.from({ length: 20 }, () => subscribe(fleet.server.url, reader));
    await Promise.all(desktops.map((d) => d.waitFor((e) => e.event === 'status')));
    const run = sim.scenario.startRun(sim.scenario.jobs()[1]!.id);
    sim.scenario.finishRun(run.id, 'failed');
    const withDesktops = await cycleRequests();
    expect(withDesktops).toBe(alone);
    await Promise.all(
      desktops.map((d) =>
        d.waitFor(
          (e) => e.event === 'changes' && (e.data as { kind: string; session?: { id: string } }[]).some((c) => c.session?.id === run.id),
        ),
      ),
    );
    await desktops[0]!.waitFor((e) => e.event === 'sessions');
    desktops.forEach((d) => d.close());
  });

  it('refuses the failures of an address after repeated ones, never a good token, and logs it twice', async () => {
    const attempt = (token: string) => httpGet(`${fleet.server.url}/api/v1/status`, bearer(token)).then((r) => r.status);
    const logged = () => fleet.logLines.filter((l) => /Refus(ed|ing) .*token/.test(l)).length;
    const before = logged();
    clock += 5 * 60_000 + 1; // past the failure of an earlier test
    for (let i = 0; i < 5; i++) expect(await attempt(`bw_wrong${i}`)).toBe(401);
    expect(await attempt(reader)).toBe(200);
    const blocked = await httpGet(`${fleet.server.url}/api/v1/status`, bearer('bw_wrong'));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) expect(await attempt(`bw_more${i}`)).toBe(429);
    // The first failure and the one that blocked: not one line per request.
    expect(logged() - before).toBe(2);
    clock += 5 * 60_000 + 1;
    expect(await withTimeout(attempt('bw_wrong'), 5000, 'the answer')).toBe(401);
    expect(await attempt(reader)).toBe(200);
  });

  it('believes X-Forwarded-For only from the trusted proxy', async () => {
    const proxied = await startServedFleet(1, {
      settings: { pollIntervalSec: 3600 },
      serve: { tokens: openTokenStore(tokenDir), now: () => clock, trustedProxy: '127.0.0.1' },
    });
    try {
      const from = (client: string, url = proxied.server.url) =>
        httpGet(`${url}/api/v1/status`, { ...bearer('bw_wrong'), 'x-forwarded-for': `198.51.100.9, ${client}` }).then((r) => r.status);
      for (let i = 0; i < 5; i++) expect(await from('203.0.113.5')).toBe(401);
      expect(await from('203.0.113.5')).toBe(429);
      expect(await from('203.0.113.6')).toBe(401);
      // Not from a trusted proxy: the header is the client's own claim, and every request is 127.0.0.1's.
      clock += 5 * 60_000 + 1;
      for (let i = 0; i < 5; i++) expect(await from(`203.0.113.${10 + i}`, fleet.server.url)).toBe(401);
      expect(await from('203.0.113.99', fleet.server.url)).toBe(429);
    } finally {
      await proxied.close();
    }
  });
});

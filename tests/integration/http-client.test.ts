import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../../src-main/core/http/http-client.js';
import { startHttpsSimulator, type HttpsSimulator, type SimHandler } from '../../src-main/demo/sim/https-simulator.js';
import { failure } from './failure.js';

const echo: SimHandler = (req) =>
  req.path === '/text' ? { status: 200, body: 'not json' } : { status: 200, body: { path: req.path, query: req.query.getAll('a') } };

const opened: { sim?: HttpsSimulator; client?: HttpClient }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.client?.close();
    await o.sim?.close();
  }
});

async function setup(handler: SimHandler = echo, pinned = true) {
  const sim = await startHttpsSimulator({ handler });
  const client = createHttpClient({
    baseUrl: sim.url,
    retryDelayMs: 5,
    ...(pinned ? { pin: { fingerprint256: sim.fingerprint256, pem: sim.pem } } : {}),
  });
  opened.push({ sim, client });
  return { sim, client };
}

describe('http client with a pinned certificate', () => {
  it('talks to an appliance whose self-signed certificate is pinned', async () => {
    const { client } = await setup();
    await expect(client.json({ path: '/x', query: { a: [1, 2] } })).resolves.toEqual({ path: '/x', query: ['1', '2'] });
    expect(client.stats.requests).toBe(1);
    expect(client.stats.bytes).toBeGreaterThan(0);
  });

  it('refuses an unpinned self-signed certificate and reports what was presented', async () => {
    const { sim, client } = await setup(echo, false);
    const error = await failure(client.json({ path: '/x' }));
    expect(error.kind).toBe('untrusted_certificate');
    expect(error.extra.certificate?.fingerprint256).toBe(sim.fingerprint256);
    expect(error.extra.certificate?.subject).toContain('CN=appliance.local');
  });

  it('stops trusting the appliance when its certificate changes', async () => {
    const { sim, client } = await setup();
    const before = sim.fingerprint256;
    await client.json({ path: '/x' });
    await sim.rotateCertificate();
    const error = await failure(client.json({ path: '/x' }));
    expect(error.kind).toBe('untrusted_certificate');
    expect(error.extra.certificate?.fingerprint256).toBe(sim.fingerprint256);
    expect(error.extra.certificate?.fingerprint256).not.toBe(before);
  });
});

describe('http client failures', () => {
  it('retries a 5xx and then succeeds', async () => {
    const { sim, client } = await setup();
    sim.faults.once('error5xx', 2);
    await expect(client.json({ path: '/x' })).resolves.toMatchObject({ path: '/x' });
    expect(sim.stats.requests).toBe(3);
  });

  it('gives up after the bounded retries with an http error', async () => {
    const { sim, client } = await setup();
    sim.faults.once('error5xx', 5);
    const error = await failure(client.json({ path: '/x', retries: 1 }));
    expect(error.kind).toBe('http');
    expect(error.extra.status).toBe(503);
    expect(sim.stats.requests).toBe(2);
  });

  it('reports a body that is not JSON with context', async () => {
    const { client } = await setup();
    const error = await failure(client.json({ path: '/text' }));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('/text');
    expect(error.message).toContain('not json');
  });

  it('refuses an answer larger than the cap', async () => {
    const { sim, client } = await setup();
    sim.faults.set({ hugeRate: 1, hugeBodyBytes: 2 * 1024 * 1024 });
    const error = await failure(client.json({ path: '/x', maxBytes: 1024 * 1024 }));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/larger than/);
  });

  it('maps 401 and 429 to auth_failed and rate_limited', async () => {
    const { client } = await setup((req) =>
      req.path === '/auth' ? { status: 401, body: {} } : { status: 429, headers: { 'retry-after': '30' }, body: {} },
    );
    expect((await failure(client.json({ path: '/auth' }))).kind).toBe('auth_failed');
    const limited = await failure(client.json({ path: '/limited' }));
    expect(limited.kind).toBe('rate_limited');
    expect(limited.extra.retryAfterMs).toBe(30_000);
  });

  it('reports a dead appliance as unreachable, and a dropped connection too', async () => {
    const { sim, client } = await setup();
    sim.faults.once('drop', 5);
    expect((await failure(client.json({ path: '/x', retries: 1 }))).kind).toBe('unreachable');
    sim.faults.clear();
    await sim.setDown(true);
    expect((await failure(client.json({ path: '/x', retries: 0 }))).kind).toBe('unreachable');
    await sim.setDown(false);
    await expect(client.json({ path: '/x' })).resolves.toMatchObject({ path: '/x' });
  });

  it('times out a request that gets no answer', async () => {
    const { sim, client } = await setup();
    sim.faults.once('hang', 1);
    const error = await failure(client.json({ path: '/x', timeoutMs: 200, retries: 0 }));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(/in time/);
  });

  it('never follows a link to another host', async () => {
    const { client } = await setup();
    const error = await failure(client.json({ path: 'https://elsewhere.example/x' }));
    expect(error.kind).toBe('malformed');
  });

  it('cancels on request', async () => {
    const { sim, client } = await setup();
    sim.faults.once('hang', 1);
    const controller = new AbortController();
    const pending = client.json({ path: '/x', signal: controller.signal, retries: 0 });
    setTimeout(() => controller.abort(), 50);
    expect((await failure(pending)).kind).toBe('canceled');
  });
});

describe("http client and the caller's abort signal", () => {
  it('leaves no abort listener on a long-lived signal, however many retries share it', async () => {
    const { sim, client } = await setup();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      // One signal for many polls, as the poller holds one per appliance: 5xx bursts, then an outage.
      const { signal } = new AbortController();
      sim.faults.once('error5xx', 30);
      for (let i = 0; i < 15; i++) await client.request({ path: '/x', retries: 2, signal });
      await sim.setDown(true);
      for (let i = 0; i < 15; i++) expect((await failure(client.json({ path: '/x', retries: 2, signal }))).kind).toBe('unreachable');
      await sim.setDown(false);
      await expect(client.json({ path: '/x', signal })).resolves.toMatchObject({ path: '/x' });
      expect(getEventListeners(signal, 'abort')).toHaveLength(0);
      // Node emits MaxListenersExceededWarning on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.message)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('stops retrying at once when the caller aborts', async () => {
    const controller = new AbortController();
    const { sim, client } = await setup(() => {
      controller.abort();
      return { status: 503, body: {} };
    });
    expect((await failure(client.json({ path: '/x', retries: 3, signal: controller.signal }))).kind).toBe('canceled');
    expect(sim.stats.requests).toBe(1);
  });
});

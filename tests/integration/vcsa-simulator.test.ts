import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../../src-main/core/http/http-client.js';
import {
  VCSA_SCHEDULE_ID,
  startVcsaSimulator,
  type VcsaSimulator,
  type VcsaSimulatorOptions,
} from '../../src-main/demo/vcsa/vcsa-simulator.js';

const T0 = Date.UTC(2026, 0, 22, 9, 0, 0);
let t = T0;
const opened: { sim: VcsaSimulator; http: HttpClient }[] = [];

afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.http.close();
    await o.sim.close();
  }
});

async function start(options: VcsaSimulatorOptions = {}) {
  t = T0;
  const sim = await startVcsaSimulator({ historySize: 4, now: () => t, ...options });
  const http = createHttpClient({
    baseUrl: sim.url,
    pin: { fingerprint256: sim.server.fingerprint256, pem: sim.server.pem },
    retryDelayMs: 5,
  });
  opened.push({ sim, http });
  const basic = `Basic ${Buffer.from(`${sim.credentials.username}:${sim.credentials.password}`).toString('base64')}`;
  const login = async (path: string) => http.request({ method: 'POST', path, headers: { authorization: basic } });
  return { sim, http, login };
}

describe('VCSA simulator', () => {
  it('answers /api login with 201 and a bare JSON string, /rest with {value}', async () => {
    const { login } = await start();
    const api = await login('/api/session');
    expect(api.status).toBe(201);
    expect(typeof JSON.parse(api.text)).toBe('string');
    const rest = await login('/rest/com/vmware/cis/session');
    expect(rest.status).toBe(200);
    expect(JSON.parse(rest.text)).toEqual({ value: expect.any(String) });
  });

  it('answers 404 for the style it does not serve', async () => {
    const { login } = await start({ apiStyle: 'rest' });
    expect((await login('/api/session')).status).toBe(404);
    expect((await login('/rest/com/vmware/cis/session')).status).toBe(200);
  });

  it('sends 401 in the error shape of each style', async () => {
    const { http } = await start();
    const api = await http.request({ path: '/api/appliance/recovery/backup/job' });
    const rest = await http.request({ path: '/rest/appliance/recovery/backup/job' });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.text)).toMatchObject({ error_type: 'UNAUTHENTICATED', messages: [{ default_message: expect.any(String) }] });
    expect(rest.status).toBe(401);
    expect(JSON.parse(rest.text)).toMatchObject({
      type: 'com.vmware.vapi.std.errors.unauthenticated',
      value: { messages: [{ id: expect.any(String) }] },
    });
  });

  it('lists timestamp-like job ids and filters details by id in both /rest spellings', async () => {
    const { sim, http, login } = await start();
    const token = JSON.parse((await login('/rest/com/vmware/cis/session')).text).value as string;
    const headers = { 'vmware-api-session-id': token };
    const ids = ((await http.json({ path: '/rest/appliance/recovery/backup/job', headers })) as { value: string[] }).value;
    expect(ids).toHaveLength(4);
    for (const id of ids) expect(id).toMatch(/^\d{8}-\d{6}-\d+$/);
    const [a, b] = ids;
    for (const query of [{ 'filter.jobs': [a!, b!] }, { 'filter.jobs.1': a!, 'filter.jobs.2': b! }]) {
      const body = (await http.json({ path: '/rest/appliance/recovery/backup/job/details', query, headers })) as {
        value: { key: string }[];
      };
      expect(body.value.map((e) => e.key)).toEqual([a, b]);
    }
    expect(sim.openSessions).toBe(1);
  });

  it('renders a running job without end_time and a finished one with it; /job/{id} uses state words', async () => {
    const { sim, http, login } = await start();
    const headers = { 'vmware-api-session-id': JSON.parse((await login('/api/session')).text) as string };
    const run = sim.scenario.startRun(VCSA_SCHEDULE_ID);
    t += 60_000;
    const details = (await http.json({ path: '/api/appliance/recovery/backup/job/details', query: { jobs: run.id }, headers })) as Record<
      string,
      Record<string, unknown>
    >;
    expect(details[run.id]).toMatchObject({ status: 'RUNNING', type: 'MANUAL', progress: { total: 100 } });
    expect(details[run.id]).not.toHaveProperty('end_time');
    expect(await http.json({ path: `/api/appliance/recovery/backup/job/${run.id}`, headers })).toMatchObject({ state: 'INPROGRESS' });
    sim.scenario.finishRun(run.id, 'failed');
    const after = (await http.json({ path: '/api/appliance/recovery/backup/job/details', query: { jobs: run.id }, headers })) as Record<
      string,
      Record<string, unknown>
    >;
    expect(after[run.id]).toMatchObject({ status: 'FAILED', end_time: expect.any(String), error: { error_type: 'ERROR' } });
    expect(await http.json({ path: `/api/appliance/recovery/backup/job/${run.id}`, headers })).toMatchObject({ state: 'FAILED' });
  });
});

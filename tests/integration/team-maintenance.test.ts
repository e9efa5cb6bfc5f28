/**
 * Maintenance windows through `backwatch serve`: the team API lets operate tokens list, add and
 * remove them, read tokens only list them; /metrics shows `backwatch_maintenance` while one is open.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maintenanceWindowSchema, maintenanceWindowViewsSchema } from '../../src-main/common/team-wire.js';
import { openTokenStore } from '../../src-main/serve/token-store.js';
import { httpGet, startServedFleet, type ServedFleet } from '../support/served-fleet.js';

const tokenDir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-maintenance-tokens-'));
const HOUR = 3_600_000;

describe('maintenance windows in serve mode', () => {
  let fleet: ServedFleet;
  let reader: string;
  let operator: string;
  const json = { 'content-type': 'application/json' };
  const as = (token: string) => ({ authorization: `Bearer ${token}`, ...json });
  const api = (token: string, route: string, body?: unknown) =>
    httpGet(
      `${fleet.server.url}/api/v1/${route}`,
      as(token),
      body === undefined ? 'GET' : 'POST',
      body === undefined ? undefined : JSON.stringify(body),
    );
  const maintenanceSeries = async () =>
    (await httpGet(`${fleet.server.url}/metrics`)).text.split('\n').filter((line) => line.startsWith('backwatch_maintenance{'));

  beforeAll(async () => {
    const tokens = openTokenStore(tokenDir);
    reader = await tokens.add('laptop', 'read', new Date());
    operator = await tokens.add('oncall', 'operate', new Date());
    fleet = await startServedFleet(1, { settings: { pollIntervalSec: 3600 }, serve: { tokens } });
    await fleet.core.handlers['appliances:refresh']();
  });
  afterAll(async () => {
    await fleet.close();
    rmSync(tokenDir, { recursive: true, force: true });
  });

  it('lists windows to read tokens, refuses their changes, and lets operate tokens add, list and remove windows', async () => {
    const job = fleet.sims[0]!.scenario.jobs()[0]!;
    const now = Date.now();
    const draft = {
      label: 'Storage firmware',
      scope: { kind: 'job', applianceId: 'spp-1', jobId: job.id },
      schedule: { kind: 'once', fromMs: now - HOUR, toMs: now + HOUR },
    };
    // Every desktop of the team lists the windows; only an operate token changes them.
    expect((await api(reader, 'maintenance')).status).toBe(200);
    expect((await api(reader, 'maintenance', draft)).status).toBe(403);
    expect((await api(reader, 'maintenance/remove', { id: 'x' })).status).toBe(403);

    const added = await api(operator, 'maintenance', draft);
    expect(added.status).toBe(201);
    const window = maintenanceWindowSchema.parse(JSON.parse(added.text));
    expect(window).toMatchObject(draft);
    const listed = maintenanceWindowViewsSchema.parse(JSON.parse((await api(operator, 'maintenance')).text));
    expect(listed).toEqual([{ ...window, openUntil: new Date(now + HOUR).toISOString() }]);
    expect(await maintenanceSeries()).toEqual([`backwatch_maintenance{appliance="SPP 1",vendor="spp",job="${job.name}"} 1`]);

    const bad = await api(operator, 'maintenance', { ...draft, schedule: { kind: 'cron', expression: 'nightly', durationMin: 60 } });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error).toMatch(/five fields/);
    expect((await api(operator, 'maintenance/remove', { id: 'nope' })).status).toBe(400);
    expect(await api(operator, 'maintenance/remove', { id: window.id })).toMatchObject({ status: 200 });
    expect(JSON.parse((await api(operator, 'maintenance')).text)).toEqual([]);
    expect(await maintenanceSeries()).toEqual([]);
  });

  it('exports a whole appliance in maintenance without a job label, alongside each of its jobs', async () => {
    const now = Date.now();
    const all = await api(operator, 'maintenance', {
      label: 'Everything',
      scope: { kind: 'all' },
      schedule: { kind: 'once', fromMs: now - HOUR, toMs: now + HOUR },
    });
    expect(all.status).toBe(201);
    const series = await maintenanceSeries();
    expect(series[0]).toBe('backwatch_maintenance{appliance="SPP 1",vendor="spp"} 1');
    expect(series.slice(1)).toHaveLength(fleet.sims[0]!.scenario.jobs().length);
    await api(operator, 'maintenance/remove', { id: maintenanceWindowSchema.parse(JSON.parse(all.text)).id });
  });
});

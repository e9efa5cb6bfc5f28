/**
 * `backwatch serve` and protected objects: `GET /api/v1/objects` behind a read token, its query
 * checked by the core, and the object counts in `/metrics` with bounded labels. The SPP simulator
 * lists its recovery catalog; for the metrics, the core's fleet is given objects on the way to the server.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedObjectJudge } from '../../src-main/common/object-status.js';
import type { ObjectList } from '../../src-main/common/object-views.js';
import { DEFAULT_SETTINGS } from '../../src-main/common/settings.js';
import type { BackedUpObject, InventoryObject } from '../../src-main/common/protected-objects.js';
import type { FleetState } from '../../src-main/common/snapshot.js';
import type { AppCore } from '../../src-main/core/app/app-core.js';
import { silentLogger } from '../../src-main/core/logger.js';
import { startServe, type ServeHandle } from '../../src-main/serve/serve.js';
import { openTokenStore } from '../../src-main/serve/token-store.js';
import { httpGet, startServedFleet, type ServedFleet } from '../support/served-fleet.js';

const UUID = '5a1d2c3e-0000-4000-8000-00000000a001';
const HOUR = 3_600_000;
const tokenDir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-object-tokens-'));
let fleet: ServedFleet;
let token: string;

beforeAll(async () => {
  const tokens = openTokenStore(tokenDir);
  token = await tokens.add('alice-laptop', 'read', new Date());
  fleet = await startServedFleet(1, { settings: { pollIntervalSec: 3600 }, serve: { tokens } });
  await fleet.core.handlers['appliances:refresh']();
});
afterAll(() => fleet.close());

describe('GET /api/v1/objects', () => {
  it('wants a token, and answers the list with the fleet counts', async () => {
    expect((await httpGet(`${fleet.server.url}/api/v1/objects`)).status).toBe(401);
    const answer = await httpGet(`${fleet.server.url}/api/v1/objects?state=unprotected&state=at_risk&limit=5`, {
      authorization: `Bearer ${token}`,
    });
    expect(answer.status).toBe(200);
    const list = JSON.parse(answer.text) as ObjectList;
    // Only the states asked for, counted over the whole fleet: the SPP simulator's VMs are mostly protected.
    expect(list.objects.every((o) => o.state === 'unprotected' || o.state === 'at_risk')).toBe(true);
    expect(list.matching).toBe(list.counts.unprotected + list.counts.at_risk);
    expect(list.counts.protected).toBeGreaterThan(0);
    expect(list.exclusions).toEqual([]);
  });

  it('answers the page after an offset, worst first as the whole list', async () => {
    const ask = async (query: string) =>
      JSON.parse((await httpGet(`${fleet.server.url}/api/v1/objects?${query}`, { authorization: `Bearer ${token}` })).text) as ObjectList;
    const whole = await ask('limit=6');
    const later = await ask('offset=2&limit=4');
    expect(whole.objects.length).toBeGreaterThan(2);
    expect(later.objects.map((o) => o.key)).toEqual(whole.objects.slice(2).map((o) => o.key));
    expect(later.matching).toBe(whole.matching);
  });

  it.each(['state=lost', 'limit=0', 'limit=lots', 'offset=-1', 'offset=1.5', 'appliance=../../x'])(
    'refuses ?%s as the client’s mistake (400)',
    async (query) => {
      const answer = await httpGet(`${fleet.server.url}/api/v1/objects?${query}`, { authorization: `Bearer ${token}` });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toMatchObject({ error: expect.stringMatching(/^Invalid request objects:list: /) });
    },
  );
});

describe('the object gauges of /metrics', () => {
  let server: ServeHandle;

  /** SPP 1 backs up web-01 (fresh) and db-01 (40 h old); vcenter-prod lists both and test-07. */
  function withObjects(state: FleetState): FleetState {
    const [spp] = state.appliances;
    const backup = (name: string, ageMs: number): BackedUpObject => ({
      applianceId: spp!.appliance.id,
      id: name,
      name,
      kind: 'vm',
      platform: { instanceUuid: UUID, moref: name },
      jobIds: [],
      lastGoodPointMs: Date.now() - ageMs,
      lastFailureMs: null,
    });
    const vm = (name: string): InventoryObject => ({
      inventoryId: 'vc',
      platform: { instanceUuid: UUID, moref: name },
      name,
      folder: null,
      tags: [],
    });
    const objects = (backedUp: BackedUpObject[], inventory: InventoryObject[]) => ({ backedUp, inventory, readAt: state.at, error: null });
    const vcenter = {
      ...spp!,
      appliance: { ...spp!.appliance, id: 'vc', name: 'vcenter-prod', vendor: 'vcsa' as const },
      jobs: [],
      sessions: [],
    };
    return {
      ...state,
      appliances: [
        { ...spp!, objects: objects([backup('web-01', HOUR), backup('db-01', 40 * HOUR)], []) },
        { ...vcenter, objects: objects([], [vm('web-01'), vm('db-01'), vm('test-07')]) },
      ],
    };
  }

  beforeAll(async () => {
    // The server's gauges read the core's one judgement of the objects: here, of the fleet with these reads.
    const judge = cachedObjectJudge();
    const objects = () => judge(withObjects(fleet.core.fleet()), DEFAULT_SETTINGS, Date.now());
    const core: AppCore = { ...fleet.core, fleet: () => withObjects(fleet.core.fleet()), objects, start: () => {} };
    server = await startServe({ core, listen: { host: '127.0.0.1', port: 0 }, log: silentLogger });
  });
  afterAll(() => server.close());

  it('counts objects per appliance and state, and the coverage of each inventory, with no object label', async () => {
    const text = (await httpGet(`${server.url}/metrics`)).text;
    const lines = text.split('\n').filter((l) => l.startsWith('backwatch_object'));
    expect(lines).toEqual([
      'backwatch_objects{appliance="SPP 1",state="unprotected"} 0',
      'backwatch_objects{appliance="SPP 1",state="at_risk"} 1',
      'backwatch_objects{appliance="SPP 1",state="protected"} 1',
      'backwatch_objects{appliance="SPP 1",state="excluded"} 0',
      'backwatch_objects{appliance="vcenter-prod",state="unprotected"} 1',
      'backwatch_objects{appliance="vcenter-prod",state="at_risk"} 1',
      'backwatch_objects{appliance="vcenter-prod",state="protected"} 1',
      'backwatch_objects{appliance="vcenter-prod",state="excluded"} 0',
      `backwatch_object_coverage_ratio{inventory="vcenter-prod"} ${1 / 3}`,
    ]);
    expect(text).toContain('# TYPE backwatch_objects gauge');
    expect(text).not.toMatch(/web-01|db-01|test-07/);
  });
});

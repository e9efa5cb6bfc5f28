/**
 * The built command's protected objects, read from a team server that holds them: `status` adds
 * their perfdata and one line per problem object (the worst 20, then how many more), `objects`
 * lists them with the coverage of each inventory and asks the server with the admin's filter.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectList, ObjectSummary, ObjectView } from '../../../src-main/common/object-views.js';
import { runBuilt } from '../../support/built-cli.js';
import { startFakeTeamServer, teamConfigDir, type FakeTeamServer } from '../../support/fake-team-server.js';

const HOUR = 3_600_000;
const env = { BW_TOKEN: 'bw_any' };
let server: FakeTeamServer;
let dir: string;

function object(name: string, patch: Partial<ObjectView> = {}): ObjectView {
  return {
    key: `vm:5a1d/${name}`,
    name,
    kind: 'vm',
    state: 'unprotected',
    reason: null,
    acknowledged: false,
    excludedBy: null,
    lastGoodPoint: null,
    rpoSec: 26 * 3600,
    rpoOverridden: false,
    inventory: { applianceId: 'vc', applianceName: 'vcenter-prod', folder: '/dc1/vm', tags: [] },
    matchedBy: null,
    backups: [],
    ...patch,
  };
}

const atRisk = object('web-prod-02', {
  state: 'at_risk',
  reason: 'point_too_old',
  lastGoodPoint: new Date(Date.now() - 31 * HOUR).toISOString(),
  matchedBy: 'platform',
  backups: [{ applianceId: 'a1', applianceName: 'SPP prod', objectId: '1001', jobs: [], lastGoodPoint: null, lastFailure: null }],
});
const unprotected = Array.from({ length: 33 }, (_, i) => object(`test-${String(i).padStart(2, '0')}`));
const counts = { unprotected: 33, at_risk: 1, protected: 812, excluded: 2 };
const coverage = [{ applianceId: 'vc', applianceName: 'vcenter-prod', counts, ratio: 812 / 846 }];

beforeAll(async () => {
  server = await startFakeTeamServer();
  const summary: ObjectSummary = {
    counts,
    problems: [...unprotected.slice(0, 19), atRisk],
    problemsOmitted: 14,
    acknowledged: { unprotected: 0, at_risk: 0 },
    coverage,
  };
  server.answers.status = JSON.stringify({ ...JSON.parse(server.answers.status), overall: 'at_risk', objects: summary });
  const list: ObjectList = {
    objects: [unprotected[0]!, atRisk],
    matching: 2,
    counts,
    coverage,
    reads: [{ applianceId: 'a1', applianceName: 'SPP prod', readAt: null, error: 'Its machines could not be read: SPP prod timed out.' }],
    exclusions: [],
  };
  server.answers.objects = JSON.stringify(list);
  dir = await teamConfigDir(server);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('objects in the built command', () => {
  it('status adds the object perfdata and a line per problem object, capped at 20 with how many more', async () => {
    const run = await runBuilt(['status', '--config-dir', dir], env);
    const [head, ...lines] = run.out.trimEnd().split('\n');
    expect(head).toMatch(
      /^BACKWATCH CRITICAL - 33 machines unprotected, 1 machine at risk \| .* objects_unprotected=33 objects_at_risk=1 objects_protected=812 objects_acknowledged=0$/,
    );
    expect(lines).toContain('SPP prod: web-prod-02 has no restore point within 26 h');
    expect(lines).toContain('vcenter-prod: test-00 is in no backup');
    expect(lines.filter((l) => / is in no backup$| has no restore point/.test(l))).toHaveLength(20);
    expect(lines).toContain('and 14 more');
    expect(run.code).toBe(2);
  });

  it('objects lists them worst first with the coverage, and asks the server with the filter given', async () => {
    const run = await runBuilt(['objects', '--state', 'unprotected,at-risk', '--search', 'web', '--config-dir', dir], env);
    expect(run.code).toBe(0);
    const lines = run.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^STATE\s+OBJECT\s+KIND\s+LAST GOOD POINT\s+RPO\s+BACKED UP BY\s+INVENTORY$/);
    expect(lines[1]).toMatch(/^Unprotected\s+test-00\s+vm\s+never\s+26 h\s+—\s+vcenter-prod$/);
    expect(lines[2]).toMatch(/^At risk \(point too old\)\s+web-prod-02\s+vm\s+31 h ago\s+26 h\s+SPP prod\s+vcenter-prod$/);
    expect(lines.slice(3)).toEqual([
      '812 of 846 machines in vcenter-prod are protected (2 excluded).',
      'SPP prod: Its machines could not be read: SPP prod timed out.',
    ]);
    expect(server.asked).toContain('objects?state=unprotected&state=at_risk&text=web&limit=10000');
  });

  it('objects --json prints the list as the server gave it, and an unknown state is a usage error', async () => {
    const json = await runBuilt(['objects', '--json', '--config-dir', dir], env);
    expect((JSON.parse(json.out) as ObjectList).objects.map((o) => o.name)).toEqual(['test-00', 'web-prod-02']);
    const bad = await runBuilt(['objects', '--state', 'lost', '--config-dir', dir], env);
    expect(bad).toMatchObject({ code: 64, err: 'backwatch: Unknown state lost: use unprotected, at_risk, protected, excluded.\n' });
  });

  it('objects exclude is refused on a desktop that reads a server, in one line', async () => {
    const run = await runBuilt(['objects', 'exclude', '--name', 'test-*', '--config-dir', dir], env);
    expect(run).toMatchObject({ code: 4, err: 'backwatch: Exclusions are set on the Backwatch server this desktop reads, not here.\n' });
  });
});

/**
 * The mirror of a team server against an in-memory server port: every (re)connection reads the
 * whole state again, a lost stream is reopened after the back-off on the fake clock, never sooner;
 * a frame in a shape this version does not read leaves the view as it was.
 */
import { describe, expect, it } from 'vitest';
import type { MaintenanceWindowView } from '../../../src-main/common/ipc-contract.js';
import type { Session } from '../../../src-main/common/model.js';
import { createLogger, silentLogger, type Logger } from '../../../src-main/core/logger.js';
import type { TeamClient } from '../../../src-main/core/team-source/team-client.js';
import { createTeamMirror } from '../../../src-main/core/team-source/team-mirror.js';
import { createFakeTime } from '../../support/fake-time.js';
import { makeRunning } from '../common/factories.js';
import { snapshotOf } from '../renderer/job-fixtures.js';

const snapshotAt = (at: string) => snapshotOf([], { at });
const session = (id: string) => makeRunning(0, { applianceId: 'a', id });
const URL = 'https://team.test:8443';

/** A server whose stream the test writes to and breaks, and whose answers it counts. */
function fakeServer() {
  const reads = { status: 0, jobs: 0, sessions: 0, maintenance: 0, streams: 0 };
  let windows: () => Promise<MaintenanceWindowView[]> = async () => [];
  let push: ((text: string) => void) | null = null;
  let hangUp: ((error?: Error) => void) | null = null;
  let refuse: Error | null = null;
  let sessions = [session('s1')];
  const client: TeamClient = {
    status: async () => (reads.status++, snapshotAt(`t${reads.status}`)),
    jobs: async () => (reads.jobs++, []),
    sessions: async () => (reads.sessions++, sessions),
    flag: async () => undefined,
    objects: async () => Promise.reject(new Error('the mirror never reads objects')),
    maintenance: () => (reads.maintenance++, windows()),
    addMaintenance: async () => Promise.reject(new Error('the mirror never adds maintenance windows')),
    removeMaintenance: async () => Promise.reject(new Error('the mirror never removes maintenance windows')),
    async events(signal) {
      reads.streams++;
      if (refuse) throw refuse;
      const queue: string[] = [];
      let wake: (() => void) | null = null;
      let ended: Error | null | undefined;
      push = (text) => (queue.push(text), wake?.());
      hangUp = (error) => ((ended = error ?? null), wake?.());
      signal.addEventListener('abort', () => hangUp!(), { once: true });
      return (async function* () {
        for (;;) {
          if (queue.length > 0) yield queue.shift()!;
          else if (ended !== undefined) {
            if (ended) throw ended;
            return;
          } else await new Promise<void>((resolve) => (wake = resolve));
        }
      })();
    },
    url: URL,
    stats: { requests: 0, bytes: 0 },
    close: async () => undefined,
  };
  return {
    client,
    reads,
    send: (event: string, data: unknown) => push!(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    sendText: (event: string, text: string) => push!(`event: ${event}\ndata: ${text}\n\n`),
    hangUp: (error?: Error) => hangUp!(error),
    refuseWith: (error: Error | null) => (refuse = error),
    setSessions: (next: Session[]) => (sessions = next),
    setWindows: (next: () => Promise<MaintenanceWindowView[]>) => (windows = next),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the team server mirror', () => {
  it('resyncs on connect, follows the stream, and reconnects only after the back-off', async () => {
    const server = fakeServer();
    const time = createFakeTime(0);
    const mirror = createTeamMirror({ client: server.client, scheduler: time.scheduler, log: silentLogger, random: () => 0.5 });
    mirror.start();
    await mirror.ready;
    expect(mirror.link().state).toBe('live');
    expect(mirror.snapshot()?.at).toBe('t1');
    expect(mirror.sessions().map((s) => s.id)).toEqual(['s1']);

    server.send('sessions', { reset: false, upserted: [session('s2')], removed: ['a/s1'] });
    server.send('status', snapshotAt('pushed'));
    await settle();
    expect(mirror.sessions().map((s) => s.id)).toEqual(['s2']);
    expect(mirror.snapshot()?.at).toBe('pushed');

    server.refuseWith(new Error('The Backwatch server is unreachable.'));
    server.hangUp();
    await settle();
    expect(mirror.link()).toEqual({ state: 'down', message: 'The Backwatch server closed the event stream.' });
    expect(time.pending()).toEqual([1000]);
    time.advance(999);
    expect(server.reads.streams).toBe(1);
    time.advance(1);
    await settle();
    expect(server.reads.streams).toBe(2);
    expect(mirror.link().message).toBe('The Backwatch server is unreachable.');
    expect(time.pending()).toEqual([2000]);

    server.refuseWith(null);
    server.setSessions([session('s3')]);
    time.advance(2000);
    await settle();
    await settle();
    expect(mirror.link().state).toBe('live');
    expect(server.reads.status).toBe(2);
    expect(mirror.sessions().map((s) => s.id)).toEqual(['s3']);
    await mirror.stop();
    expect(time.pending()).toEqual([]);
  });

  it('keeps its last good view when a frame comes in another shape, and says so once', async () => {
    const server = fakeServer();
    const warnings: string[] = [];
    const log: Logger = createLogger((line) => line.level === 'warn' && warnings.push(line.message));
    const mirror = createTeamMirror({ client: server.client, scheduler: createFakeTime(0).scheduler, log });
    mirror.start();
    await mirror.ready;
    server.send('status', snapshotAt('good'));
    await settle();
    const seen = { statuses: 0, changes: 0, sessions: 0 };
    mirror.on('status', () => seen.statuses++);
    mirror.on('changes', () => seen.changes++);
    mirror.on('sessions', () => seen.sessions++);

    server.send('status', { ...snapshotAt('bad'), appliances: {} });
    server.send('status', { at: 'bad' });
    server.sendText('status', '{"at":');
    server.send('sessions', { reset: true, upserted: 'all', removed: [] });
    server.send('sessions', { reset: true, upserted: [{ ...session('x'), status: 'exploded' }], removed: [] });
    server.send('changes', [{ kind: 'session_failed', key: 'k', session: { id: 's' } }]);
    server.send('changes', { length: 1 });
    await settle();
    expect(mirror.snapshot()?.at).toBe('good');
    expect(mirror.sessions().map((s) => s.id)).toEqual(['s1']);
    expect(seen).toEqual({ statuses: 0, changes: 0, sessions: 0 });
    const notUnderstood = `The Backwatch server at ${URL} answered in a form this version does not understand.`;
    expect(mirror.link()).toEqual({ state: 'live', message: notUnderstood });
    expect(warnings).toEqual([notUnderstood]);

    // Understood again, and told again the next time it is not.
    server.send('status', snapshotAt('again'));
    server.send('changes', []);
    server.send('status', { at: 'bad' });
    await settle();
    expect(mirror.snapshot()?.at).toBe('again');
    expect(seen).toEqual({ statuses: 1, changes: 1, sessions: 0 });
    expect(warnings).toHaveLength(2);
    expect(mirror.link().message).toBe(notUnderstood);
    server.send('status', snapshotAt('understood'));
    await settle();
    expect(mirror.link()).toEqual({ state: 'live', message: '' });
    await mirror.stop();
  });

  it("reads the server's maintenance windows with each status, tells them only when they change, and says once that they cannot be read", async () => {
    const server = fakeServer();
    const warnings: string[] = [];
    const log: Logger = createLogger((line) => line.level === 'warn' && warnings.push(line.message));
    const mirror = createTeamMirror({ client: server.client, scheduler: createFakeTime(0).scheduler, log });
    const told: unknown[] = [];
    mirror.on('maintenance', (windows) => told.push(windows));
    const patching: MaintenanceWindowView = {
      id: 'w1',
      label: 'Patching',
      scope: { kind: 'all' },
      schedule: { kind: 'once', fromMs: 0, toMs: 1 },
      openUntil: null,
    };
    expect(mirror.maintenance()).toBeNull();
    mirror.start();
    await mirror.ready;
    expect(mirror.maintenance()).toEqual([]);
    server.setWindows(async () => [patching]);
    server.send('status', snapshotAt('added'));
    await settle();
    server.send('status', snapshotAt('same'));
    await settle();
    expect(server.reads.maintenance).toBe(3);
    expect(told).toEqual([[], [patching]]);

    // A server that lists no windows keeps the copy read before, and is said once.
    server.setWindows(async () => Promise.reject(new Error('The Backwatch server answered HTTP 404: not found')));
    server.send('status', snapshotAt('older'));
    await settle();
    server.send('status', snapshotAt('still older'));
    await settle();
    expect(mirror.maintenance()).toEqual([patching]);
    expect(warnings).toEqual(["Reading the team server's maintenance windows failed: The Backwatch server answered HTTP 404: not found"]);
    await mirror.stop();
  });
});

/** The stores through which the window acts on main: what each sends, and what it makes of the answer. */
import { describe, expect, it } from 'vitest';
import type { IpcEventChannel } from '../../../src-main/common/ipc-contract.js';
import type { PresentedCertificate } from '../../../src-main/common/model.js';
import { DEFAULT_SETTINGS } from '../../../src-main/common/settings.js';
import type { StatusSnapshot } from '../../../src-main/common/snapshot.js';
import { AppliancesStore } from '../../../src-renderer/lib/appliances-store.svelte.js';
import { DemoStore } from '../../../src-renderer/lib/demo-store.svelte.js';
import { TeamSourceStore } from '../../../src-renderer/lib/team-source-store.svelte.js';
import { WindowStores } from '../../../src-renderer/lib/window-stores.js';
import { fakeMain, flush, session } from './fixtures.js';

const CERTIFICATE: PresentedCertificate = {
  fingerprint256: 'AB:CD',
  pem: '-----BEGIN CERTIFICATE-----',
  subject: 'CN=backwatch.example.org',
  issuer: 'CN=backwatch.example.org',
  validFrom: '2025-01-01T00:00:00.000Z',
  validTo: '2026-01-01T00:00:00.000Z',
};
const SERVER_URL = 'https://backwatch.example.org:9847';
const refused = (message: string) => ({ ok: false, message });
const done = (value?: unknown) => ({ ok: true, value });

describe('TeamSourceStore', () => {
  const server = (trustedBySystem: boolean, certificate: PresentedCertificate | null = CERTIFICATE) =>
    fakeMain({
      'appliances:probe-certificate': () => ({ certificate, trustedBySystem, message: 'the server does not answer' }),
      'source:add-server': () => done('Reading 3 appliances from the server.'),
    });

  it('reads a server whose certificate the system trusts at once, and passes on main’s words', async () => {
    const main = server(true);
    expect(await new TeamSourceStore(main.api).connect(SERVER_URL, 'secret')).toEqual({
      kind: 'reading',
      note: 'Reading 3 appliances from the server.',
    });
    expect(main.calls.map((c) => [c.channel, c.arg])).toEqual([
      ['appliances:probe-certificate', SERVER_URL],
      ['source:add-server', { url: SERVER_URL, token: 'secret' }],
    ]);
  });

  it('stops at a certificate nobody trusts yet, then reads pinned to the one the admin trusted', async () => {
    const main = server(false);
    const store = new TeamSourceStore(main.api);
    expect(await store.connect(SERVER_URL, 'secret')).toEqual({ kind: 'certificate', certificate: CERTIFICATE });
    expect(main.calls.map((c) => c.channel)).toEqual(['appliances:probe-certificate']);
    await store.read({ url: SERVER_URL, token: 'secret', trustedFingerprint: 'AB:CD' });
    expect(main.calls.at(-1)?.arg).toEqual({ url: SERVER_URL, token: 'secret', trustedFingerprint: 'AB:CD' });
  });

  it('says why when the server shows no certificate or refuses the token', async () => {
    const silent = server(false, null);
    expect(await new TeamSourceStore(silent.api).connect(SERVER_URL, 'secret')).toEqual({
      kind: 'refused',
      message: 'the server does not answer',
    });
    expect(silent.calls.map((c) => c.channel)).toEqual(['appliances:probe-certificate']);
    const main = fakeMain({ 'source:add-server': () => refused('the token is not valid') });
    expect(await new TeamSourceStore(main.api).read({ url: SERVER_URL, token: 'x' })).toEqual({
      kind: 'refused',
      message: 'the token is not valid',
    });
  });

  it('goes back to the appliances, or says why not', async () => {
    let refuse = true;
    const main = fakeMain({ 'source:remove-server': () => (refuse ? refused('the config file is locked') : done()) });
    const store = new TeamSourceStore(main.api);
    expect(await store.leave()).toBe('the config file is locked');
    refuse = false;
    expect(await store.leave()).toBeNull();
  });
});

describe('AppliancesStore', () => {
  it('turns main’s answers into the words the row shows', async () => {
    let refuse = true;
    const answer = () => (refuse ? refused('the keychain is locked') : done({ password: 'deleted' }));
    const main = fakeMain({
      'appliances:test': () => ({ ok: true, message: 'Connected: 4 jobs, 12 sessions.', jobs: 4, sessions: 12 }),
      'appliances:remove': answer,
      'appliances:trust-certificate': answer,
      'appliances:discard-set-aside': answer,
      'app:open-appliance': () => undefined,
    });
    const store = new AppliancesStore(main.api);
    expect(await store.test('a1')).toBe('Connected: 4 jobs, 12 sessions.');
    expect(await store.remove('a1')).toBe('the keychain is locked');
    expect(await store.trustCertificate('a1', 'AB:CD')).toBe('the keychain is locked');
    expect(await store.discardSetAside('old')).toBe('the keychain is locked');
    refuse = false;
    expect(await store.remove('a1')).toBeNull();
    expect(await store.trustCertificate('a1', 'AB:CD')).toBeNull();
    expect(await store.discardSetAside('old')).toBeNull();
    await store.openWebUi('a1');
    expect(main.calls.map((c) => [c.channel, c.arg])).toEqual([
      ['appliances:test', { id: 'a1' }],
      ['appliances:remove', 'a1'],
      ['appliances:trust-certificate', { id: 'a1', fingerprint256: 'AB:CD' }],
      ['appliances:discard-set-aside', 'old'],
      ['appliances:remove', 'a1'],
      ['appliances:trust-certificate', { id: 'a1', fingerprint256: 'AB:CD' }],
      ['appliances:discard-set-aside', 'old'],
      ['app:open-appliance', 'a1'],
    ]);
  });

  it('opens an editor that saves through main', async () => {
    const main = fakeMain({
      'appliances:test': () => ({ ok: true, message: 'ok', jobs: 0, sessions: 0 }),
      'appliances:update': () => done({ id: 'a1' }),
    });
    const editor = new AppliancesStore(main.api).editor('a1');
    await editor.submit({ name: 'SPP prod', vendor: 'spp', baseUrl: 'https://spp.example.org', username: 'admin' });
    expect(editor.step.kind).toBe('saved');
    expect(main.calls.map((c) => c.channel)).toEqual(['appliances:test', 'appliances:update']);
  });
});

describe('DemoStore', () => {
  it('keeps why the demo did not start until it starts, and passes on why it could not be left', async () => {
    let refuse = true;
    const main = fakeMain({
      'app:start-demo': () => (refuse ? refused('no free port on this computer') : done()),
      'app:leave-demo': () => (refuse ? refused('the demo is not running') : done()),
    });
    const demo = new DemoStore(main.api);
    await demo.start();
    expect(demo.error).toBe('no free port on this computer');
    expect(await demo.leave()).toBe('the demo is not running');
    refuse = false;
    await demo.start();
    expect(demo.error).toBeNull();
    expect(await demo.leave()).toBeNull();
  });
});

describe('WindowStores', () => {
  const EVENTS: IpcEventChannel[] = ['status:changed', 'sessions:changed', 'settings:changed', 'app:navigate', 'app:update-ready'];
  const main = () =>
    fakeMain({
      'status:snapshot': () => ({ overall: 'ok', appliances: [] }) as unknown as StatusSnapshot,
      'sessions:list': () => [session({ id: 's1' })],
      'settings:get': () => DEFAULT_SETTINGS,
      'app:info': () => ({
        version: '0.1.0',
        platform: 'linux',
        shell: 'browser',
        keychainAvailable: false,
        keychainMessage: '',
        startupNotices: [],
      }),
      'notifications:acknowledge': () => undefined,
      'jobs:set-rpo': () => done(),
      'sessions:get': () => null,
      'sessions:log': () => done({ entries: [], more: false }),
    });

  it('subscribes every store to main’s events, loads them, and lets go of every listener on stop', async () => {
    const fake = main();
    const stores = new WindowStores(fake.api);
    const stop = stores.connect();
    await flush();
    expect(EVENTS.map((e) => fake.listenerCount(e))).toEqual([1, 1, 1, 1, 1]);
    expect([stores.status.loaded, stores.sessions.loaded, stores.settings.settings !== null, stores.appInfo.keychain.available]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    stop();
    expect(EVENTS.map((e) => fake.listenerCount(e))).toEqual([0, 0, 0, 0, 0]);
  });

  it('sends a job’s flags and RPO, and reads a session’s detail and log, for the job and session named', async () => {
    const fake = main();
    const { jobs, sessions } = new WindowStores(fake.api);
    const job = { applianceId: 'a1', jobId: 'j1', jobName: 'Nightly VMs' };
    await jobs.flag('acknowledge', job, '2025-01-02T00:00:00.000Z');
    await jobs.setRpo(job, 'default');
    await sessions.detail({ applianceId: 'a1', sessionId: 's1' });
    await sessions.log({ applianceId: 'a1', sessionId: 's1' }, 2);
    expect(fake.calls.map((c) => [c.channel, c.arg])).toEqual([
      ['notifications:acknowledge', { applianceId: 'a1', jobId: 'j1', on: true, until: '2025-01-02T00:00:00.000Z' }],
      ['jobs:set-rpo', { applianceId: 'a1', jobId: 'j1', rpoSec: 'default' }],
      ['sessions:get', { applianceId: 'a1', sessionId: 's1' }],
      ['sessions:log', { applianceId: 'a1', sessionId: 's1', page: 2 }],
    ]);
  });
});

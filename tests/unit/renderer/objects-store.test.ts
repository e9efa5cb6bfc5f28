import { describe, expect, it } from 'vitest';
import type { ObjectList } from '../../../src-main/common/object-views.js';
import { ObjectsStore } from '../../../src-renderer/lib/objects-store.svelte.js';
import { StatusStore } from '../../../src-renderer/lib/status-store.svelte.js';
import { fakeMain, flush } from './fixtures.js';
import { machine, objectList } from './object-fixtures.js';

const web = machine({ name: 'web-prod-02', state: 'at_risk', reason: 'point_too_old' });
const test07 = machine({ name: 'test-07', state: 'excluded', excludedBy: 'rule-1' });

describe('ObjectsStore', () => {
  it('reads the list while a view watches it, and again on each new status only then', async () => {
    let answer: ObjectList = objectList([web]);
    const main = fakeMain({ 'objects:list': () => answer, 'status:snapshot': () => ({ appliances: [] }) });
    const status = new StatusStore(main.api);
    const store = new ObjectsStore(main.api, status);
    const off = status.connect();
    main.emit('status:changed', { appliances: [] });
    await flush();
    const reads = () => main.calls.filter((c) => c.channel === 'objects:list').length;
    expect(reads()).toBe(0);

    const unwatch = store.watch();
    await flush();
    expect(store.selection.listed.map((o) => o.name)).toEqual(['web-prod-02']);
    expect(store.object(web.key)).toBe(web);

    answer = objectList([web, test07]);
    main.emit('status:changed', { appliances: [] });
    await flush();
    expect(store.counts.excluded).toBe(1);
    expect(store.selection.excluded.map((o) => o.name)).toEqual(['test-07']);

    unwatch();
    main.emit('status:changed', { appliances: [] });
    await flush();
    expect(reads()).toBe(2);
    off();
  });

  it('asks for the whole list at once, and counts what a read leaves out', async () => {
    const main = fakeMain({ 'objects:list': () => objectList([web], { matching: 12_000 }) });
    const store = new ObjectsStore(main.api, new StatusStore(main.api));
    await store.load();
    expect(main.calls[0]!.arg).toEqual({ limit: 10_000 });
    expect(store.omitted).toBe(11_999);
  });

  it('reads once more after a read that a change overtook, and no more', async () => {
    let reads = 0;
    let release: () => void = () => {};
    const main = fakeMain({
      'objects:list': () => {
        reads += 1;
        return new Promise<ObjectList>((done) => (release = () => done(objectList([web]))));
      },
    });
    const store = new ObjectsStore(main.api, new StatusStore(main.api));
    const first = store.load();
    const second = store.load();
    const third = store.load();
    expect(second).toBe(third);
    release();
    await first;
    await flush();
    expect(reads).toBe(2);
    release();
    await second;
    expect(reads).toBe(2);
  });

  it('reads again after an exclusion is added or removed, and gives back main’s refusal', async () => {
    let excluded = false;
    const main = fakeMain({
      'objects:list': () => objectList([excluded ? test07 : web]),
      'objects:exclude': () => (
        (excluded = true),
        { ok: true, value: { id: 'rule-1', applianceId: null, match: { kind: 'name', pattern: 'x' } } }
      ),
      'objects:remove-exclusion': () => ({ ok: false, message: 'No such rule.' }),
    });
    const store = new ObjectsStore(main.api, new StatusStore(main.api));
    expect(await store.exclude({ applianceId: null, match: { kind: 'object', key: web.key } })).toBeNull();
    expect(store.counts.excluded).toBe(1);
    expect(await store.removeExclusion('rule-9')).toBe('No such rule.');
  });

  it('sets a machine’s own RPO and reads the list again, or gives back main’s refusal', async () => {
    let rpoSec: number | null = 93_600;
    const main = fakeMain({
      'objects:list': () => objectList([{ ...web, rpoSec, rpoOverridden: rpoSec !== 93_600 }]),
      'objects:set-rpo': (change) => {
        const { rpoSec: next } = change as { rpoSec: number | null | 'default' };
        if (next === 60) return { ok: false, message: 'An RPO is at least 5 minutes.' };
        rpoSec = next === 'default' ? 93_600 : next;
        return { ok: true, value: undefined };
      },
    });
    const store = new ObjectsStore(main.api, new StatusStore(main.api));
    expect(await store.setRpo(web.key, 43_200)).toEqual({ ok: true, value: undefined });
    expect(store.object(web.key)).toMatchObject({ rpoSec: 43_200, rpoOverridden: true });
    expect(await store.setRpo(web.key, 60)).toEqual({ ok: false, message: 'An RPO is at least 5 minutes.' });
    expect(main.calls.filter((c) => c.channel === 'objects:list')).toHaveLength(1);
  });

  it('says why the list could not be read, and keeps what it showed', async () => {
    let fail = false;
    const main = fakeMain({
      'objects:list': () => {
        if (fail) throw new Error("Error invoking remote method 'objects:list': Error: the history file is locked");
        return objectList([web]);
      },
    });
    const store = new ObjectsStore(main.api, new StatusStore(main.api));
    await store.load();
    fail = true;
    await store.load();
    expect(store.error).toBe('The machines could not be read: the history file is locked');
    expect(store.objects).toHaveLength(1);
  });
});

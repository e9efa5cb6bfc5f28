/**
 * Every session the window knows, keyed by `${applianceId}/${id}` and fed by 'sessions:changed'
 * deltas, so a live row is replaced in place instead of the whole list being reloaded.
 */
import type { BackwatchApi, MutationResult, SessionDetail, SessionRef } from '../../src-main/common/ipc-contract.js';
import type { JobLogPage, Session } from '../../src-main/common/model.js';
import { overrunKeys } from './overrun.js';
import {
  applySessionsDelta,
  DEFAULT_SORT,
  EMPTY_FILTER,
  NO_SESSIONS,
  selectSessions,
  type SessionFilter,
  type SessionSort,
} from './session-list.js';

/** How many sessions the first load asks for (the core keeps a bounded window anyway). */
const INITIAL_LIMIT = 20_000;

export class SessionsStore {
  // Not reactive on purpose: `#all` is the reactive face, replaced once per delta.
  #byKey: ReadonlyMap<string, Session> = NO_SESSIONS;
  #all = $state.raw<readonly Session[]>([]);
  #loaded = $state(false);
  filter = $state.raw<SessionFilter>(EMPTY_FILTER);
  sort = $state.raw<SessionSort>(DEFAULT_SORT);

  readonly #api: BackwatchApi;
  readonly #now: () => number;

  /** The filtered, sorted list the Sessions view shows. */
  readonly visible: readonly Session[];
  /** Keys of running sessions past twice their job's usual duration. */
  readonly overruns: ReadonlySet<string>;

  /** `now` may read reactive state (a ticking clock) so running durations re-sort. */
  constructor(api: BackwatchApi, now: () => number = Date.now) {
    this.#api = api;
    this.#now = now;
    this.visible = $derived(selectSessions(this.#all, this.filter, this.sort, this.#now()));
    this.overruns = $derived(overrunKeys(this.#all, this.#now()));
  }

  get all(): readonly Session[] {
    return this.#all;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  /** Reactive like `all`: a view that shows one session follows each delta to it. */
  get(key: string): Session | undefined {
    void this.#all;
    return this.#byKey.get(key);
  }

  /** Running sessions of one appliance, newest first. */
  running(applianceId: string): Session[] {
    return this.#all
      .filter((s) => s.applianceId === applianceId && s.status === 'running')
      .sort((a, b) => (b.start ?? '').localeCompare(a.start ?? ''));
  }

  async load(): Promise<void> {
    const sessions = await this.#api['sessions:list']({ limit: INITIAL_LIMIT });
    this.#set(applySessionsDelta(NO_SESSIONS, { reset: true, upserted: sessions, removed: [] }));
    this.#loaded = true;
  }

  connect(): () => void {
    const off = this.#api.on('sessions:changed', (delta) => this.#set(applySessionsDelta(this.#byKey, delta)));
    void this.load();
    return off;
  }

  /** One session with its resources and its appliance's address; null when main no longer knows it. */
  detail(ref: SessionRef): Promise<SessionDetail | null> {
    return this.#api['sessions:get'](ref);
  }

  /** One page of the session's job log, read from the appliance. */
  log(ref: SessionRef, page: number): Promise<MutationResult<JobLogPage>> {
    return this.#api['sessions:log']({ ...ref, page });
  }

  #set(map: ReadonlyMap<string, Session>): void {
    this.#byKey = map;
    this.#all = [...map.values()];
  }
}

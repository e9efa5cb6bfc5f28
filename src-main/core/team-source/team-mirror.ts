/**
 * The desktop's copy of a team server's state: its status snapshot, its jobs, its maintenance
 * windows and its recent sessions, kept live by the server's event stream. On every (re)connection
 * the stream is opened first and then everything is read again with GETs, so nothing that happened
 * while the desktop was away is missed; a lost stream is reopened with the project's back-off.
 */
import { backoffDelayMs } from '../../common/backoff.js';
import { Emitter, type Unsubscribe } from '../../common/event.js';
import { createEventStreamParser, type StreamEvent } from '../../common/event-stream.js';
import type { JobView, MaintenanceWindowView } from '../../common/ipc-contract.js';
import type { Session } from '../../common/model.js';
import { sessionKey, type ChangeEvent, type SessionsDelta, type StatusSnapshot } from '../../common/snapshot.js';
import { changeEventsSchema, sessionsDeltaSchema, statusSnapshotSchema } from '../../common/team-wire.js';
import { listenerFailure, type Logger } from '../logger.js';
import type { Scheduler, TimerHandle } from '../poller/scheduler.js';
import { readWire, TeamServerMisunderstood, type TeamClient } from './team-client.js';

/** How the desktop's link to the server stands, for the window and the CLI. */
export interface TeamLink {
  readonly state: 'connecting' | 'live' | 'down';
  /** A sentence for the admin when the link is down, or live but not understood; empty otherwise. */
  readonly message: string;
}

export interface TeamMirrorEvents {
  status(snapshot: StatusSnapshot): void;
  sessions(delta: SessionsDelta): void;
  changes(changes: readonly ChangeEvent[]): void;
  jobs(jobs: readonly JobView[]): void;
  /** The server's maintenance windows, when they differ from the copy held before. */
  maintenance(windows: readonly MaintenanceWindowView[]): void;
  link(link: TeamLink): void;
}

export interface TeamMirror {
  /** Connects, and keeps reconnecting until `stop`. */
  start(): void;
  stop(): Promise<void>;
  /** Resolves once the first resync is done (or has failed, then with the link down). */
  readonly ready: Promise<void>;
  snapshot(): StatusSnapshot | null;
  jobs(): readonly JobView[];
  /** The server's maintenance windows; null until they were first read. */
  maintenance(): readonly MaintenanceWindowView[] | null;
  sessions(): readonly Session[];
  link(): TeamLink;
  on<E extends keyof TeamMirrorEvents>(event: E, listener: TeamMirrorEvents[E]): Unsubscribe;
}

export interface TeamMirrorOptions {
  readonly client: TeamClient;
  readonly scheduler: Scheduler;
  readonly log: Logger;
  /** Sessions read at a resync (the server's own window is bounded as well). */
  readonly sessionLimit?: number;
  readonly random?: () => number;
}

const RECONNECT = { baseMs: 1_000, capMs: 60_000, jitter: 0.25 } as const;
const SESSION_LIMIT = 5_000;

type MirrorEmitters = { [E in keyof TeamMirrorEvents]: Emitter<Parameters<TeamMirrorEvents[E]>[0]> };

/** What the desktop holds of the server, how it reads it and the events that say it changed. */
class MirroredState {
  snapshot: StatusSnapshot | null = null;
  jobs: readonly JobView[] = [];
  maintenance: readonly MaintenanceWindowView[] | null = null;
  readonly sessions = new Map<string, Session>();
  link: TeamLink = { state: 'connecting', message: '' };
  readonly emitters: MirrorEmitters;
  // An answer this version cannot read is said once, until the server is understood again: a
  // server of another version would otherwise repeat it at every status frame.
  // While live, the window says it too, through the link's message.
  private misunderstood = false;
  // The stream says when the server polled, or changed its windows (its status follows a change):
  // the jobs and the windows are read again then, one read at a time.
  listsReading: Promise<void> | null = null;
  private listsStale = false;
  // Why the windows could not be read (a server of an earlier version lists none): said once, not at every status.
  private maintenanceUnread: string | null = null;

  constructor(
    private readonly client: TeamClient,
    private readonly log: Logger,
    private readonly running: () => boolean,
  ) {
    this.emitters = {
      status: new Emitter({ onListenerError: listenerFailure(log, "team server's status") }),
      sessions: new Emitter({ onListenerError: listenerFailure(log, "team server's sessions") }),
      changes: new Emitter({ onListenerError: listenerFailure(log, "team server's changes") }),
      jobs: new Emitter({ onListenerError: listenerFailure(log, "team server's jobs") }),
      maintenance: new Emitter({ onListenerError: listenerFailure(log, "team server's maintenance windows") }),
      link: new Emitter({ onListenerError: listenerFailure(log, "team server's link") }),
    };
  }

  private emit<E extends keyof TeamMirrorEvents>(event: E, payload: Parameters<TeamMirrorEvents[E]>[0]): void {
    (this.emitters[event] as Emitter<typeof payload>).fire(payload);
  }

  setLink(next: TeamLink): void {
    if (next.state === this.link.state && next.message === this.link.message) return;
    this.link = next;
    this.emit('link', this.link);
  }

  private understood(): void {
    this.misunderstood = false;
    if (this.link.state === 'live') this.setLink({ state: 'live', message: '' });
  }

  tell(error: unknown, context: string): void {
    if (!(error instanceof TeamServerMisunderstood)) return this.log.warn(`${context}: ${(error as Error).message}`);
    if (!this.misunderstood) this.log.warn(error.message, { where: error.where });
    this.misunderstood = true;
    if (this.link.state === 'live') this.setLink({ state: 'live', message: error.message });
  }

  /** The windows, told only when they changed; a failed read keeps the copy held. */
  private readMaintenance(): Promise<void> {
    return this.client.maintenance().then(
      (read) => {
        this.maintenanceUnread = null;
        if (JSON.stringify(read) === JSON.stringify(this.maintenance)) return;
        this.maintenance = read;
        this.emit('maintenance', read);
      },
      (error: unknown) => {
        if ((error as Error).message !== this.maintenanceUnread) this.tell(error, "Reading the team server's maintenance windows failed");
        this.maintenanceUnread = (error as Error).message;
      },
    );
  }

  private readLists(): Promise<void> {
    if (this.listsReading) {
      this.listsStale = true;
      return this.listsReading;
    }
    const jobs = this.client
      .jobs()
      .then((read) => {
        this.jobs = read;
        this.emit('jobs', this.jobs);
      })
      .catch((error: unknown) => this.tell(error, "Reading the team server's jobs failed"));
    this.listsReading = Promise.all([jobs, this.readMaintenance()]).then(() => {
      this.listsReading = null;
      if (this.listsStale && this.running()) {
        this.listsStale = false;
        void this.readLists();
      }
    });
    return this.listsReading;
  }

  private applySessions(delta: SessionsDelta): void {
    if (delta.reset) this.sessions.clear();
    for (const key of delta.removed) this.sessions.delete(key);
    for (const session of delta.upserted) this.sessions.set(sessionKey(session), session);
    this.emit('sessions', delta);
  }

  /** A frame is taken whole or not at all: one the server sent in another shape leaves the view as it was. */
  readonly onStreamEvent = (message: StreamEvent): void => {
    try {
      if (message.event === 'status') {
        this.snapshot = readWire(statusSnapshotSchema, message.data, this.client.url);
        this.emit('status', this.snapshot);
        void this.readLists();
      } else if (message.event === 'sessions') this.applySessions(readWire(sessionsDeltaSchema, message.data, this.client.url));
      else if (message.event === 'changes') this.emit('changes', readWire(changeEventsSchema, message.data, this.client.url));
      else return;
      this.understood();
    } catch (error) {
      this.tell(error, `The team server's ${message.event} event`);
    }
  };

  async resync(sessionLimit: number): Promise<void> {
    const [status, readJobsList, readSessions] = await Promise.all([
      this.client.status(),
      this.client.jobs(),
      this.client.sessions(sessionLimit),
      this.readMaintenance(),
    ]);
    this.understood();
    this.snapshot = status;
    this.jobs = readJobsList;
    this.applySessions({ reset: true, upserted: readSessions, removed: [] });
    this.emit('jobs', this.jobs);
    this.emit('status', this.snapshot);
  }
}

export function createTeamMirror(options: TeamMirrorOptions): TeamMirror {
  const { client, scheduler, log } = options;
  let failures = 0;
  let running = false;
  let abort: AbortController | null = null;
  let retry: TimerHandle | null = null;
  let loop: Promise<void> = Promise.resolve();
  let stopping: Promise<void> | null = null;
  let settled = false;
  let resolveReady = (): void => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const settleReady = () => {
    settled = true;
    resolveReady();
  };
  const state = new MirroredState(client, log, () => running);

  /** One connection: open the stream, resync, then follow the stream until it ends. */
  async function connectOnce(signal: AbortSignal): Promise<void> {
    const chunks = await client.events(signal);
    await state.resync(options.sessionLimit ?? SESSION_LIMIT);
    failures = 0;
    state.setLink({ state: 'live', message: '' });
    settleReady();
    const parser = createEventStreamParser(state.onStreamEvent);
    for await (const chunk of chunks) parser.feed(chunk);
    if (!signal.aborted) throw new Error('The Backwatch server closed the event stream.');
  }

  function connect(): void {
    retry = null;
    if (!running) return;
    const connection = new AbortController();
    abort = connection;
    const signal = connection.signal;
    loop = connectOnce(signal).catch((error: unknown) => {
      if (!running || signal.aborted) return;
      // The stream opened before a failed resync is closed, not left open until the next try.
      connection.abort();
      failures += 1;
      const message = (error as Error).message;
      // The first failure is the answer of `ready`, which its caller says (the CLI's one line);
      // what goes wrong later is for the log.
      if (!settled) log.info(`Team server: ${message}`);
      else if (state.link.state !== 'down' || state.link.message !== message) state.tell(error, 'Team server');
      state.setLink({ state: 'down', message });
      settleReady();
      retry = scheduler.setTimeout(connect, backoffDelayMs(failures, RECONNECT, options.random));
    });
  }

  return {
    start() {
      if (running || stopping) return;
      running = true;
      connect();
    },
    stop() {
      // Once: the shell and its tests may both close the core.
      stopping ??= (async () => {
        running = false;
        if (retry !== null) scheduler.clearTimeout(retry);
        abort?.abort();
        await loop;
        await state.listsReading;
        await client.close();
      })();
      return stopping;
    },
    ready,
    snapshot: () => state.snapshot,
    jobs: () => state.jobs,
    maintenance: () => state.maintenance,
    sessions: () => [...state.sessions.values()],
    link: () => state.link,
    on: (event, listener) => (state.emitters[event] as Emitter<unknown>).event(listener as (value: unknown) => void),
  };
}

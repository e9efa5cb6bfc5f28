/**
 * The fleet as the window and the tray see it: the monitor's state joined with the configured
 * appliances, the status snapshot built from it, and the `status:changed` / `sessions:changed`
 * events that follow every poll.
 */
import type { Appliance, ApplianceHealth } from '../../common/model.js';
import type { JobQuery, JobView } from '../../common/ipc-contract.js';
import type { ApplianceView, FleetState, JobState, StatusSnapshot } from '../../common/snapshot.js';
import { buildStatusSnapshot, createSnapshotCache, jobStates } from '../../common/status-rules.js';
import type { ConfigStore } from '../config/config-store.js';
import type { Monitor } from '../poller/monitor-types.js';
import type { Scheduler, TimerHandle } from '../poller/scheduler.js';
import type { EventHub } from './event-hub.js';

const NOT_POLLED: ApplianceHealth = { state: 'ok', message: '', lastGoodPoll: null, lastPoll: null };
const STATUS_THROTTLE_MS = 250;

export interface StatusPublisherDeps {
  readonly config: ConfigStore;
  readonly monitor: Monitor;
  readonly hub: EventHub;
  readonly hasSecret: (applianceId: string) => boolean;
  readonly now: () => number;
  readonly scheduler: Scheduler;
}

export interface StatusPublisher {
  /** The monitor's fleet, restricted to and updated with the configured appliances. */
  fleet(): FleetState;
  snapshot(): StatusSnapshot;
  /** Every job's state (not bounded like the snapshot's lists), with its appliance. */
  jobs(query?: JobQuery): JobView[];
  /** The view of one configured appliance; throws if it is not configured. */
  view(id: string): ApplianceView;
  /** Sends a snapshot now (after a change the admin made). */
  publish(): void;
  /** Sends the settings as saved now, so every window shows a change made anywhere. */
  publishSettings(): void;
  dispose(): void;
}

export function createStatusPublisher(deps: StatusPublisherDeps): StatusPublisher {
  const { config, monitor, hub } = deps;

  const fleet = (polledFleet: FleetState = monitor.fleet()): FleetState => {
    const polled = new Map(polledFleet.appliances.map((state) => [state.appliance.id, state]));
    return {
      at: new Date(deps.now()).toISOString(),
      appliances: config.read().appliances.map((appliance) => {
        const state = polled.get(appliance.id);
        return state ? { ...state, appliance } : { appliance, health: NOT_POLLED, jobs: [], sessions: [] };
      }),
      setAside: config.rejected(),
    };
  };

  // Only the appliances whose sessions changed since the last snapshot are read again.
  const cache = createSnapshotCache();
  const snapshot = () => buildStatusSnapshot(fleet(), config.read().settings, deps.now(), deps.hasSecret, cache);

  // A job state the cache kept gives the same view object: a reader (the metrics) can tell the
  // appliances whose jobs did not change without comparing their fields.
  const views = new WeakMap<JobState, { appliance: Appliance; view: JobView }>();
  const viewOf = (job: JobState, appliance: Appliance): JobView => {
    const hit = views.get(job);
    if (hit?.appliance === appliance) return hit.view;
    const view = { ...job, applianceName: appliance.name, vendor: appliance.vendor };
    views.set(job, { appliance, view });
    return view;
  };

  const jobs = (query: JobQuery = {}): JobView[] => {
    const wanted = query.protection && query.protection.length > 0 ? new Set(query.protection) : null;
    const { settings } = config.read();
    return fleet()
      .appliances.filter((state) => query.applianceId === undefined || state.appliance.id === query.applianceId)
      .flatMap((state) => jobStates(state, settings, deps.now(), cache).map((job) => viewOf(job, state.appliance)))
      .filter((job) => wanted === null || wanted.has(job.protection));
  };
  // Without a listener (serve mode with no desktop on its stream) no snapshot is built per poll.
  const publish = () => {
    if (hub.hasListeners()) hub.emit('status:changed', snapshot());
  };

  // A snapshot covers the whole fleet: polls that end close together share one (at most one per
  // STATUS_THROTTLE_MS, the last one always sent), instead of one per appliance per cycle.
  let timer: TimerHandle | null = null;
  let dirty = false;
  const publishSoon = () => {
    if (timer) {
      dirty = true;
      return;
    }
    publish();
    timer = deps.scheduler.setTimeout(() => {
      timer = null;
      if (dirty) {
        dirty = false;
        publishSoon();
      }
    }, STATUS_THROTTLE_MS);
  };

  const unsubscribe = monitor.onUpdate((update) => {
    if (update.changedSessions.length > 0 || update.removedSessionKeys.length > 0) {
      hub.emit('sessions:changed', { reset: false, upserted: update.changedSessions, removed: update.removedSessionKeys });
    }
    publishSoon();
  });

  return {
    fleet: () => fleet(),
    snapshot,
    jobs,
    view(id) {
      const view = snapshot().appliances.find((a) => a.id === id);
      if (!view) throw new Error(`Appliance ${id} vanished while saving.`);
      return view;
    },
    publish,
    publishSettings: () => hub.emit('settings:changed', config.read().settings),
    dispose() {
      if (timer !== null) deps.scheduler.clearTimeout(timer);
      unsubscribe();
    },
  };
}

/**
 * The fleet as the window and the tray see it: the monitor's state joined with the configured
 * appliances, the status snapshot built from it, and the `status:changed` / `sessions:changed`
 * events that follow every poll. A poll's update carries the polled appliance's new state: the
 * snapshot sent after it is built from the states updates brought, never read back from the monitor.
 */
import type { Appliance, ApplianceHealth } from '../../common/model.js';
import type { Emitter } from '../../common/event.js';
import type { JobQuery, JobView, WindowEvent } from '../../common/ipc-contract.js';
import type { ApplianceState, ApplianceView, FleetState, JobState, StatusSnapshot } from '../../common/snapshot.js';
import { createSnapshotCache, type SnapshotCache } from '../../common/snapshot-cache.js';
import { withObjectSummary, type FleetObjects, type ObjectJudge } from '../../common/object-status.js';
import { buildStatusSnapshot, jobStates } from '../../common/status-rules.js';
import { windowsOpenAt } from '../../common/maintenance.js';
import { jobInMaintenance, withMaintenance } from '../../common/maintenance-status.js';
import { cronWindows } from '../maintenance/cron-starts.js';
import type { ConfigStore } from '../config/config-store.js';
import type { Monitor, MonitorUpdate } from '../poller/monitor-types.js';
import type { Scheduler, TimerHandle } from '../poller/scheduler.js';

const NOT_POLLED: ApplianceHealth = { state: 'ok', message: '', lastGoodPoll: null, lastPoll: null };
const STATUS_THROTTLE_MS = 250;

export interface StatusPublisherDeps {
  readonly config: ConfigStore;
  readonly monitor: Monitor;
  /** Where the window's events go. */
  readonly events: Emitter<WindowEvent>;
  readonly hasSecret: (applianceId: string) => boolean;
  readonly now: () => number;
  readonly scheduler: Scheduler;
  /** The objects' judge, shared with the monitor's news and the server: one judgement per read. */
  readonly judgeObjects: ObjectJudge;
}

export interface StatusPublisher {
  /** The monitor's fleet, restricted to and updated with the configured appliances. */
  fleet(): FleetState;
  /** The snapshot of the fleet as the monitor holds it now (a window's request). */
  snapshot(): StatusSnapshot;
  /** Stage 4 of the pipeline: one poll's update, sent on as `sessions:changed` and (throttled) `status:changed`. */
  accept(update: MonitorUpdate): void;
  /** Every job's state (not bounded like the snapshot's lists), with its appliance. */
  jobs(query?: JobQuery): JobView[];
  /** The fleet's protected objects judged now; null before any appliance's objects were read. */
  objects(): FleetObjects | null;
  /** The view of one configured appliance; throws if it is not configured. */
  view(id: string): ApplianceView;
  /** Sends a snapshot now (after a change the admin made, which no poll reports: the monitor's fleet is read again). */
  publish(): void;
  /** Sends the settings as saved now, so every window shows a change made anywhere. */
  publishSettings(): void;
  dispose(): void;
}

const byId = (fleet: FleetState) => new Map(fleet.appliances.map((state) => [state.appliance.id, state]));

/** The configured appliances, each with its polled state (or none yet), in the configuration's order. */
function configuredFleet(config: ConfigStore, polled: ReadonlyMap<string, ApplianceState>, now: number): FleetState {
  return {
    at: new Date(now).toISOString(),
    appliances: config.read().appliances.map((appliance) => {
      const state = polled.get(appliance.id);
      return state ? { ...state, appliance } : { appliance, health: NOT_POLLED, jobs: [], sessions: [] };
    }),
    setAside: config.rejected(),
  };
}

/**
 * A job state the cache kept gives the same view object: a reader (the metrics) can tell the
 * appliances whose jobs did not change without comparing their fields.
 */
function jobViewCache(): (job: JobState, appliance: Appliance) => JobView {
  const views = new WeakMap<JobState, { appliance: Appliance; view: JobView }>();
  return (job, appliance) => {
    const hit = views.get(job);
    if (hit?.appliance === appliance) return hit.view;
    const view = { ...job, applianceName: appliance.name, vendor: appliance.vendor };
    views.set(job, { appliance, view });
    return view;
  };
}

/** Calls `run` now, then at most once per `ms` while calls keep coming; the last call always runs. */
function throttled(run: () => void, scheduler: Scheduler, ms: number): { (): void; cancel(): void } {
  let timer: TimerHandle | null = null;
  let dirty = false;
  const call = () => {
    if (timer) {
      dirty = true;
      return;
    }
    run();
    timer = scheduler.setTimeout(() => {
      timer = null;
      if (dirty) {
        dirty = false;
        call();
      }
    }, ms);
  };
  return Object.assign(call, {
    cancel() {
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
    },
  });
}

/** The status snapshot of a fleet with its objects' summary, as the maintenance windows open now leave it. */
function snapshotWith(
  fleet: FleetState,
  deps: StatusPublisherDeps,
  cache: SnapshotCache,
  objects: Parameters<typeof withObjectSummary>[1],
): StatusSnapshot {
  const { settings } = deps.config.read();
  const snapshot = withObjectSummary(buildStatusSnapshot(fleet, settings, deps.now(), deps.hasSecret, cache), objects);
  return withMaintenance(snapshot, windowsOpenAt(settings.maintenanceWindows, deps.now(), cronWindows));
}

export function createStatusPublisher(deps: StatusPublisherDeps): StatusPublisher {
  const { config, monitor, events } = deps;

  const fleetOf = (polled: ReadonlyMap<string, ApplianceState>) => configuredFleet(config, polled, deps.now());

  // Only the appliances whose sessions changed since the last snapshot are read again.
  const cache = createSnapshotCache();
  const objectsOf = (fleet: FleetState) => deps.judgeObjects(fleet, config.read().settings, deps.now());
  const snapshotOf = (fleet: FleetState) => snapshotWith(fleet, deps, cache, objectsOf(fleet));
  const fleet = () => fleetOf(byId(monitor.fleet()));
  const snapshot = () => snapshotOf(fleet());

  /** Each appliance's state as the last update (or the admin's last change) left it. */
  let states = byId(monitor.fleet());

  const viewOf = jobViewCache();

  const jobs = (query: JobQuery = {}): JobView[] => {
    const wanted = query.protection && query.protection.length > 0 ? new Set(query.protection) : null;
    const { settings } = config.read();
    const open = windowsOpenAt(settings.maintenanceWindows, deps.now(), cronWindows);
    return fleet()
      .appliances.filter((state) => query.applianceId === undefined || state.appliance.id === query.applianceId)
      .flatMap((state) => jobStates(state, settings, deps.now(), cache).map((job) => jobInMaintenance(viewOf(job, state.appliance), open)))
      .filter((job) => wanted === null || wanted.has(job.protection));
  };
  // The snapshot is built when a listener first reads it (listeners read while the event is
  // sent): serve mode with no desktop on its stream builds none per poll, and every listener of
  // one event shares one.
  const send = () => {
    if (!events.hasListeners()) return;
    let built: StatusSnapshot | null = null;
    events.fire({
      type: 'status:changed',
      get payload() {
        return (built ??= snapshotOf(fleetOf(states)));
      },
    });
  };

  // A snapshot covers the whole fleet: polls that end close together share one (at most one per
  // STATUS_THROTTLE_MS, the last one always sent), instead of one per appliance per cycle.
  const publishSoon = throttled(send, deps.scheduler, STATUS_THROTTLE_MS);

  let disposed = false;
  const accept = (update: MonitorUpdate) => {
    if (disposed) return;
    if (update.changedSessions.length > 0 || update.removedSessionKeys.length > 0) {
      events.fire({
        type: 'sessions:changed',
        payload: { reset: false, upserted: update.changedSessions, removed: update.removedSessionKeys },
      });
    }
    states.set(update.appliance.appliance.id, update.appliance);
    publishSoon();
  };

  return {
    fleet,
    snapshot,
    accept,
    jobs,
    objects: () => objectsOf(fleet()),
    view(id) {
      const view = snapshot().appliances.find((a) => a.id === id);
      if (!view) throw new Error(`Appliance ${id} vanished while saving.`);
      return view;
    },
    publish() {
      states = byId(monitor.fleet());
      send();
    },
    publishSettings: () => events.fire({ type: 'settings:changed', payload: config.read().settings }),
    dispose() {
      disposed = true;
      publishSoon.cancel();
    },
  };
}

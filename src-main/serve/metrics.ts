/**
 * Serve mode's Prometheus metrics: one registry per process. Job and appliance gauges are built at
 * scrape time from the core's current state (collect callbacks); only what happens between two
 * scrapes (poll durations, poll errors) is recorded as it happens. Labels are bounded: appliance,
 * vendor, job, a status or state word — never a session id.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { HEALTH_STATES, isActiveStatus, SESSION_STATUSES } from '../common/model.js';
import type { FleetState } from '../common/snapshot.js';
import type { HttpStats } from '../core/http/http-client.js';
import type { MonitorUpdate } from '../core/monitor-types.js';
import { gatherJobFacts, sharedWhileRunning, type JobFacts, type JobSource } from './job-facts.js';

/** The status words of a finished session: one `backwatch_job_last_status` series each. */
const FINISHED_STATUSES = SESSION_STATUSES.filter((status) => !isActiveStatus(status));
const JOB_LABELS = ['appliance', 'vendor', 'job'] as const;
const APPLIANCE_LABELS = ['appliance', 'vendor'] as const;

export interface MetricsSource extends JobSource {
  httpStats(applianceId: string): Readonly<HttpStats>;
  onPoll(listener: (update: MonitorUpdate) => void): () => void;
}

export interface ServeMetrics {
  readonly registry: Registry;
  readonly contentType: string;
  /** The text exposition of every metric, as one scrape. */
  scrape(): Promise<string>;
  close(): void;
}

interface Frame {
  readonly facts: readonly JobFacts[];
  readonly fleet: FleetState;
}

const seconds = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso) / 1000);

/** A gauge whose every series is set, at scrape time, by `fill` from the current frame. */
function frameGauge<L extends string>(
  registry: Registry,
  frame: () => Promise<Frame>,
  spec: { name: string; help: string; labelNames: readonly L[] },
  fill: (gauge: Gauge<L>, frame: Frame) => void,
): void {
  new Gauge<L>({
    ...spec,
    registers: [registry],
    async collect() {
      this.reset();
      fill(this, await frame());
    },
  });
}

function jobLabels(f: JobFacts) {
  return { appliance: f.appliance.name, vendor: f.appliance.vendor, job: f.label };
}

function registerJobGauges(registry: Registry, frame: () => Promise<Frame>): void {
  const each = (name: string, help: string, value: (f: JobFacts) => number | null) =>
    frameGauge(registry, frame, { name, help, labelNames: JOB_LABELS }, (gauge, { facts }) => {
      for (const f of facts) {
        const v = value(f);
        if (v !== null) gauge.set(jobLabels(f), v);
      }
    });
  frameGauge(
    registry,
    frame,
    {
      name: 'backwatch_job_last_status',
      help: 'Outcome of the job’s latest finished session: 1 for its status word, 0 for the others.',
      labelNames: [...JOB_LABELS, 'status'],
    },
    (gauge, { facts }) => {
      for (const f of facts)
        for (const status of FINISHED_STATUSES) gauge.set({ ...jobLabels(f), status }, f.job.lastOutcome === status ? 1 : 0);
    },
  );
  each('backwatch_job_last_success_timestamp_seconds', 'End of the newest session that counts as a successful backup.', (f) =>
    seconds(f.job.lastSuccess),
  );
  each('backwatch_job_rpo_seconds', 'The recovery point objective in force for the job (absent when off).', (f) => f.job.rpoSec);
  each('backwatch_job_protected', '0 while the job has had no successful backup within its RPO, else 1.', (f) =>
    f.job.protection === 'at_risk' ? 0 : 1,
  );
  each('backwatch_job_running', '1 while a session of the job runs.', (f) => (f.job.running ? 1 : 0));
  each('backwatch_job_progress_ratio', 'Progress (0..1) of the running session, when the appliance reports one.', (f) =>
    f.running?.progress.percent == null ? null : f.running.progress.percent / 100,
  );
  each('backwatch_job_last_duration_seconds', 'Duration of the job’s latest finished session.', (f) =>
    f.lastFinished?.durationMs == null ? null : f.lastFinished.durationMs / 1000,
  );
}

function registerApplianceGauges(registry: Registry, frame: () => Promise<Frame>): void {
  const labels = (a: FleetState['appliances'][number]) => ({ appliance: a.appliance.name, vendor: a.appliance.vendor });
  frameGauge(
    registry,
    frame,
    { name: 'backwatch_appliance_up', help: '1 when the latest poll of the appliance succeeded.', labelNames: APPLIANCE_LABELS },
    (gauge, { fleet }) => fleet.appliances.forEach((a) => gauge.set(labels(a), a.health.state === 'ok' ? 1 : 0)),
  );
  frameGauge(
    registry,
    frame,
    {
      name: 'backwatch_appliance_health',
      help: 'Health of the appliance: 1 for its current state word, 0 for the others.',
      labelNames: [...APPLIANCE_LABELS, 'state'],
    },
    (gauge, { fleet }) => {
      for (const a of fleet.appliances)
        for (const state of HEALTH_STATES) gauge.set({ ...labels(a), state }, a.health.state === state ? 1 : 0);
    },
  );
  frameGauge(
    registry,
    frame,
    {
      name: 'backwatch_appliance_last_good_poll_timestamp_seconds',
      help: 'Time of the latest successful poll of the appliance.',
      labelNames: APPLIANCE_LABELS,
    },
    (gauge, { fleet }) => {
      for (const a of fleet.appliances) {
        const at = seconds(a.health.lastGoodPoll);
        if (at !== null) gauge.set(labels(a), at);
      }
    },
  );
}

function registerTrafficCounters(registry: Registry, source: MetricsSource): void {
  const counter = (name: string, help: string, read: (stats: Readonly<HttpStats>) => number) =>
    new Counter({
      name,
      help,
      labelNames: APPLIANCE_LABELS,
      registers: [registry],
      collect() {
        this.reset();
        for (const { appliance } of source.fleet().appliances) {
          this.inc({ appliance: appliance.name, vendor: appliance.vendor }, read(source.httpStats(appliance.id)));
        }
      },
    });
  counter('backwatch_appliance_requests_total', 'HTTP requests sent to the appliance.', (s) => s.requests);
  counter('backwatch_appliance_response_bytes_total', 'Bytes of response bodies read from the appliance.', (s) => s.bytes);
}

export function createServeMetrics(source: MetricsSource): ServeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Sums of the per-type `nodejs_active_*` gauges, named like counters (promtool rejects them).
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
    registry.removeSingleMetric(name);
  }
  const frame = sharedWhileRunning(async (): Promise<Frame> => {
    const fleet = source.fleet();
    return { fleet, facts: gatherJobFacts(await source.jobs(), fleet) };
  });
  registerJobGauges(registry, frame);
  registerApplianceGauges(registry, frame);
  registerTrafficCounters(registry, source);

  const pollDuration = new Histogram({
    name: 'backwatch_appliance_poll_duration_seconds',
    help: 'How long one poll of the appliance took.',
    labelNames: APPLIANCE_LABELS,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const pollErrors = new Counter({
    name: 'backwatch_appliance_poll_errors_total',
    help: 'Polls of the appliance that failed, by kind (unreachable, auth_failed, untrusted_certificate, rate_limited, http, malformed, unexpected).',
    labelNames: [...APPLIANCE_LABELS, 'kind'],
    registers: [registry],
  });
  const offPoll = source.onPoll((update) => {
    const labels = { appliance: update.appliance.appliance.name, vendor: update.appliance.appliance.vendor };
    if (update.durationMs !== undefined) pollDuration.observe(labels, update.durationMs / 1000);
    if (update.errorKind) pollErrors.inc({ ...labels, kind: update.errorKind });
  });

  return {
    registry,
    contentType: registry.contentType,
    scrape: () => registry.metrics(),
    close() {
      offPoll();
      registry.clear();
    },
  };
}

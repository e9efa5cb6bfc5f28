/**
 * Serve mode's Prometheus metrics. Job and appliance gauges are written at scrape time from the
 * core's current state (exposition.ts: a fleet has too many series to set one by one); prom-client's
 * registry holds the process metrics and what happens between two scrapes (poll durations, poll
 * errors, traffic). Labels are bounded: appliance, vendor, job, a status or state word — never a
 * session id.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { HttpStats } from '../core/http/http-client.js';
import type { MonitorUpdate } from '../core/monitor-types.js';
import { createFleetGauges } from './fleet-gauges.js';
import { sharedWhileRunning, type JobSource } from './job-facts.js';

const APPLIANCE_LABELS = ['appliance', 'vendor'] as const;

export interface MetricsSource extends JobSource {
  httpStats(applianceId: string): Readonly<HttpStats>;
  onPoll(listener: (update: MonitorUpdate) => void): () => void;
}

export interface ServeMetrics {
  readonly registry: Registry;
  readonly contentType: string;
  /** The text exposition of every metric, as one scrape (UTF-8). */
  scrape(): Promise<Buffer>;
  close(): void;
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
  registerTrafficCounters(registry, source);
  const gauges = createFleetGauges();

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
    // Scrapes that arrive together (two Prometheus replicas) share one rendering.
    scrape: sharedWhileRunning(async () => {
      const fleet = source.fleet();
      const own = gauges.render(fleet, await source.jobs());
      return Buffer.concat([Buffer.from(`${await registry.metrics()}\n`, 'utf8'), ...own]);
    }),
    close() {
      offPoll();
      registry.clear();
    },
  };
}

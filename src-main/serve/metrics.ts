/**
 * Serve mode's Prometheus metrics. Job and appliance gauges are written at scrape time from the
 * core's current state (exposition.ts: a fleet has too many series to set one by one), and so are
 * the traffic counters and the poll duration histogram (poll-histogram.ts): prom-client renders
 * its per-appliance series at hundreds of milliseconds per scrape at fleet size. Its registry
 * holds the process metrics and the poll errors (few series). Labels are bounded: appliance,
 * vendor, job, a status or state word — never a session id.
 */
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import type { HttpStats } from '../core/http/http-client.js';
import type { MaintenanceWindowView } from '../common/ipc-contract.js';
import type { FleetState } from '../common/snapshot.js';
import type { MonitorUpdate } from '../core/poller/monitor-types.js';
import { familyHeader, labelPairs } from './exposition.js';
import { createFleetGauges } from './fleet-gauges.js';
import { maintenanceLines } from './maintenance-gauge.js';
import { sharedWhileRunning, type JobSource } from './job-facts.js';
import { createPollHistogram } from './poll-histogram.js';
import { objectGaugeText } from './object-gauges.js';
import type { FleetObjects } from '../common/object-status.js';

const APPLIANCE_LABELS = ['appliance', 'vendor'] as const;

export interface MetricsSource extends JobSource {
  httpStats(applianceId: string): Readonly<HttpStats>;
  onPoll(listener: (update: MonitorUpdate) => void): () => void;
  /** The maintenance windows, with when each open one closes. */
  maintenance(): Promise<readonly MaintenanceWindowView[]>;
  /** The fleet's protected objects judged now; null before any appliance's objects were read. */
  objects(): Promise<FleetObjects | null>;
}

export interface ServeMetrics {
  readonly registry: Registry;
  readonly contentType: string;
  /** The text exposition of every metric, as one scrape: UTF-8 pieces in order, to be written as they are. */
  scrape(): Promise<Buffer[]>;
  close(): void;
}

const TRAFFIC_COUNTERS = [
  {
    name: 'backwatch_appliance_requests_total',
    help: 'HTTP requests sent to the appliance.',
    read: (s: Readonly<HttpStats>) => s.requests,
  },
  {
    name: 'backwatch_appliance_response_bytes_total',
    help: 'Bytes of response bodies read from the appliance.',
    read: (s: Readonly<HttpStats>) => s.bytes,
  },
] as const;

/** The traffic counters of every appliance, read at scrape time: two lines per appliance. */
function trafficLines(fleet: FleetState, source: MetricsSource): Buffer {
  const appliances = fleet.appliances.map(({ appliance }) => ({
    labels: labelPairs({ appliance: appliance.name, vendor: appliance.vendor }),
    stats: source.httpStats(appliance.id),
  }));
  let text = '';
  for (const { name, help, read } of TRAFFIC_COUNTERS) {
    text += familyHeader(name, help, 'counter');
    for (const { labels, stats } of appliances) text += `${name}{${labels}} ${read(stats)}\n`;
  }
  return Buffer.from(text, 'utf8');
}

export function createServeMetrics(source: MetricsSource): ServeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Sums of the per-type `nodejs_active_*` gauges, named like counters (promtool rejects them).
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
    registry.removeSingleMetric(name);
  }
  const gauges = createFleetGauges();
  const pollDuration = createPollHistogram();
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
      const jobs = await source.jobs();
      const own = gauges.render(fleet, jobs);
      const objects = Buffer.from(objectGaugeText(await source.objects()), 'utf8');
      const maintenance = maintenanceLines(fleet, jobs, await source.maintenance());
      return [
        Buffer.from(`${await registry.metrics()}\n`, 'utf8'),
        trafficLines(fleet, source),
        ...pollDuration.render(),
        ...own,
        objects,
        maintenance,
      ];
    }),
    close() {
      offPoll();
      registry.clear();
      pollDuration.clear();
    },
  };
}

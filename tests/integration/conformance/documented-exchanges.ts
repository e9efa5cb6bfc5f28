/**
 * What the documented-answers suite shares across vendors: an HTTP client pinned to a simulator
 * that records each answer as an `Exchange`, and a scenario staged so that every kind of session
 * the documents describe is there at once (queued, running, and each way a run ends).
 */
import type { HttpClient, HttpRequest } from '../../../src-main/core/http/http-client.js';
import { createHttpClient } from '../../../src-main/core/http/http-client.js';
import type { HttpsSimulator } from '../../../src-main/demo/sim/https-simulator.js';
import type { RunOutcome, Scenario, ScenarioJobSpec, ScenarioSession } from '../../../src-main/demo/sim/scenario.js';
import type { Exchange } from '../../support/vendor-schemas.js';

/** Scenario time of the suite: a fixed instant, so answers are the same on every run. */
export const DOCUMENTED_T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const MINUTE = 60_000;

/** Records answers to requests, each named by the documented call it is. */
export interface Recorder {
  readonly http: HttpClient;
  readonly exchanges: Exchange[];
  send(call: string, label: string, req: HttpRequest): Promise<Exchange>;
}

export function recorder(server: HttpsSimulator): Recorder {
  const http = createHttpClient({ baseUrl: server.url, pin: { fingerprint256: server.fingerprint256, pem: server.pem } });
  const exchanges: Exchange[] = [];
  return {
    http,
    exchanges,
    async send(call, label, req) {
      const res = await http.request({ ...req, retries: 0 });
      const exchange = { call, label, status: res.status, text: res.text };
      exchanges.push(exchange);
      return exchange;
    },
  };
}

/** The first job waits `queueMs` before it runs, so a run of it stays queued while the suite reads. */
export function withQueuedFirstJob(jobs: readonly ScenarioJobSpec[]): ScenarioJobSpec[] {
  return jobs.map((job, i) => (i === 0 ? { ...job, queueMs: 30 * MINUTE } : job));
}

/** The sessions of each kind the suite reads by id. */
export interface StagedSessions {
  readonly queued: ScenarioSession;
  readonly running: ScenarioSession;
  readonly ended: Readonly<Record<RunOutcome, ScenarioSession>>;
}

const OUTCOMES: readonly RunOutcome[] = ['succeeded', 'warning', 'failed', 'canceled'];

/**
 * Starts a queued run of the first job, a running one of the second, and one run of each further
 * job that ends in each outcome; `jobs` must be at least six.
 */
export function stageSessions(scenario: Scenario): StagedSessions {
  const jobs = scenario.jobs();
  const queued = scenario.startRun(jobs[0]!.id);
  const running = scenario.startRun(jobs[1]!.id);
  const ending = OUTCOMES.map((outcome, i) => ({ outcome, session: scenario.startRun(jobs[i + 2]!.id) }));
  scenario.advance(5 * MINUTE);
  for (const { outcome, session } of ending) scenario.finishRun(session.id, outcome);
  const ended = Object.fromEntries(ending.map(({ outcome, session }) => [outcome, session])) as Record<RunOutcome, ScenarioSession>;
  return { queued, running, ended };
}

/** The staged sessions as `[label, session]` pairs, queued and running first. */
export function stagedList(staged: StagedSessions): [string, ScenarioSession][] {
  return [
    ['queued', staged.queued],
    ['running', staged.running],
    ...Object.entries(staged.ended).map(([k, s]): [string, ScenarioSession] => [k, s]),
  ];
}

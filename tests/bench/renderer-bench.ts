/**
 * Renderer figures for `npm run bench`: the real built UI in Chromium, fed N generated sessions
 * through a stand-in `window.backwatch` (so the figures measure the window, not the core).
 * Needs dist/renderer (`npx vite build --config src-renderer/vite.config.ts`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { serveStatic } from '../../src-main/harness/static-server.js';
import { CHROMIUM_LAUNCH } from '../support/chromium.js';

export interface RendererBench {
  /** Time from opening the Sessions view to its rows on screen, ms (each figure a median of 5). */
  readonly render100Ms: number;
  readonly render10kMs: number;
  /** Time from typing a search to the filtered list on screen, ms. */
  readonly filter100Ms: number;
  readonly filter10kMs: number;
  /** Session rows in the DOM while 10,000 are loaded (the list is virtualised). */
  readonly domRowsAt10k: number;
  /** Time from opening the Jobs view to its rows on screen: 20 jobs (400 sessions) and 500 jobs (10,000 sessions), ms. */
  readonly jobsOpen20Ms: number;
  readonly jobsOpen500Ms: number;
  /** Time from typing a job search to the filtered rows on screen, ms. */
  readonly jobsFilter20Ms: number;
  readonly jobsFilter500Ms: number;
  /** Job rows in the DOM while 500 are listed. */
  readonly jobDomRowsAt500: number;
}

const JOB_NAMES = ['Nightly VMs', 'SQL Logs', 'Oracle Full', 'Exchange Mailboxes', 'File Servers'];
const APPLIANCES = 4;
/** How many of `jobs` generated jobs a search for "oracle" finds. */
const oracleJobs = (jobs: number): number => Math.floor(jobs / 5) + (jobs % 5 > 2 ? 1 : 0);

/**
 * Runs in the page before the app: a BackwatchApi answering from `count` generated sessions of
 * `jobCount` jobs spread over a few appliances.
 */
function installStubApi(count: number, jobCount: number, names: readonly string[], applianceCount: number): void {
  const statuses = ['succeeded', 'succeeded', 'succeeded', 'warning', 'failed', 'running'];
  const base = Date.now();
  const applianceOf = (job: number) => `bench${job % applianceCount}`;
  const jobName = (job: number) => (jobCount <= names.length ? names[job]! : `${names[job % names.length]} ${job}`);
  const sessions = Array.from({ length: count }, (_, i) => {
    const job = i % jobCount;
    // A job runs once per `jobCount` sessions: only its newest run may still be going.
    const status = i < jobCount && job % 7 === 0 ? 'running' : statuses[(i + Math.floor(i / jobCount)) % 5]!;
    const start = base - i * 60_000;
    return {
      id: `s${i}`,
      applianceId: applianceOf(job),
      vendor: 'spp',
      jobId: `j${job}`,
      jobName: jobName(job),
      type: 'backup',
      status,
      vendorStatus: status.toUpperCase(),
      start: new Date(start).toISOString(),
      end: status === 'running' ? null : new Date(start + 30_000 + (i % 13) * 1000).toISOString(),
      durationMs: status === 'running' ? null : 30_000 + (i % 13) * 1000,
      progress: { percent: status === 'running' ? 40 : null, completed: null, total: null, unit: null },
      message: `run ${i}`,
      logLink: null,
    };
  });
  const jobState = (job: number) => ({
    applianceId: applianceOf(job),
    jobId: `j${job}`,
    jobName: jobName(job),
    kind: null,
    lastOutcome: statuses[job % 5],
    lastOutcomeSessionId: null,
    lastOutcomeAt: null,
    activeSessionId: null,
    progressPercent: null,
    running: job % 7 === 0,
    acknowledged: false,
    muted: false,
    protection: job % 11 === 0 ? 'at_risk' : 'protected',
    lastSuccess: new Date(base - 3_600_000).toISOString(),
    lastSuccessSessionId: null,
    rpoSec: 93_600,
    rpoBreach: job % 11 === 0 ? 'b' : null,
    atRiskSince: null,
    breachAcknowledged: false,
    nextRun: new Date(base + 3_600_000).toISOString(),
    successRate: 0.9,
  });
  const counts = { queued: 0, paused: 0, running: 0, succeeded: 5, warning: 0, failed: 0, canceled: 0, unknown: 0 };
  const appliances = Array.from({ length: applianceCount }, (_, a) => ({
    id: `bench${a}`,
    name: `Bench SPP ${a}`,
    vendor: 'spp',
    baseUrl: 'https://bench.invalid',
    username: 'admin',
    credential: { kind: 'keychain' },
    hasSecret: true,
    certificateFingerprint: null,
    options: {},
    enabled: true,
    health: { state: 'ok', message: '', lastGoodPoll: null, lastPoll: null },
    status: 'ok',
    jobCounts: counts,
    protectionCounts: { protected: 0, at_risk: 0, disabled: 0, new: 0 },
    jobs: Array.from({ length: jobCount }, (_, j) => j)
      .filter((j) => j % applianceCount === a)
      .map(jobState),
    jobsOmitted: 0,
    runningSessionIds: [],
    missedRuns: [],
  }));
  const snapshot = {
    at: new Date(base).toISOString(),
    overall: 'ok',
    failedJobs: 0,
    atRiskJobs: 0,
    jobsNeedingAttention: 0,
    appliances,
    problems: [],
    lastPoll: null,
    notificationsPausedUntil: null,
    setAsideAppliances: [],
  };
  const answers: Record<string, unknown> = {
    'status:snapshot': snapshot,
    'sessions:list': sessions,
    'settings:get': null,
    'appliances:list': appliances,
  };
  const api = new Proxy({} as Record<string, unknown>, {
    get: (_t, name: string) => (name === 'on' ? () => () => {} : async () => answers[name] ?? null),
  });
  (window as unknown as { backwatch: unknown }).backwatch = api;
}

type PageAction = 'open' | 'leave' | 'search' | 'clear';

/** Runs in the page: does `action`, then waits until the list shows `expected` rows and a frame was painted. */
async function timeInPage(page: Page, action: PageAction, view: 'Sessions' | 'Jobs', expected: number): Promise<number> {
  return page.evaluate(
    async ({ action, view, expected }) => {
      const t0 = performance.now();
      if (action === 'open' || action === 'leave') {
        const target = action === 'open' ? view : 'Overview';
        [...document.querySelectorAll('nav button')]
          .find((b) => b.textContent === target)!
          .dispatchEvent(new MouseEvent('click', { bubbles: true }));
      } else {
        const input = document.querySelector<HTMLInputElement>(view === 'Jobs' ? '#job-search' : '#filter-search')!;
        input.value = action === 'search' ? 'oracle' : '';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      const list = () => document.querySelector('ul[data-count]');
      const done = () => (action === 'leave' ? !list() : Number(list()?.getAttribute('data-count')) === expected);
      while (!done()) await new Promise((r) => setTimeout(r, 0));
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - t0;
    },
    { action, view, expected },
  );
}

/** Each figure is the median of this many timings, so one garbage collection does not make it. */
const REPEATS = 5;

async function medianOf(times: () => Promise<number>): Promise<number> {
  const taken: number[] = [];
  for (let i = 0; i < REPEATS; i += 1) taken.push(await times());
  return taken.sort((a, b) => a - b)[Math.floor(REPEATS / 2)]!;
}

interface ViewFigures {
  readonly renderMs: number;
  readonly filterMs: number;
  readonly domRows: number;
}

/** Opens `view` over `sessions` sessions of `jobs` jobs, then searches it for "oracle"; medians of REPEATS. */
async function measure(page: Page, origin: string, view: 'Sessions' | 'Jobs', sessions: number, jobs: number): Promise<ViewFigures> {
  const args = JSON.stringify([sessions, jobs, JOB_NAMES, APPLIANCES]).slice(1, -1);
  // tsx/esbuild may wrap functions in `__name(...)`: give the page a no-op one.
  await page.addInitScript({ content: `globalThis.__name = (f) => f; (${installStubApi.toString()})(${args});` });
  await page.goto(`${origin}/`);
  await page.getByTestId('appliance-card').first().waitFor();
  const sessionView = view === 'Sessions';
  const all = sessionView ? sessions : jobs;
  // Sessions take job names round-robin, so a search finds as many sessions as jobs per name.
  const found = oracleJobs(all);
  const renderMs = await medianOf(async () => {
    await timeInPage(page, 'leave', view, 0);
    return timeInPage(page, 'open', view, all);
  });
  const domRows = await page.getByTestId(sessionView ? 'session-row' : 'job-row').count();
  const filterMs = await medianOf(async () => {
    const took = await timeInPage(page, 'search', view, found);
    await timeInPage(page, 'clear', view, all);
    return took;
  });
  return { renderMs, filterMs, domRows };
}

export async function benchRenderer(rendererDir = resolve('dist/renderer')): Promise<RendererBench> {
  const server = createServer((req, res) => {
    void serveStatic(rendererDir, req, res).then((ok) => {
      if (!ok) res.writeHead(404).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ headless: true, ...CHROMIUM_LAUNCH });
  try {
    const run = async (view: 'Sessions' | 'Jobs', sessions: number, jobs: number) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        return await measure(await context.newPage(), origin, view, sessions, jobs);
      } finally {
        await context.close();
      }
    };
    const small = await run('Sessions', 100, JOB_NAMES.length);
    const large = await run('Sessions', 10_000, JOB_NAMES.length);
    const fewJobs = await run('Jobs', 400, 20);
    const manyJobs = await run('Jobs', 10_000, 500);
    return {
      render100Ms: small.renderMs,
      render10kMs: large.renderMs,
      filter100Ms: small.filterMs,
      filter10kMs: large.filterMs,
      domRowsAt10k: large.domRows,
      jobsOpen20Ms: fewJobs.renderMs,
      jobsOpen500Ms: manyJobs.renderMs,
      jobsFilter20Ms: fewJobs.filterMs,
      jobsFilter500Ms: manyJobs.filterMs,
      jobDomRowsAt500: manyJobs.domRows,
    };
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
}

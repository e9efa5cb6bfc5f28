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
  /** Time from opening the Sessions view to its rows on screen, ms. */
  readonly render100Ms: number;
  readonly render10kMs: number;
  /** Time from typing a search to the filtered list on screen, ms. */
  readonly filter100Ms: number;
  readonly filter10kMs: number;
  /** Session rows in the DOM while 10,000 are loaded (the list is virtualised). */
  readonly domRowsAt10k: number;
}

/** Runs in the page before the app: a BackwatchApi answering from `count` generated sessions. */
function installStubApi(count: number): void {
  const jobs = ['Nightly VMs', 'SQL Logs', 'Oracle Full', 'Exchange Mailboxes', 'File Servers'];
  const statuses = ['succeeded', 'succeeded', 'succeeded', 'warning', 'failed', 'running'];
  const base = Date.now();
  const sessions = Array.from({ length: count }, (_, i) => {
    const status = statuses[i % statuses.length]!;
    const start = base - i * 60_000;
    return {
      id: `s${i}`,
      applianceId: 'bench',
      vendor: 'spp',
      jobId: `j${i % jobs.length}`,
      jobName: jobs[i % jobs.length]!,
      type: 'backup',
      status,
      vendorStatus: status.toUpperCase(),
      start: new Date(start).toISOString(),
      end: status === 'running' ? null : new Date(start + 30_000).toISOString(),
      durationMs: status === 'running' ? null : 30_000,
      progress: { percent: status === 'running' ? 40 : null, completed: null, total: null, unit: null },
      message: `run ${i}`,
      logLink: null,
    };
  });
  const counts = { queued: 0, paused: 0, running: 0, succeeded: 5, warning: 0, failed: 0, canceled: 0, unknown: 0 };
  const appliance = {
    id: 'bench',
    name: 'Bench SPP',
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
    jobs: [],
    jobsOmitted: 0,
    runningSessionIds: [],
    missedRuns: [],
  };
  const snapshot = {
    at: new Date(base).toISOString(),
    overall: 'ok',
    failedJobs: 0,
    atRiskJobs: 0,
    jobsNeedingAttention: 0,
    appliances: [appliance],
    problems: [],
    lastPoll: null,
    notificationsPausedUntil: null,
    setAsideAppliances: [],
  };
  const answers: Record<string, unknown> = {
    'status:snapshot': snapshot,
    'sessions:list': sessions,
    'settings:get': null,
    'appliances:list': [appliance],
  };
  const api = new Proxy({} as Record<string, unknown>, {
    get: (_t, name: string) => (name === 'on' ? () => () => {} : async () => answers[name] ?? null),
  });
  (window as unknown as { backwatch: unknown }).backwatch = api;
}

/** Runs in the page: does `action`, then waits until `done()` holds and a frame was painted. */
async function timeInPage(page: Page, action: 'open' | 'filter', expected: number): Promise<number> {
  return page.evaluate(
    async ({ action, expected }) => {
      const t0 = performance.now();
      if (action === 'open') {
        [...document.querySelectorAll('nav button')]
          .find((b) => b.textContent === 'Sessions')!
          .dispatchEvent(new MouseEvent('click', { bubbles: true }));
      } else {
        const input = document.querySelector<HTMLInputElement>('#filter-search')!;
        input.value = 'oracle';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      const list = () => document.querySelector('ul[data-count]');
      while (!list() || Number(list()!.getAttribute('data-count')) !== expected) await new Promise((r) => setTimeout(r, 0));
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - t0;
    },
    { action, expected },
  );
}

async function measure(page: Page, origin: string, count: number): Promise<{ renderMs: number; filterMs: number; domRows: number }> {
  // tsx/esbuild may wrap functions in `__name(...)`: give the page a no-op one.
  await page.addInitScript({ content: `globalThis.__name = (f) => f; (${installStubApi.toString()})(${count});` });
  await page.goto(`${origin}/`);
  await page.getByTestId('appliance-card').waitFor();
  const renderMs = await timeInPage(page, 'open', count);
  const domRows = await page.getByTestId('session-row').count();
  const oracle = Math.floor(count / 5) + (count % 5 > 2 ? 1 : 0);
  const filterMs = await timeInPage(page, 'filter', oracle);
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
    const run = async (count: number) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        return await measure(await context.newPage(), origin, count);
      } finally {
        await context.close();
      }
    };
    const small = await run(100);
    const large = await run(10_000);
    return {
      render100Ms: small.renderMs,
      render10kMs: large.renderMs,
      filter100Ms: small.filterMs,
      filter10kMs: large.filterMs,
      domRowsAt10k: large.domRows,
    };
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
}

/** The live screen of `watch`: problems first, running jobs with percent and elapsed time, a summary; it fits any terminal. */
import { describe, expect, it } from 'vitest';
import { fitToWidth, renderWatchFrame, SCREEN, type WatchView } from '../../../src-main/cli/watch-screen.js';
import type { JobView } from '../../../src-main/common/ipc-contract.js';
import { displayWidth } from '../../../src-main/common/text.js';
import { makeJobState, makeRunning, MINUTE, T0 } from '../common/factories.js';
import { applianceView, snapshotOf } from '../renderer/job-fixtures.js';

const job = (jobName: string, over: Parameters<typeof makeJobState>[0]): JobView => ({
  ...makeJobState({ ...over, jobName }),
  applianceName: 'SPP prod',
  vendor: 'spp',
});

function view(runningCount: number): WatchView {
  const failed = job('SQL Nightly', { jobId: 'j1', lastOutcome: 'failed' });
  const fine = job('Exchange', { jobId: 'j2' });
  const running = Array.from({ length: runningCount }, (_, i) =>
    makeRunning(-(i + 1) * 7 * MINUTE, {
      id: `r${i}`,
      jobName: `Oracle ${i} with a rather long job name`,
      progress: { percent: 40 + i, completed: null, total: null, unit: null },
    }),
  );
  const appliance = applianceView('a1', 'SPP prod', []);
  return {
    snapshot: snapshotOf([appliance], { overall: 'failed', lastPoll: new Date(T0).toISOString() }),
    jobs: [failed, fine],
    running,
    applianceName: () => 'SPP prod',
    now: T0,
  };
}

describe('the watch screen', () => {
  it('lists problems first, then running jobs with percent and elapsed time, then a summary line', () => {
    const lines = renderWatchFrame(view(2), 200, 40);
    const problems = lines.indexOf('PROBLEMS (1)');
    const running = lines.indexOf('RUNNING (2)');
    expect(problems).toBeGreaterThan(0);
    expect(lines[problems + 1]).toBe('  SPP prod: Backup failed: SQL Nightly');
    expect(running).toBeGreaterThan(problems);
    expect(lines[running + 1]).toMatch(/^\s+APPLIANCE\s+JOB\s+DONE\s+ELAPSED$/);
    // The longest-running job first: 14 min at 41 %, then 7 min at 40 %.
    expect(lines[running + 2]).toMatch(/SPP prod\s+Oracle 1 with a rather long job name\s+41%\s+14 min$/);
    expect(lines[running + 3]).toMatch(/Oracle 0 .*\s+40%\s+7 min$/);
    expect(lines.at(-1)).toMatch(/^1 appliance · 2 jobs: 1 failed, 0 at risk, 0 with warnings, 0 running, 1 OK · polled /);
  });

  it.each([20, 40, 60, 80, 132])('fits a terminal %i columns wide, cutting long lines with an ellipsis', (width) => {
    const full = renderWatchFrame(view(3), 10_000, 30);
    const lines = renderWatchFrame(view(3), width, 30);
    expect(lines).toHaveLength(full.length);
    lines.forEach((line, i) => {
      expect(displayWidth(line)).toBeLessThanOrEqual(width);
      if (displayWidth(full[i]!) <= width) expect(line).toBe(full[i]);
      else expect(line.endsWith('…') && full[i]!.startsWith(line.slice(0, -1))).toBe(true);
    });
    expect(lines.some((line) => line.endsWith('…'))).toBe(full.some((line) => displayWidth(line) > width));
  });

  it('fits the height: a long list says how many lines it left out, and the summary stays', () => {
    const lines = renderWatchFrame(view(50), 100, 16);
    expect(lines.length).toBeLessThanOrEqual(16);
    expect(lines.find((line) => /^ {2}… \d+ more$/.test(line))).toBeDefined();
    expect(lines.at(-1)).toMatch(/^1 appliance · /);
    expect(lines).toContain('  SPP prod: Backup failed: SQL Nightly');
  });

  it('cuts by terminal columns, so wide characters never overflow', () => {
    expect(fitToWidth('バックアップ失敗', 7)).toBe('バック…');
    expect(displayWidth(fitToWidth('バックアップ失敗', 7))).toBeLessThanOrEqual(7);
    expect(fitToWidth('short', 10)).toBe('short');
  });

  it('redraws in place with sequences every terminal and tmux know', () => {
    const frame = SCREEN.frame(['a', 'b']);
    expect(frame).toBe('\x1b[Ha\x1b[K\nb\x1b[K\x1b[J');
    expect(SCREEN.enter).toContain('\x1b[?1049h');
    expect(SCREEN.leave).toContain('\x1b[?1049l');
  });
});

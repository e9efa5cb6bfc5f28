/** `backwatch status | sessions | watch`: one poll, or the poller running. */
import { eventsToTell } from '../common/change-text.js';
import { on } from '../common/event.js';
import { SESSION_STATUSES, type SessionStatus } from '../common/model.js';
import type { SessionQuery } from '../common/ipc-contract.js';
import type { Settings } from '../common/settings.js';
import { withoutControlCharacters } from '../common/text.js';
import { SESSION_QUERY_LIMIT_MAX } from '../core/session-query.js';
import type { CliContext, TerminalScreen } from './cli-context.js';
import { findByName } from './appliance-lookup.js';
import { EXIT } from './exit-codes.js';
import { CliError, type Flags } from './cli-error.js';
import { describeChange, EXIT_CODE_OF, renderSessions, renderStatus, statusExitCode, teamServerTrouble } from './report.js';
import { renderWatchFrame, SCREEN, type WatchView } from './watch-screen.js';

/** The running sessions the live screen of `watch` asks for: more than any terminal shows. */
const RUNNING_LIMIT = 500;

const SINCE_UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `24h`, `30m`, `7d` → milliseconds. */
export function parseSince(text: string): number {
  const match = /^(\d+)\s*([mhd])$/.exec(text.trim());
  if (!match) throw new CliError(`--since takes a duration like 30m, 24h or 7d, not "${text}".`, EXIT.usage);
  return Number(match[1]) * SINCE_UNITS[match[2]!]!;
}

function statusesOf(text: string): SessionStatus[] {
  const words = text
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  const bad = words.filter((w) => !(SESSION_STATUSES as readonly string[]).includes(w));
  if (bad.length) throw new CliError(`Unknown status ${bad.join(', ')}: use ${SESSION_STATUSES.join(', ')}.`, EXIT.usage);
  return words as SessionStatus[];
}

/** How long `status` waits for every appliance together by default, seconds: a monitoring plugin has a deadline. */
const STATUS_DEADLINE_SEC = 30;

function statusDeadlineSec(flags: Flags): number {
  if (flags.timeout === undefined) return STATUS_DEADLINE_SEC;
  const seconds = Number(flags.timeout);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600)
    throw new CliError('--timeout takes a whole number of seconds from 1 to 3600.', EXIT.usage);
  return seconds;
}

/** Polls every appliance once; false when the deadline passed first. */
async function pollWithin(ctx: CliContext, deadlineSec: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), deadlineSec * 1000)));
  try {
    return await Promise.race([ctx.core.handlers['appliances:refresh']().then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function statusCommand(ctx: CliContext, flags: Flags): Promise<number> {
  const deadlineSec = statusDeadlineSec(flags);
  const startedAt = new Date(ctx.now()).toISOString();
  if (!(await pollWithin(ctx, deadlineSec))) {
    // Nothing is said of a fleet that was not all heard from: UNKNOWN, naming who did not answer.
    const slow = (await ctx.core.handlers['appliances:list']())
      .filter((a) => a.enabled && (a.health.lastPoll === null || a.health.lastPoll < startedAt))
      .map((a) => a.name);
    ctx.term.out(
      withoutControlCharacters(`BACKWATCH UNKNOWN - no answer within ${deadlineSec} s from ${slow.join(', ') || 'the appliances'}`),
    );
    return EXIT_CODE_OF.no_data;
  }
  const snapshot = await ctx.core.snapshot();
  const server = snapshot.teamServer;
  if (server && server.link !== 'live') {
    ctx.term.out(`BACKWATCH UNKNOWN - ${teamServerTrouble(server)}`);
    return EXIT_CODE_OF.no_data;
  }
  const jobs = await ctx.core.handlers['jobs:list']({});
  ctx.term.out(flags.json === true ? JSON.stringify(snapshot, null, 2) : renderStatus(snapshot, jobs, ctx.now()));
  return statusExitCode(snapshot);
}

export async function sessionsCommand(ctx: CliContext, flags: Flags): Promise<number> {
  const appliances = await ctx.core.handlers['appliances:list']();
  const named = typeof flags.appliance === 'string' ? await findByName(ctx, flags.appliance) : undefined;
  const limit = typeof flags.limit === 'string' ? Number(flags.limit) : 50;
  if (!Number.isInteger(limit) || limit <= 0 || limit > SESSION_QUERY_LIMIT_MAX) {
    throw new CliError(`--limit takes a whole number from 1 to ${SESSION_QUERY_LIMIT_MAX.toLocaleString('en-US')}.`, EXIT.usage);
  }
  const query: SessionQuery = {
    limit,
    ...(named ? { applianceId: named.id } : {}),
    ...(typeof flags.status === 'string' ? { statuses: statusesOf(flags.status) } : {}),
    ...(typeof flags.since === 'string' ? { since: new Date(ctx.now() - parseSince(flags.since)).toISOString() } : {}),
  };
  await ctx.core.handlers['appliances:refresh']();
  const sessions = await ctx.core.handlers['sessions:list'](query);
  const names = new Map(appliances.map((a) => [a.id, a.name]));
  ctx.term.out(flags.json === true ? JSON.stringify(sessions, null, 2) : renderSessions(sessions, (id) => names.get(id) ?? id, ctx.now()));
  return 0;
}

/** `--interval SECONDS` as a settings override for this run only. */
export function intervalOverride(flags: Flags): Partial<Settings> | undefined {
  if (typeof flags.interval !== 'string') return undefined;
  const seconds = Number(flags.interval);
  if (!Number.isFinite(seconds) || seconds < 1) throw new CliError('--interval takes a number of seconds (at least 1).', EXIT.usage);
  return { pollIntervalSec: seconds, activePollIntervalSec: seconds };
}

/** Draws the live screen of `watch` on the terminal until the returned stop is called. */
function liveScreen(ctx: CliContext, screen: TerminalScreen): () => void {
  let view: Omit<WatchView, 'now'> | null = null;
  const draw = () => {
    if (!view) return;
    const { columns, rows } = screen.size();
    screen.write(SCREEN.frame(renderWatchFrame({ ...view, now: ctx.now() }, columns, rows)));
  };
  const refresh = async () => {
    const [snapshot, jobs, running, appliances] = await Promise.all([
      ctx.core.snapshot(),
      ctx.core.handlers['jobs:list']({}),
      ctx.core.handlers['sessions:list']({ statuses: ['running'], limit: RUNNING_LIMIT }),
      ctx.core.handlers['appliances:list'](),
    ]);
    const names = new Map(appliances.map((a) => [a.id, a.name]));
    view = { snapshot, jobs, running, applianceName: (id) => names.get(id) ?? id };
    draw();
  };
  screen.write(SCREEN.enter);
  const unsubscribe = on(ctx.core.events, 'status:changed', () => void refresh());
  // Elapsed times move every second, between polls too.
  const tick = setInterval(draw, 1000);
  const stopResize = screen.onResize(draw);
  void refresh();
  return () => {
    clearInterval(tick);
    stopResize();
    unsubscribe();
    screen.write(SCREEN.leave);
  };
}

/** Runs the poller until interrupted: a live screen in a terminal, else one line (or one JSON object) per change event. */
export async function watchCommand(ctx: CliContext, flags: Flags, stopSignal: Promise<void>): Promise<number> {
  const names = new Map((await ctx.core.handlers['appliances:list']()).map((a) => [a.id, a.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  let stopScreen = () => {};
  // The first reading of a team server that failed is said here; what goes wrong later, the log says.
  const server = (await ctx.core.snapshot()).teamServer;
  if (server?.link === 'down') ctx.term.err(`backwatch: ${teamServerTrouble(server)}`);
  if (flags.jsonl === true) {
    on(ctx.core.events, 'changes', (changes) => eventsToTell(changes).forEach((change) => ctx.term.out(JSON.stringify(change))));
  } else if (ctx.term.screen) {
    stopScreen = liveScreen(ctx, ctx.term.screen);
  } else {
    on(ctx.core.events, 'changes', (changes) => eventsToTell(changes).forEach((change) => ctx.term.out(describeChange(change, nameOf))));
  }
  ctx.core.start();
  // The poller's timers do not hold the process open (the app must be able to quit): this does, until Ctrl-C.
  const keepAlive = setInterval(() => {}, 60_000);
  await stopSignal;
  clearInterval(keepAlive);
  stopScreen();
  return 0;
}

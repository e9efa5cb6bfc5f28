/**
 * The CCTray feed (cctray.org): one `Project` per backup job, so CCMenu, Nevergreen, BuildNotify
 * and other CCTray clients show backups beside builds. A job at risk or whose last session failed
 * is a Failure; "Exception" is never used (it means the CI server itself broke).
 */
import { SESSION_STATUS_SEVERITY } from '../common/severity.js';
import type { JobFacts } from './job-facts.js';

export type CctrayStatus = 'Success' | 'Failure' | 'Unknown';

export interface CctrayOptions {
  /** A session that ended with warnings (or canceled, or in an unknown state) counts as Success. */
  readonly warningIsSuccess: boolean;
}

/** The feed requires a last build time: a job with no finished session shows the epoch, as other servers do. */
const NEVER = '1970-01-01T00:00:00.000Z';

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text fit for an XML attribute: the five special characters escaped, and characters XML 1.0
 * cannot carry at all (control characters, lone surrogates) replaced, so a vendor's odd job name
 * cannot break the document.
 */
export function xmlAttribute(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!)
    .replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function cctrayStatus(facts: JobFacts, options: CctrayOptions): CctrayStatus {
  if (facts.job.protection === 'at_risk') return 'Failure';
  const outcome = facts.job.lastOutcome;
  if (outcome === null) return 'Unknown';
  const severity = SESSION_STATUS_SEVERITY[outcome];
  if (severity === 'failed') return 'Failure';
  if (severity === 'warning') return options.warningIsSuccess ? 'Success' : 'Failure';
  return 'Success';
}

/** ISO 8601 in UTC (`Z`), whatever offset the vendor's time carried. */
function utc(iso: string | null): string | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function projectOf(facts: JobFacts, options: CctrayOptions): string {
  const { job, appliance, lastFinished } = facts;
  const attributes: [string, string | null][] = [
    ['name', `${appliance.name} :: ${facts.label}`],
    ['activity', job.running ? 'Building' : 'Sleeping'],
    ['lastBuildStatus', cctrayStatus(facts, options)],
    ['lastBuildLabel', job.lastOutcomeSessionId],
    ['lastBuildTime', utc(lastFinished?.end ?? lastFinished?.start ?? null) ?? NEVER],
    ['nextBuildTime', utc(job.nextRun)],
    ['webUrl', appliance.baseUrl],
  ];
  const text = attributes.flatMap(([key, value]) => (value === null ? [] : [`${key}="${xmlAttribute(value)}"`]));
  return `  <Project ${text.join(' ')}/>`;
}

/** The whole feed, projects sorted by name so that it reads (and diffs) the same from one request to the next. */
export function renderCctray(facts: readonly JobFacts[], options: CctrayOptions): string {
  const projects = [...facts]
    .sort((a, b) => `${a.appliance.name} :: ${a.label}`.localeCompare(`${b.appliance.name} :: ${b.label}`))
    .map((f) => projectOf(f, options));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Projects>\n${projects.join('\n')}${projects.length ? '\n' : ''}</Projects>\n`;
}

/**
 * Reads the SPP fixture pairs (`<name>.raw.json` beside `<name>.normalized.json`) and parses a raw
 * answer with the parser its name prefix selects. The normalized file holds the parse result and
 * the oddities logged while parsing.
 */
import type { SppParseContext } from '../../../src-main/core/connectors/spp/spp-parser.js';
import {
  parseJobLogPage,
  parseJobPage,
  parseProgressPage,
  parseSessionPage,
  parseSingleSession,
} from '../../../src-main/core/connectors/spp/spp-parser.js';
import { fixtureSet, warningLog } from './fixtures.js';

const PARSERS: readonly [string, (body: unknown, ctx: SppParseContext) => unknown][] = [
  ['jobsession-single-', parseSingleSession],
  ['jobsession-', parseSessionPage],
  ['job-', parseJobPage],
  ['progress-', parseProgressPage],
  ['log-', parseJobLogPage],
];

export const { names: fixtureNames, read: readFixture } = fixtureSet('spp');

/** Parses one raw fixture; returns the result and the warnings logged (once per kind). */
export function parseFixture(name: string): { result: unknown; warnings: string[] } {
  const parser = PARSERS.find(([prefix]) => name.startsWith(prefix))?.[1];
  if (!parser) throw new Error(`no parser for fixture ${name}`);
  const { log, warnings } = warningLog();
  return { result: parser(readFixture(name, 'raw'), { applianceId: 'spp-1', log }), warnings };
}

/**
 * Reads the VCSA fixture pairs (`<style>-<kind>-<name>.raw.json` beside `.normalized.json`) and
 * parses a raw answer with the parser and API style its name selects. The normalized file holds the
 * parse result and the oddities logged while parsing.
 */
import type { VcsaApiStyle } from '../../../src-main/common/vendors/vcsa/vcsa-options.js';
import type { VcsaParseContext } from '../../../src-main/core/connectors/vcsa/vcsa-parser.js';
import {
  parseErrorMessages,
  parseJobDetails,
  parseJobIds,
  parseJobStatus,
  parseSessionToken,
} from '../../../src-main/core/connectors/vcsa/vcsa-parser.js';
import { parseSchedules } from '../../../src-main/core/connectors/vcsa/vcsa-job.js';
import { fixtureSet, warningLog } from './fixtures.js';

type FixtureParser = (body: unknown, style: VcsaApiStyle, ctx: VcsaParseContext) => unknown;

const PARSERS: readonly [string, FixtureParser][] = [
  ['details-', parseJobDetails],
  ['jobs', parseJobIds],
  ['job-status-', (body, style, ctx) => parseJobStatus('asked-id', body, style, ctx)],
  ['schedules', parseSchedules],
  ['error-', (body) => parseErrorMessages(body)],
  ['session', (body, style) => parseSessionToken(body, style)],
];

export const { names: vcsaFixtureNames, read: readVcsaFixture } = fixtureSet('vcsa');

/** Parses one raw fixture; returns the result and the warnings logged (once per kind). */
export function parseVcsaFixture(name: string): { result: unknown; warnings: string[] } {
  const match = /^(api|rest)-(.*)$/.exec(name);
  const parser = match ? PARSERS.find(([prefix]) => match[2]?.startsWith(prefix))?.[1] : undefined;
  if (!match || !parser) throw new Error(`no parser for fixture ${name}`);
  const { log, warnings } = warningLog();
  const result = parser(readVcsaFixture(name, 'raw'), match[1] as VcsaApiStyle, { applianceId: 'vcsa-1', log });
  return { result, warnings };
}

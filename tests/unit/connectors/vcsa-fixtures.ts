/**
 * Reads the VCSA fixture pairs (`<style>-<kind>-<name>.raw.json` beside `.normalized.json`) and
 * parses a raw answer with the parser and API style its name selects. The normalized file holds the
 * parse result and the oddities logged while parsing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger, onceLogger } from '../../../src-main/core/logger.js';
import type { VcsaApiStyle, VcsaParseContext } from '../../../src-main/core/connectors/vcsa/vcsa-parser.js';
import {
  parseErrorMessages,
  parseJobDetails,
  parseJobIds,
  parseJobStatus,
  parseSchedules,
  parseSessionToken,
} from '../../../src-main/core/connectors/vcsa/vcsa-parser.js';

export const VCSA_FIXTURES = fileURLToPath(new URL('../../fixtures/vcsa/', import.meta.url));

type FixtureParser = (body: unknown, style: VcsaApiStyle, ctx: VcsaParseContext) => unknown;

const PARSERS: readonly [string, FixtureParser][] = [
  ['details-', parseJobDetails],
  ['jobs', parseJobIds],
  ['job-status-', (body, style, ctx) => parseJobStatus('asked-id', body, style, ctx)],
  ['schedules', parseSchedules],
  ['error-', (body) => parseErrorMessages(body)],
  ['session', (body, style) => parseSessionToken(body, style)],
];

export function vcsaFixtureNames(): string[] {
  return readdirSync(VCSA_FIXTURES)
    .filter((f) => f.endsWith('.raw.json'))
    .map((f) => f.slice(0, -'.raw.json'.length))
    .sort();
}

export function readVcsaFixture(name: string, kind: 'raw' | 'normalized'): unknown {
  return JSON.parse(readFileSync(`${VCSA_FIXTURES}${name}.${kind}.json`, 'utf8'));
}

/** Parses one raw fixture; returns the result and the warnings logged (once per kind). */
export function parseVcsaFixture(name: string): { result: unknown; warnings: string[] } {
  const match = /^(api|rest)-(.*)$/.exec(name);
  const parser = match ? PARSERS.find(([prefix]) => match[2]?.startsWith(prefix))?.[1] : undefined;
  if (!match || !parser) throw new Error(`no parser for fixture ${name}`);
  const warnings: string[] = [];
  const log = onceLogger(createLogger((line) => warnings.push(line.message)));
  const result = parser(readVcsaFixture(name, 'raw'), match[1] as VcsaApiStyle, { applianceId: 'vcsa-1', log });
  return { result, warnings };
}

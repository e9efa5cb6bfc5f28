/**
 * Reads the SPP fixture pairs (`<name>.raw.json` beside `<name>.normalized.json`) and parses a raw
 * answer with the parser its name prefix selects. The normalized file holds the parse result and
 * the oddities logged while parsing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger, onceLogger } from '../../../src-main/core/logger.js';
import type { SppParseContext } from '../../../src-main/core/connectors/spp/spp-parser.js';
import {
  parseJobLogPage,
  parseJobPage,
  parseProgressPage,
  parseSessionPage,
  parseSingleSession,
} from '../../../src-main/core/connectors/spp/spp-parser.js';

export const SPP_FIXTURES = fileURLToPath(new URL('../../fixtures/spp/', import.meta.url));

const PARSERS: readonly [string, (body: unknown, ctx: SppParseContext) => unknown][] = [
  ['jobsession-single-', parseSingleSession],
  ['jobsession-', parseSessionPage],
  ['job-', parseJobPage],
  ['progress-', parseProgressPage],
  ['log-', parseJobLogPage],
];

export function fixtureNames(): string[] {
  return readdirSync(SPP_FIXTURES)
    .filter((f) => f.endsWith('.raw.json'))
    .map((f) => f.slice(0, -'.raw.json'.length))
    .sort();
}

export function readFixture(name: string, kind: 'raw' | 'normalized'): unknown {
  return JSON.parse(readFileSync(`${SPP_FIXTURES}${name}.${kind}.json`, 'utf8'));
}

/** Parses one raw fixture; returns the result and the warnings logged (once per kind). */
export function parseFixture(name: string): { result: unknown; warnings: string[] } {
  const parser = PARSERS.find(([prefix]) => name.startsWith(prefix))?.[1];
  if (!parser) throw new Error(`no parser for fixture ${name}`);
  const warnings: string[] = [];
  const log = onceLogger(createLogger((line) => warnings.push(line.message)));
  return { result: parser(readFixture(name, 'raw'), { applianceId: 'spp-1', log }), warnings };
}

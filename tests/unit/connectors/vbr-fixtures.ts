/**
 * Reads the VBR fixture pairs (`<revision>-<scenario>.<kind>.raw.json` beside `.normalized.json`)
 * and parses a raw answer with the parser its kind selects. The normalized file holds the parse
 * result and the oddities logged while parsing.
 */
import type { VbrParseContext } from '../../../src-main/core/connectors/vbr/vbr-parser.js';
import {
  parseVbrJobStates,
  parseVbrSessionLog,
  parseVbrSessionPage,
  parseVbrTaskSessions,
} from '../../../src-main/core/connectors/vbr/vbr-parser.js';
import { fixtureSet, warningLog } from './fixtures.js';

const PARSERS: Readonly<Record<string, (body: unknown, ctx: VbrParseContext) => unknown>> = {
  sessions: parseVbrSessionPage,
  jobs: parseVbrJobStates,
  logs: parseVbrSessionLog,
  tasks: parseVbrTaskSessions,
};

export const { names: fixtureNames, read: readFixture } = fixtureSet('vbr');

/** Parses one raw fixture; returns the result and the warnings logged (once per kind). */
export function parseFixture(name: string): { result: unknown; warnings: string[] } {
  const parser = PARSERS[name.split('.').at(-1) ?? ''];
  if (!parser) throw new Error(`no parser for fixture ${name}`);
  const { log, warnings } = warningLog();
  return { result: parser(readFixture(name, 'raw'), { applianceId: 'vbr-1', log }), warnings };
}

/**
 * Reads a vendor's fixture pairs under tests/fixtures/<vendor>/: `<name>.raw.json` (an answer as
 * the appliance sent it) beside `<name>.normalized.json` (what the parser makes of it).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../../src-main/core/logger.js';
import { createLogger, onceLogger } from '../../../src-main/core/logger.js';

export function fixtureSet(vendor: string) {
  const dir = fileURLToPath(new URL(`../../fixtures/${vendor}/`, import.meta.url));
  return {
    /** The fixture names (without `.raw.json`), sorted. */
    names: (): string[] =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.raw.json'))
        .map((f) => f.slice(0, -'.raw.json'.length))
        .sort(),
    read: (name: string, kind: 'raw' | 'normalized'): unknown => JSON.parse(readFileSync(`${dir}${name}.${kind}.json`, 'utf8')),
  };
}

/** A logger that keeps the message of each oddity logged (once per kind), as the normalized files hold them. */
export function warningLog(): { log: Logger; warnings: string[] } {
  const warnings: string[] = [];
  return { log: onceLogger(createLogger((line) => warnings.push(line.message))), warnings };
}

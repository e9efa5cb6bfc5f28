/**
 * serve-tokens.json shared by processes: `serve token add/remove` in parallel lose no token and
 * bring none back (a locked read-modify-write), and names that could forge a listed line are refused
 * when made and escaped when printed from a file edited by hand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main.js';
import { openTokenStore, TOKEN_FILE_NAME } from '../../src-main/serve/token-store.js';
import { runTokenStep, tokensLeft } from '../support/token-writer.js';
import { withTimeout } from '../support/with-timeout.js';
import { writerProcess } from '../support/writer-process.js';

const WRITER = path.resolve('tests/support/token-writer.ts');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-token-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function tokenCli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const term = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), readStdin: async () => '', isTTY: false };
  const code = await runCli(['serve', 'token', ...args, '--config-dir', dir], term, {});
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('serve-tokens.json shared by processes', () => {
  it('keeps every token added and none removed, from two other processes and this one', { timeout: 90_000 }, async () => {
    const counts = { cli: 20, app: 30, here: 25 };
    const children = [
      writerProcess(WRITER, [dir, 'cli', String(counts.cli), 'fresh'], 'cli'),
      writerProcess(WRITER, [dir, 'app', String(counts.app), 'long'], 'app'),
    ];
    await withTimeout(Promise.all(children.map((c) => c.ready)), 60_000, 'the writers to start');
    writeFileSync(path.join(dir, 'go'), '');
    const store = openTokenStore(dir);
    for (let i = 0; i < counts.here; i++) await runTokenStep(store, 'here', i);
    await Promise.all(children.map((c) => c.done));
    const names = store.list().map((t) => t.name);
    const expected = Object.entries(counts).flatMap(([name, count]) => tokensLeft(name, count));
    expect(names.sort()).toEqual(expected.sort());
  });
});

describe('token names', () => {
  it.each([[''], ['   '], ['evil\nadmin\toperate\t2026'], ['bell\u0007'], ['rtl\u202eoverride'], ['x'.repeat(101)]])(
    'refuses %j',
    async (name) => {
      const made = await tokenCli(['add', name, '--scope', 'read']);
      expect(made.code).not.toBe(0);
      expect(made.out).toBe('');
      expect(openTokenStore(dir).list()).toEqual([]);
    },
  );

  it('escapes a hand-edited name when listing', async () => {
    const sha256 = 'a'.repeat(64);
    const tokens = [{ name: 'forged\nroot\toperate', scope: 'read', sha256, createdAt: '2026-01-01T00:00:00.000Z' }];
    writeFileSync(path.join(dir, TOKEN_FILE_NAME), JSON.stringify({ tokens }));
    const list = await tokenCli(['list']);
    expect(list.out).toBe('forged\\u{a}root\\u{9}operate\tread\t2026-01-01T00:00:00.000Z');
  });
});

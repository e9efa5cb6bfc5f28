import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCliContext } from '../../../src-main/cli/cli-context.js';

describe('the CLI context', () => {
  it('says the app runs as the backwatch command, not as a browser', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-cli-context-'));
    const term = { out: () => {}, err: () => {}, readStdin: async () => '', isTTY: false };
    const ctx = openCliContext(term, { configDir: dir, ephemeral: true, env: {}, now: Date.now, version: 'test' });
    try {
      expect((await ctx.core.handlers['app:info']()).shell).toBe('cli');
    } finally {
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

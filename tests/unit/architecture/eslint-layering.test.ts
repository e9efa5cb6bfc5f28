/**
 * The layering rules of eslint.config.js, shown on small snippets linted as if they lived in each
 * folder: every way around a rule that the config closes is reported, and the allowed form of
 * each is not (so a rule that reports everything fails here too).
 */
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '..', '..', '..') });

/** The rules `code` breaks when it is the file `filePath`, as `rule: message` lines. */
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const reported = (rule: string, words: RegExp) => [expect.stringMatching(new RegExp(`^${rule}: .*${words.source}`))];

describe('the layering rules', { timeout: 60_000 }, () => {
  it.each([
    ['a default import', "import electron from 'electron';\nelectron.ipcMain.handle('x', () => 1);\n"],
    ['a namespace import', "import * as e from 'electron';\ne.ipcMain.handle('x', () => 1);\n"],
    ['a dynamic import', "export const ipc = import('electron').then((e) => e.ipcMain);\n"],
  ])('catch ipcMain reached through %s of electron', async (_how, code) => {
    expect(await problems('src-main/electron/tray.ts', code)).toEqual(reported('no-restricted-syntax', /by name/));
  });

  it('catch a named ipcMain or ipcRenderer import anywhere but the typed wrappers', async () => {
    const named = "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\n";
    expect(await problems('src-main/electron/tray.ts', named)).toEqual(reported('no-restricted-syntax', /typed IPC wrappers/));
    expect(await problems('src-main/electron/ipc-main.ts', named)).toEqual([]);
    expect(await problems('src-main/electron/tray.ts', "import { app } from 'electron';\nexport const name = app.getName();\n")).toEqual(
      [],
    );
    expect(await problems('src-main/electron/tray.ts', "import type * as E from 'electron';\nexport type Tray = E.Tray;\n")).toEqual([]);
  });

  it.each([
    ['process', 'export const home = process.env.HOME;\n'],
    ['Buffer', "export const bytes = Buffer.from('x');\n"],
    ['require', "export const fs = require('fs');\n"],
    ['__dirname', 'export const here = __dirname;\n'],
    ['globalThis.process', 'export const env = globalThis.process.env;\n'],
  ])('give common/ no Node globals: %s', async (_name, code) => {
    const found = await problems('src-main/common/format.ts', code);
    expect(found).toContainEqual(expect.stringMatching(/^no-restricted-(globals|properties): .*common\/ is pure/));
  });

  it('leave common/ the globals both runtimes have', async () => {
    const code = "export const later = (f: () => void) => setTimeout(f, 10);\nexport const host = new URL('https://x.example').host;\n";
    expect(await problems('src-main/common/format.ts', code)).toEqual([]);
  });

  it('keep Electron and the other front ends out of the browser harness', async () => {
    expect(await problems('src-main/harness/harness.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual(
      reported('no-restricted-imports', /browser harness/),
    );
    expect(await problems('src-main/harness/harness.ts', "export { createElectronTray } from '../electron/tray.js';\n")).toEqual(
      reported('no-restricted-imports', /browser harness/),
    );
    expect(await problems('src-main/harness/harness.ts', "export { runCli } from '../cli/main.js';\n")).toEqual(
      reported('no-restricted-imports', /browser harness/),
    );
    expect(await problems('src-main/harness/harness.ts', "export { createAppCore } from '../core/app/app-core.js';\n")).toEqual([]);
  });

  it('keep tests of common/ pure, and renderer and Node tests away from Electron', async () => {
    const common = 'tests/unit/common/format.test.ts';
    expect(await problems(common, "export { createAppCore } from '../../../src-main/core/app/app-core.js';\n")).toEqual(
      reported('no-restricted-imports', /tests of common\/ are pure/),
    );
    expect(await problems(common, "export { readFileSync } from 'node:fs';\n")).toEqual(reported('no-restricted-imports', /pure/));
    expect(await problems(common, "export { formatDuration } from '../../../src-main/common/format.js';\n")).toEqual([]);

    const renderer = 'tests/unit/renderer/store.test.ts';
    expect(await problems(renderer, "export { createAppCore } from '../../../src-main/core/app/app-core.js';\n")).toEqual(
      reported('no-restricted-imports', /renderer tests/),
    );
    const core = 'tests/unit/core/monitor.test.ts';
    expect(await problems(core, "export { createElectronTray } from '../../../src-main/electron/tray.js';\n")).toEqual(
      reported('no-restricted-imports', /only the shell tests/),
    );
    expect(await problems(core, "export { app } from './electron-mock.js';\n")).toEqual(
      reported('no-restricted-imports', /only the shell tests/),
    );
    expect(
      await problems('tests/unit/electron/tray.test.ts', "export { createElectronTray } from '../../../src-main/electron/tray.js';\n"),
    ).toEqual([]);
  });
});

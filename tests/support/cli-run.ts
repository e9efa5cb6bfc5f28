/** The CLI run in this process on a config folder, with what it printed: for tests of its words and exit codes. */
import { runCli } from '../../src-main/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCliIn(
  dir: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  now: () => number = Date.now,
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const term = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), readStdin: async () => '', isTTY: false };
  const code = await runCli([...args, '--config-dir', dir], term, { PATH: process.env.PATH, ...env }, now);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

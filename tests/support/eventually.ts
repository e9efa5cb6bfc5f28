/**
 * Waits for something other processes do: checks `condition` every `intervalMs` until it holds,
 * and fails naming what was awaited once `timeoutMs` has passed (with `detail()`, what was seen
 * last). Only for what no fake clock moves.
 */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what = 'the condition',
  { intervalMs = 100, detail }: { intervalMs?: number; detail?: () => string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.${detail ? ` ${detail()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

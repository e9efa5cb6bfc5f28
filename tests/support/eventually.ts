/**
 * Waits for something other processes do: checks `condition` every `intervalMs` until it holds,
 * and fails naming what was awaited once `timeoutMs` has passed. Only for what no fake clock moves.
 */
export async function eventuallyTrue(condition: () => boolean, timeoutMs: number, what = 'the condition', intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** `promise`, or a rejection naming the wait once `ms` have passed: a bounded wait for an event. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what = 'the event'): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Waited ${ms} ms for ${what} in vain.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

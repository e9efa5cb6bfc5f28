/**
 * Mutations run one at a time, so two quick edits cannot both pass the same uniqueness check, and
 * each comes back as a `MutationResult`: a `UserError` as its message, anything else logged too.
 */
import type { MutationResult } from '../../common/ipc-contract.js';
import type { Logger } from '../logger.js';
import { messageOf, scrub, UserError } from './errors.js';

export interface Mutations {
  /** Runs `fn` after every mutation queued before it. */
  serial<T>(fn: () => Promise<T>): Promise<T>;
  /** `serial`, with the outcome as a value; `password` is scrubbed from any message. */
  guard<T>(what: string, fn: () => Promise<T>, password?: string): Promise<MutationResult<T>>;
}

export function createMutations(log: Logger): Mutations {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    serial,
    guard: (what, fn, password) =>
      serial(fn).then(
        (value) => ({ ok: true, value }),
        (e: unknown) => {
          const message = scrub(messageOf(e), password);
          if (!(e instanceof UserError)) log.warn(`${what} failed: ${message}`);
          return { ok: false, message };
        },
      ),
  };
}

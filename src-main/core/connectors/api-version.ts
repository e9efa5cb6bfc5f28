/**
 * The API version a connector speaks with its appliance: the one the user set, else the one the
 * login found the server to answer. Each vendor says how to step on after a refusal.
 */
import { ConnectorError } from '../http/errors.js';
import type { Logger } from '../logger.js';

export interface ApiVersionNames<V extends string> {
  /** The vendor's name in messages: `VB365`. */
  readonly vendor: string;
  /** What a version is called: `API version`, `REST API revision`. */
  readonly word: string;
  /** The versions Backwatch speaks, newest first. */
  readonly known: readonly V[];
  /** The user's text → a version Backwatch speaks, else null. */
  readonly read: (text: string | undefined) => V | null;
}

export class ApiVersion<V extends string> {
  #current: V | null;
  /** The version the user set for this appliance, if any. */
  readonly forced: V | null;

  constructor(
    private readonly names: ApiVersionNames<V>,
    private readonly log: Logger,
    wanted: string | undefined,
  ) {
    this.forced = names.read(wanted);
    this.#current = this.forced;
    if (wanted && !this.forced) {
      log.warn(`${names.vendor}: ${names.word} "${wanted}" is not one of ${names.known.join(', ')}; asking the server`);
    }
  }

  /** The version in use; null before the first login found one. */
  get current(): V | null {
    return this.#current;
  }

  /** The version in use; throws before the first login found one. */
  get(): V {
    if (!this.#current) throw new ConnectorError('http', `${this.names.vendor}: no ${this.names.word} negotiated yet`);
    return this.#current;
  }

  /**
   * Tries `attempt` with `first`, then with each version `next` names after a failure (null: the
   * failure stands); the version that answered is the one in use from then on.
   */
  async negotiate<T>(first: V, attempt: (v: V) => Promise<T>, next: (e: unknown, tried: V, attempts: number) => V | null): Promise<T> {
    let tried = first;
    for (let attempts = 1; ; attempts++) {
      try {
        const answer = await attempt(tried);
        if (this.#current !== tried) this.log.info(`${this.names.vendor} REST API ${tried} in use`);
        this.#current = tried;
        return answer;
      } catch (e) {
        const then = next(e, tried, attempts);
        if (then === null) throw e;
        tried = then;
      }
    }
  }
}

/**
 * The open `/api/v1/events` streams of the team API, each with the token that opened it. A token
 * removed (`serve token remove`, another process) ends its streams within a second: the stream
 * was allowed once, and would otherwise go on telling a revoked desktop everything.
 */
import type { ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.js';
import type { TokenEntry, TokenStore } from './token-store.js';

export interface EventStreamsOptions {
  readonly tokens: TokenStore;
  readonly log: Logger;
  /** Interval of the keep-alive comment, ms (proxies drop idle connections). */
  readonly heartbeatMs: number;
  /** Called when the first stream opens and when the last one closes. */
  readonly onFirst: () => void;
  readonly onEmpty: () => void;
}

export interface EventStreams {
  /** Opens the stream on `res` for the token `entry`. */
  open(res: ServerResponse, entry: TokenEntry): void;
  isOpen(res: ServerResponse): boolean;
  /** The same bytes to every open stream. */
  broadcast(bytes: Buffer): void;
  readonly size: number;
  closeAll(): void;
}

/** How often the tokens of open streams are checked again, ms: removal cuts a stream within this. */
const REVOCATION_CHECK_MS = 500;

export function createEventStreams(options: EventStreamsOptions): EventStreams {
  const { tokens, log } = options;
  const streams = new Map<ServerResponse, TokenEntry>();
  let revocationCheck: NodeJS.Timeout | null = null;

  const dropRevoked = () => {
    for (const [res, entry] of streams) {
      if (tokens.isCurrent(entry)) continue;
      log.info('Closed an event stream: its token was removed', { token: entry.name });
      streams.delete(res);
      res.end();
    }
  };

  return {
    open(res, entry) {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), options.heartbeatMs);
      if (streams.size === 0) {
        options.onFirst();
        revocationCheck = setInterval(dropRevoked, REVOCATION_CHECK_MS);
      }
      streams.set(res, entry);
      res.once('close', () => {
        clearInterval(heartbeat);
        streams.delete(res);
        if (streams.size === 0 && revocationCheck) {
          clearInterval(revocationCheck);
          revocationCheck = null;
          options.onEmpty();
        }
      });
    },
    isOpen: (res) => streams.has(res),
    broadcast(bytes) {
      for (const res of streams.keys()) res.write(bytes);
    },
    get size() {
      return streams.size;
    },
    closeAll() {
      for (const res of streams.keys()) res.end();
    },
  };
}

/**
 * The open `/api/v1/events` streams of the team API, each with the token that opened it. A token
 * removed (`serve token remove`, another process) ends its streams within a second: the stream
 * was allowed once, and would otherwise go on telling a revoked desktop everything. A client that
 * does not read keeps no unbounded buffer here: while its socket is full, frames wait in a bounded
 * queue where a newer status replaces an older one, and past the bound the stream is dropped (the
 * desktop reconnects and starts from a fresh status).
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
  /** Why a stream of this token cannot open now (too many), or null. */
  refusal(entry: TokenEntry): string | null;
  /** Opens the stream on `res` for the token `entry` (after `refusal` said null). */
  open(res: ServerResponse, entry: TokenEntry): void;
  isOpen(res: ServerResponse): boolean;
  /** Frames to one stream; a frame with a `replaces` key supersedes a queued one of that key. */
  send(res: ServerResponse, bytes: Buffer, replaces?: string): void;
  /** The same bytes to every open stream. */
  broadcast(bytes: Buffer, replaces?: string): void;
  readonly size: number;
  closeAll(): void;
}

/** How often the tokens of open streams are checked again, ms: removal cuts a stream within this. */
const REVOCATION_CHECK_MS = 500;
/** Bytes a stream may have waiting for a slow client before it is dropped. */
export const MAX_QUEUED_BYTES = 8 * 1024 * 1024;
export const MAX_STREAMS_PER_TOKEN = 20;
export const MAX_STREAMS = 500;

interface Stream {
  readonly entry: TokenEntry;
  /** The socket refused more (write() said false): frames queue until it drains. */
  congested: boolean;
  queue: { bytes: Buffer; replaces: string | undefined }[];
  queuedBytes: number;
}

/** Writes while the socket takes it; queues (bounded, `overflow` past the bound) while it is full. */
function writeOrQueue(res: ServerResponse, stream: Stream, bytes: Buffer, replaces: string | undefined, overflow: () => void): void {
  if (!stream.congested) {
    if (res.write(bytes)) return;
    stream.congested = true;
    res.once('drain', () => drain(res, stream, overflow));
    return;
  }
  if (replaces !== undefined) {
    for (const q of stream.queue) if (q.replaces === replaces) stream.queuedBytes -= q.bytes.length;
    stream.queue = stream.queue.filter((q) => q.replaces !== replaces);
  }
  stream.queue.push({ bytes, replaces });
  stream.queuedBytes += bytes.length;
  if (stream.queuedBytes > MAX_QUEUED_BYTES) overflow();
}

/** The socket drained: what waited goes out, in order, until it is full again. */
function drain(res: ServerResponse, stream: Stream, overflow: () => void): void {
  const waiting = stream.queue;
  stream.queue = [];
  stream.queuedBytes = 0;
  stream.congested = false;
  for (const q of waiting) writeOrQueue(res, stream, q.bytes, q.replaces, overflow);
}

export function createEventStreams(options: EventStreamsOptions): EventStreams {
  const { tokens, log } = options;
  const streams = new Map<ServerResponse, Stream>();
  let revocationCheck: NodeJS.Timeout | null = null;

  const drop = (res: ServerResponse, why: string, destroy: boolean) => {
    const stream = streams.get(res);
    if (!stream) return;
    log.info(why, { token: stream.entry.name });
    streams.delete(res);
    if (destroy) res.destroy();
    else res.end();
  };
  const dropRevoked = () => {
    for (const [res, stream] of streams) {
      if (!tokens.isCurrent(stream.entry)) drop(res, 'Closed an event stream: its token was removed', false);
    }
  };

  function send(res: ServerResponse, bytes: Buffer, replaces?: string): void {
    const stream = streams.get(res);
    if (stream) writeOrQueue(res, stream, bytes, replaces, () => drop(res, 'Dropped an event stream whose client does not keep up', true));
  }

  return {
    refusal(entry) {
      if (streams.size >= MAX_STREAMS) return `The server has ${MAX_STREAMS} event streams open; try again later.`;
      let own = 0;
      for (const stream of streams.values()) if (stream.entry.sha256 === entry.sha256) own += 1;
      return own >= MAX_STREAMS_PER_TOKEN ? `The token "${entry.name}" has ${MAX_STREAMS_PER_TOKEN} event streams open already.` : null;
    },
    open(res, entry) {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      const heartbeat = setInterval(() => {
        if (!streams.get(res)?.congested) send(res, Buffer.from(': keep-alive\n\n'));
      }, options.heartbeatMs);
      if (streams.size === 0) {
        options.onFirst();
        revocationCheck = setInterval(dropRevoked, REVOCATION_CHECK_MS);
      }
      streams.set(res, { entry, congested: false, queue: [], queuedBytes: 0 });
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
    send,
    broadcast(bytes, replaces) {
      for (const res of [...streams.keys()]) send(res, bytes, replaces);
    },
    get size() {
      return streams.size;
    },
    closeAll() {
      for (const res of streams.keys()) res.end();
    },
  };
}

/**
 * A reader that goes away (`backwatch serve | head`, a log shipper restarting) closes the pipe:
 * the next write fails with EPIPE, which Node raises as an uncaught error and the process ends.
 * The output is dropped instead; any other error still ends the process as before.
 */
import type { Writable } from 'node:stream';

const GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

export function outliveReader(stream: Writable): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (!GONE.has(error.code ?? '')) throw error;
  });
}

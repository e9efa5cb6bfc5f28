/**
 * The clients of the serve soak, on raw loopback sockets from addresses of their choosing (all of
 * 127.0.0.0/8 is this machine's on Linux): event streams that read and streams that never do,
 * connections that send half a request header and stop, a `/healthz` poller, and the server
 * process's resident memory.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface Target {
  readonly host: string;
  readonly port: number;
}

/** A socket from `from` to the server; resolves once connected, never rejects (the server may refuse). */
export function rawSocket(target: Target, from: string): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port, localAddress: from }, () => resolve(socket));
    socket.on('error', () => resolve(socket));
  });
}

export interface OpenStream {
  readonly socket: Socket;
  /** Resolves when the server ends the answer (its last chunk) or either side the connection. */
  readonly ended: Promise<void>;
  /** Everything read, when the stream reads and keeps its text. */
  text(): string;
}

/** Resolves on the socket's close (at once when it never opened). */
const closeOf = (socket: Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));

/**
 * `GET /api/v1/events` with `token`: a reader takes every byte (keeping the text when `keep`), a
 * stalled one pauses its socket at once and never reads again.
 */
export async function eventStream(target: Target, from: string, token: string, mode: 'read' | 'keep' | 'stalled'): Promise<OpenStream> {
  const socket = await rawSocket(target, from);
  const chunks: string[] = [];
  let tail = '';
  let lastChunk = (): void => undefined;
  const ended = Promise.race([closeOf(socket), new Promise<void>((resolve) => (lastChunk = resolve))]);
  if (mode === 'stalled') socket.pause();
  else
    socket.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (mode === 'keep') chunks.push(text);
      // The answer is chunked: a zero-length chunk ends it, the connection may stay open.
      tail = (tail + text).slice(-7);
      if (tail.endsWith('\r\n0\r\n\r\n')) lastChunk();
    });
  socket.write(
    `GET /api/v1/events HTTP/1.1\r\nHost: ${target.host}:${target.port}\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`,
  );
  return { socket, ended, text: () => chunks.join('') };
}

/** A connection that sends the start of a request, then one more header byte every `dripMs`, never ending it. */
export async function slowHeader(target: Target, from: string, dripMs: number): Promise<OpenStream> {
  const socket = await rawSocket(target, from);
  const closed = closeOf(socket);
  socket.write(`GET /healthz HTTP/1.1\r\nHost: ${target.host}:${target.port}\r\nX-Slow: `);
  const drip = setInterval(() => socket.writable && socket.write('a'), dripMs);
  void closed.then(() => clearInterval(drip));
  return { socket, ended: closed, text: () => '' };
}

/** A GET from `from` on a connection of its own; the status and text, or the error's words. */
export function get(
  target: Target,
  from: string,
  path: string,
  token?: string,
  timeoutMs = 5000,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const headers = token ? { authorization: `Bearer ${token}` } : {};
    const req = request({ ...target, localAddress: from, path, headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => resolve({ status: 0, text: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ status: 0, text: e.message }));
    req.end();
  });
}

/**
 * Asks `/healthz` every `everyMs` until stopped, allowing each ask `timeoutMs`: how many answered
 * 200, which did not (and when, ms after the start), the slowest answer.
 */
export function healthPoller(target: Target, from: string, everyMs: number, timeoutMs: number) {
  const seen = { ok: 0, failed: [] as string[], slowestMs: 0, slowestAtMs: 0 };
  const start = Date.now();
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      const answer = await get(target, from, '/healthz', undefined, timeoutMs);
      if (Date.now() - started > seen.slowestMs) {
        seen.slowestMs = Date.now() - started;
        seen.slowestAtMs = started - start;
      }
      if (answer.status === 200) seen.ok += 1;
      else seen.failed.push(`at ${started - start} ms: ${answer.status} ${answer.text}`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    seen,
    async stop() {
      running = false;
      await loop;
      return seen;
    },
  };
}

/** Resident memory of process `pid`, MB (Linux /proc). */
export function rssMB(pid: number): number {
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** The server's own used heap, MB, from its Prometheus metrics. */
export function heapUsedMB(metrics: string): number {
  return Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(metrics)?.[1]) / 1024 / 1024;
}

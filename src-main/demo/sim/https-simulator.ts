/**
 * The HTTPS server every vendor simulator runs on: a fresh self-signed certificate (as real
 * appliances have), loopback only, request accounting for benchmarks, and fault injection that
 * tests and the fault soak switch on and off. Vendors plug in a handler with their API.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { X509Certificate, createHash } from 'node:crypto';
import selfsigned from 'selfsigned';

export interface SimRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export interface SimResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON-encoded unless a string. */
  readonly body?: unknown;
}

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

/** Faults drawn at random per request (rates 0..1), with a seeded generator. */
export interface FaultPlan {
  /** Added to every answer, ms. */
  readonly latencyMs: number;
  /** Extra latency on a fraction of answers. */
  readonly latencySpikeRate: number;
  readonly latencySpikeMs: number;
  readonly error5xxRate: number;
  /** Connection destroyed before an answer. */
  readonly dropRate: number;
  /** Body replaced by text that is not JSON. */
  readonly malformedRate: number;
  /** Body cut in half. */
  readonly truncateRate: number;
  /** Body replaced by `hugeBodyBytes` of JSON padding. */
  readonly hugeRate: number;
  readonly hugeBodyBytes: number;
  /** No answer at all until the client gives up. */
  readonly hangRate: number;
}

export type FaultKind = 'error5xx' | 'throttle' | 'drop' | 'malformed' | 'truncate' | 'huge' | 'hang';

const NO_FAULTS: FaultPlan = {
  latencyMs: 0,
  latencySpikeRate: 0,
  latencySpikeMs: 0,
  error5xxRate: 0,
  dropRate: 0,
  malformedRate: 0,
  truncateRate: 0,
  hugeRate: 0,
  hugeBodyBytes: 50 * 1024 * 1024,
  hangRate: 0,
};

export interface FaultController {
  readonly plan: FaultPlan;
  /** Changes some rates; the others keep their values. */
  set(plan: Partial<FaultPlan>): void;
  /** Back to no faults, including queued one-shot faults. */
  clear(): void;
  /** The next `count` requests (optionally only those whose path includes `pathPart`) get this fault. */
  once(kind: FaultKind, count?: number, pathPart?: string): void;
  /** How many faults of each kind were served. */
  readonly served: Readonly<Record<FaultKind, number>>;
}

export interface SimStats {
  requests: number;
  /** Response body bytes sent. */
  bytes: number;
  readonly byPath: Map<string, number>;
}

export interface HttpsSimulator {
  readonly url: string;
  readonly port: number;
  /** SHA-256 fingerprint of the current certificate, `AA:BB:...`. */
  readonly fingerprint256: string;
  readonly pem: string;
  readonly faults: FaultController;
  readonly stats: SimStats;
  resetStats(): void;
  /** Serves a new self-signed certificate from now on (an appliance re-installed or renewed). */
  rotateCertificate(): Promise<void>;
  /** Down: stops listening and drops open connections; up: listens again on the same port. */
  setDown(down: boolean): Promise<void>;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  readonly handler: SimHandler;
  readonly host?: string;
  readonly port?: number;
  readonly commonName?: string;
  /** Seed of the fault generator. */
  readonly seed?: number;
  /** Reuse a key and certificate (large fleets in benchmarks skip key generation). */
  readonly certificate?: SimCertificate;
  /** The appliance's clock, epoch ms, sent as every answer's `Date` header (default: the real one). */
  readonly clock?: () => number;
}

export interface SimCertificate {
  readonly key: string;
  readonly cert: string;
}

/** Makes a self-signed certificate like an appliance's factory one. */
export async function makeSelfSignedCertificate(commonName = 'appliance.local'): Promise<SimCertificate> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    notBeforeDate: new Date(Date.now() - 86_400_000),
    notAfterDate: new Date(Date.now() + 365 * 86_400_000),
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: commonName },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

function fingerprint(pem: string): string {
  return createHash('sha256').update(new X509Certificate(pem).raw).digest('hex').toUpperCase().match(/../g)!.join(':');
}

/** Small, fast, seedable PRNG (mulberry32), so fault sequences repeat. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function createFaults(random: () => number): FaultController & { draw(path: string): FaultKind | null; extraLatency(): number } {
  let plan = NO_FAULTS;
  let queued: { kind: FaultKind; left: number; pathPart?: string }[] = [];
  const served: Record<FaultKind, number> = { error5xx: 0, throttle: 0, drop: 0, malformed: 0, truncate: 0, huge: 0, hang: 0 };
  const rates: [FaultKind, keyof FaultPlan][] = [
    ['drop', 'dropRate'],
    ['hang', 'hangRate'],
    ['error5xx', 'error5xxRate'],
    ['malformed', 'malformedRate'],
    ['truncate', 'truncateRate'],
    ['huge', 'hugeRate'],
  ];
  return {
    get plan() {
      return plan;
    },
    served,
    set: (p) => {
      plan = { ...plan, ...p };
    },
    clear: () => {
      plan = NO_FAULTS;
      queued = [];
    },
    once: (kind, count = 1, pathPart) => {
      queued.push({ kind, left: count, ...(pathPart ? { pathPart } : {}) });
    },
    draw(path) {
      const next = queued.find((q) => !q.pathPart || path.includes(q.pathPart));
      let kind: FaultKind | null = null;
      if (next) {
        next.left -= 1;
        if (next.left <= 0) queued = queued.filter((q) => q !== next);
        kind = next.kind;
      } else {
        for (const [k, rate] of rates) {
          if ((plan[rate] as number) > 0 && random() < (plan[rate] as number)) {
            kind = k;
            break;
          }
        }
      }
      if (kind) served[kind] += 1;
      return kind;
    },
    extraLatency() {
      const spike = plan.latencySpikeRate > 0 && random() < plan.latencySpikeRate ? plan.latencySpikeMs : 0;
      return plan.latencyMs + spike;
    },
  };
}

function encode(response: SimResponse): { text: string; contentType: string } {
  if (response.body === undefined) return { text: '', contentType: 'text/plain' };
  if (typeof response.body === 'string') return { text: response.body, contentType: 'text/plain; charset=utf-8' };
  return { text: JSON.stringify(response.body), contentType: 'application/json; charset=utf-8' };
}

/** Starts an HTTPS simulator on loopback (port 0 by default). */
export async function startHttpsSimulator(options: SimulatorOptions): Promise<HttpsSimulator> {
  const host = options.host ?? '127.0.0.1';
  let certificate = options.certificate ?? (await makeSelfSignedCertificate(options.commonName));
  const faults = createFaults(seededRandom(options.seed ?? 1));
  const stats: SimStats = { requests: 0, bytes: 0, byPath: new Map() };
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://simulator');
    stats.requests += 1;
    stats.byPath.set(url.pathname, (stats.byPath.get(url.pathname) ?? 0) + 1);
    const body = await readBody(req);
    const latency = faults.extraLatency();
    if (latency > 0) await delay(latency);
    const fault = faults.draw(url.pathname);
    if (fault === 'drop') return void req.socket.destroy();
    if (fault === 'hang') return void hanging.add(res);
    let response: SimResponse;
    try {
      response =
        fault === 'error5xx'
          ? { status: 503, body: { message: 'Service temporarily unavailable (simulated)' } }
          : fault === 'throttle'
            ? { status: 429, headers: { 'retry-after': '2' }, body: { message: 'Too many requests (simulated)' } }
            : await options.handler({
                method: req.method ?? 'GET',
                path: url.pathname,
                query: url.searchParams,
                headers: req.headers as Record<string, string | undefined>,
                body,
              });
    } catch (error) {
      response = { status: 500, body: { message: `Simulator error: ${(error as Error).message}` } };
    }
    const encoded = encode(response);
    let text = encoded.text;
    if (fault === 'malformed') text = '<html><body>Gateway error</body></html>{"sessions": [';
    if (fault === 'truncate') text = text.slice(0, Math.floor(text.length / 2));
    if (fault === 'huge') text = `{"padding":"${'x'.repeat(faults.plan.hugeBodyBytes)}"}`;
    stats.bytes += Buffer.byteLength(text);
    const date = options.clock ? { date: new Date(options.clock()).toUTCString() } : {};
    res.writeHead(response.status, { 'content-type': encoded.contentType, ...date, ...response.headers });
    res.end(text);
  }

  const server = https.createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    serve(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that gives up on a TLS handshake is normal in fault tests: no noise.
  server.on('tlsClientError', () => {});

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as { port: number }).port);
      });
    });
  const dropConnections = () => {
    for (const res of hanging) res.destroy();
    hanging.clear();
    for (const socket of sockets) socket.destroy();
  };
  const port = await listen(options.port ?? 0);
  let down = false;

  return {
    url: `https://${host}:${port}`,
    port,
    get fingerprint256() {
      return fingerprint(certificate.cert);
    },
    get pem() {
      return certificate.cert;
    },
    faults,
    stats,
    resetStats() {
      stats.requests = 0;
      stats.bytes = 0;
      stats.byPath.clear();
    },
    async rotateCertificate() {
      certificate = await makeSelfSignedCertificate(options.commonName);
      server.setSecureContext({ key: certificate.key, cert: certificate.cert });
      dropConnections();
    },
    async setDown(value) {
      if (value === down) return;
      down = value;
      if (value) {
        const closed = new Promise<void>((r) => server.close(() => r()));
        dropConnections();
        await closed;
      } else {
        await listen(port);
      }
    },
    async close() {
      dropConnections();
      if (!down) await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

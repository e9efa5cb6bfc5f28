/**
 * The HTTPS server every vendor simulator runs on: a fresh self-signed certificate (as real
 * appliances have), loopback only, request accounting for benchmarks, and fault injection
 * (sim-faults.ts) that tests and the fault soak switch on and off. Vendors plug in a handler with
 * their API.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { seededRandom } from './seeded-random.js';
import type { SimCertificate } from './sim-certificate.js';
import { fingerprint256Of, makeSelfSignedCertificate } from './sim-certificate.js';
import type { FaultController } from './sim-faults.js';
import { FaultInjector, faultAnswer } from './sim-faults.js';

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

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function encode(response: SimResponse): { text: string; contentType: string } {
  if (response.body === undefined) return { text: '', contentType: 'text/plain' };
  if (typeof response.body === 'string') return { text: response.body, contentType: 'text/plain; charset=utf-8' };
  return { text: JSON.stringify(response.body), contentType: 'application/json; charset=utf-8' };
}

/** Starts an HTTPS simulator on loopback (port 0 by default). */
export async function startHttpsSimulator(options: SimulatorOptions): Promise<HttpsSimulator> {
  const simulator = new SimServer(options, options.certificate ?? (await makeSelfSignedCertificate(options.commonName)));
  await simulator.start();
  return simulator;
}

class SimServer implements HttpsSimulator {
  readonly faults: FaultInjector;
  readonly stats: SimStats = { requests: 0, bytes: 0, byPath: new Map() };
  readonly #host: string;
  readonly #server: https.Server;
  readonly #sockets = new Set<Socket>();
  readonly #hanging = new Set<ServerResponse>();
  #port = 0;
  #down = false;

  constructor(
    private readonly options: SimulatorOptions,
    private certificate: SimCertificate,
  ) {
    this.#host = options.host ?? '127.0.0.1';
    this.faults = new FaultInjector(seededRandom(options.seed ?? 1));
    this.#server = https.createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
      this.#serve(req, res).catch(() => res.destroy());
    });
    this.#server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    // A client that gives up on a TLS handshake is normal in fault tests: no noise.
    this.#server.on('tlsClientError', () => {});
  }

  async start(): Promise<void> {
    this.#port = await this.#listen(this.options.port ?? 0);
  }

  get url(): string {
    return `https://${this.#host}:${this.#port}`;
  }

  get port(): number {
    return this.#port;
  }

  get fingerprint256(): string {
    return fingerprint256Of(this.certificate.cert);
  }

  get pem(): string {
    return this.certificate.cert;
  }

  resetStats(): void {
    this.stats.requests = 0;
    this.stats.bytes = 0;
    this.stats.byPath.clear();
  }

  async rotateCertificate(): Promise<void> {
    this.certificate = await makeSelfSignedCertificate(this.options.commonName);
    this.#server.setSecureContext({ key: this.certificate.key, cert: this.certificate.cert });
    this.#dropConnections();
  }

  async setDown(value: boolean): Promise<void> {
    if (value === this.#down) return;
    this.#down = value;
    if (value) {
      const closed = new Promise<void>((r) => this.#server.close(() => r()));
      this.#dropConnections();
      await closed;
    } else {
      await this.#listen(this.#port);
    }
  }

  async close(): Promise<void> {
    this.#dropConnections();
    if (!this.#down) await new Promise<void>((r) => this.#server.close(() => r()));
  }

  #listen(port: number): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, this.#host, () => {
        this.#server.off('error', reject);
        resolve((this.#server.address() as { port: number }).port);
      });
    });
  }

  #dropConnections(): void {
    for (const res of this.#hanging) res.destroy();
    this.#hanging.clear();
    for (const socket of this.#sockets) socket.destroy();
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://simulator');
    this.stats.requests += 1;
    this.stats.byPath.set(url.pathname, (this.stats.byPath.get(url.pathname) ?? 0) + 1);
    const body = await readBody(req);
    const latency = this.faults.extraLatency();
    if (latency > 0) await delay(latency);
    const fault = this.faults.draw(url.pathname);
    if (fault === 'drop') return void req.socket.destroy();
    if (fault === 'hang') return void this.#hanging.add(res);
    let response: SimResponse;
    try {
      const headers = req.headers as Record<string, string | undefined>;
      response =
        faultAnswer(fault) ??
        (await this.options.handler({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body }));
    } catch (error) {
      response = { status: 500, body: { message: `Simulator error: ${(error as Error).message}` } };
    }
    const encoded = encode(response);
    const text = this.faults.spoil(fault, encoded.text);
    this.stats.bytes += Buffer.byteLength(text);
    const date = this.options.clock ? { date: new Date(this.options.clock()).toUTCString() } : {};
    res.writeHead(response.status, { 'content-type': encoded.contentType, ...date, ...response.headers });
    res.end(text);
  }
}

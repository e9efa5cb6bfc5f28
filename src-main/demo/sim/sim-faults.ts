/** Faults a simulator serves on demand: latency, 5xx, dropped or hung connections, spoiled bodies. */
import type { SimResponse } from './https-simulator.js';

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

/** Rates drawn per request, in this order. */
const RATES: readonly (readonly [FaultKind, 'dropRate' | 'hangRate' | 'error5xxRate' | 'malformedRate' | 'truncateRate' | 'hugeRate'])[] = [
  ['drop', 'dropRate'],
  ['hang', 'hangRate'],
  ['error5xx', 'error5xxRate'],
  ['malformed', 'malformedRate'],
  ['truncate', 'truncateRate'],
  ['huge', 'hugeRate'],
];

/** Faults of one simulator: rates drawn per request with a seeded generator, and queued one-shot faults. */
export class FaultInjector implements FaultController {
  #plan = NO_FAULTS;
  #queued: { kind: FaultKind; left: number; pathPart?: string }[] = [];
  readonly served: Record<FaultKind, number> = { error5xx: 0, throttle: 0, drop: 0, malformed: 0, truncate: 0, huge: 0, hang: 0 };

  constructor(private readonly random: () => number) {}

  get plan(): FaultPlan {
    return this.#plan;
  }

  set(plan: Partial<FaultPlan>): void {
    this.#plan = { ...this.#plan, ...plan };
  }

  clear(): void {
    this.#plan = NO_FAULTS;
    this.#queued = [];
  }

  once(kind: FaultKind, count = 1, pathPart?: string): void {
    this.#queued.push({ kind, left: count, ...(pathPart ? { pathPart } : {}) });
  }

  /** The fault of a request to `path`, if any: a queued one first, else one drawn by the rates. */
  draw(path: string): FaultKind | null {
    const next = this.#queued.find((q) => !q.pathPart || path.includes(q.pathPart));
    let kind: FaultKind | null = null;
    if (next) {
      next.left -= 1;
      if (next.left <= 0) this.#queued = this.#queued.filter((q) => q !== next);
      kind = next.kind;
    } else {
      kind = RATES.find(([, rate]) => this.#plan[rate] > 0 && this.random() < this.#plan[rate])?.[0] ?? null;
    }
    if (kind) this.served[kind] += 1;
    return kind;
  }

  /** Latency to add to this answer, ms. */
  extraLatency(): number {
    const plan = this.#plan;
    const spike = plan.latencySpikeRate > 0 && this.random() < plan.latencySpikeRate ? plan.latencySpikeMs : 0;
    return plan.latencyMs + spike;
  }

  /** The body `text` as the fault spoils it. */
  spoil(kind: FaultKind | null, text: string): string {
    if (kind === 'malformed') return '<html><body>Gateway error</body></html>{"sessions": [';
    if (kind === 'truncate') return text.slice(0, Math.floor(text.length / 2));
    if (kind === 'huge') return `{"padding":"${'x'.repeat(this.#plan.hugeBodyBytes)}"}`;
    return text;
  }
}

/** The answer a fault gives instead of the handler's; null when the handler answers. */
export function faultAnswer(kind: FaultKind | null): SimResponse | null {
  if (kind === 'error5xx') return { status: 503, body: { message: 'Service temporarily unavailable (simulated)' } };
  if (kind === 'throttle') return { status: 429, headers: { 'retry-after': '2' }, body: { message: 'Too many requests (simulated)' } };
  return null;
}

/**
 * The SPP simulator's reading of `filter`, `sort` and paging parameters (JSON text in the query),
 * as lenient as the appliance: values may be arrays, JSON-encoded array text, quoted or bare numbers.
 */

export interface QueryFilter {
  readonly property: string;
  readonly op: string;
  /** The value(s) as text, whatever spelling came in. */
  readonly values: readonly string[];
}

export interface QuerySort {
  readonly property: string;
  readonly descending: boolean;
}

export interface Paging {
  readonly pageSize: number;
  readonly pageStartIndex: number;
}

/** Thrown for a parameter the appliance would answer 400 to. */
export class BadQueryError extends Error {}

function parseJsonParam(query: URLSearchParams, name: string): unknown[] {
  const text = query.get(name);
  if (text === null || text.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadQueryError(`"${name}" is not valid JSON`);
  }
  if (!Array.isArray(parsed)) throw new BadQueryError(`"${name}" must be a JSON array`);
  return parsed;
}

/** `["A","B"]`, `"[\"a\",\"b\"]"`, `"123"` and `123` all become text values. */
function valuesOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' && v.trim().startsWith('[')) {
    try {
      const inner: unknown = JSON.parse(v);
      if (Array.isArray(inner)) return inner.map(String);
    } catch {
      // Not an encoded array after all: the text itself is the value.
    }
  }
  return v === null || v === undefined ? [] : [String(v)];
}

export function parseFilters(query: URLSearchParams): QueryFilter[] {
  return parseJsonParam(query, 'filter').map((f) => {
    const r = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    if (typeof r['property'] !== 'string') throw new BadQueryError('filter entry without "property"');
    return { property: r['property'], op: typeof r['op'] === 'string' ? r['op'].toUpperCase() : '=', values: valuesOf(r['value']) };
  });
}

/** The first sort entry (`direction`, or `value` as in the progress seed); default ascending. */
export function parseSort(query: URLSearchParams, fallback: string): QuerySort {
  const first = parseJsonParam(query, 'sort')[0] as Record<string, unknown> | undefined;
  const property = typeof first?.['property'] === 'string' ? first['property'] : fallback;
  const direction = String(first?.['direction'] ?? first?.['value'] ?? 'ASC').toUpperCase();
  return { property, descending: direction === 'DESC' };
}

function readInt(query: URLSearchParams, name: string, fallback: number): number {
  const text = query.get(name);
  if (text === null) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new BadQueryError(`"${name}" must be a non-negative integer`);
  return n;
}

export function parsePaging(query: URLSearchParams): Paging {
  return { pageSize: Math.max(1, Math.min(1000, readInt(query, 'pageSize', 100))), pageStartIndex: readInt(query, 'pageStartIndex', 0) };
}

type Scalar = string | number | null | undefined;

function compare(a: Scalar, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== null && a !== undefined && a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return String(a ?? '').localeCompare(b);
}

/** Whether `field` (read by the caller from a record) passes one filter. */
export function passes(filter: QueryFilter, field: Scalar): boolean {
  const [first = ''] = filter.values;
  switch (filter.op) {
    case 'IN':
      return filter.values.some((v) => compare(field, v) === 0);
    case 'NOT IN':
      return !filter.values.some((v) => compare(field, v) === 0);
    case '>':
      return compare(field, first) > 0;
    case '>=':
      return compare(field, first) >= 0;
    case '<':
      return compare(field, first) < 0;
    case '<=':
      return compare(field, first) <= 0;
    case '<>':
    case '!=':
      return compare(field, first) !== 0;
    default:
      return compare(field, first) === 0;
  }
}

/** The page `paging` selects from `items` (an iterable, consumed once), with the count of all items. */
export function takePage<T>(items: Iterable<T>, paging: Paging): { page: T[]; total: number } {
  const page: T[] = [];
  let total = 0;
  for (const item of items) {
    if (total >= paging.pageStartIndex && page.length < paging.pageSize) page.push(item);
    total++;
  }
  return { page, total };
}

/** `links` of a paged answer: `self`, plus `nextPage` when more records follow. */
export function pageLinks(
  baseUrl: string,
  path: string,
  query: URLSearchParams,
  paging: Paging,
  total: number,
): Record<string, { href: string }> {
  const links: Record<string, { href: string }> = { self: { href: `${baseUrl}${path}${query.size > 0 ? `?${query}` : ''}` } };
  const next = paging.pageStartIndex + paging.pageSize;
  if (next < total) {
    const q = new URLSearchParams(query);
    q.set('pageStartIndex', String(next));
    q.set('pageSize', String(paging.pageSize));
    links['nextPage'] = { href: `${baseUrl}${path}?${q}` };
  }
  return links;
}

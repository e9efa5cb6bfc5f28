/** Reading a simulated request's query as a server would: a value it cannot read is a 400. */

/** Thrown for a query the server would answer 400 to. */
export class BadRequest extends Error {}

/** A whole number from 0 to `max`; `fallback` when absent. */
export function intParam(query: URLSearchParams, name: string, fallback: number, max = Infinity): number {
  const text = query.get(name);
  if (text === null) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new BadRequest(
      max === Infinity ? `"${name}" must be a non-negative integer.` : `"${name}" must be an integer between 0 and ${max}.`,
    );
  }
  return n;
}

/** A date, epoch ms; null when absent. */
export function timeParam(query: URLSearchParams, name: string): number | null {
  const text = query.get(name);
  if (text === null) return null;
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new BadRequest(`"${name}" is not a date.`);
  return t;
}

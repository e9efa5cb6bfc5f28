/** Sizes in binary units, as the vendors' APIs write them as text (each vendor picks its own format). */

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/** `bytes` scaled by 1024 into the largest unit up to TB that keeps it at 1 or more; `unit` null: plain bytes. */
export function binaryScale(bytes: number): { value: number; unit: (typeof UNITS)[number] | null } {
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return { value, unit: UNITS[unit] ?? null };
}

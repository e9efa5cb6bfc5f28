/** Stable GUID-shaped ids for simulated objects, for the vendor APIs that name everything by GUID. */
import { createHash } from 'node:crypto';

/** The same GUID for the same name, every run. */
export function stableGuid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

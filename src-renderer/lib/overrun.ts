/** Which running sessions overrun now, for the "Overrun" badge: the core's own rule (common/overrun.ts). */
import type { Session } from '../../src-main/common/model.js';
import { overrunOf } from '../../src-main/common/overrun.js';
import { sessionKey } from '../../src-main/common/snapshot.js';

export function overrunKeys(sessions: readonly Session[], now: number): Set<string> {
  const byAppliance = new Map<string, Session[]>();
  for (const s of sessions) {
    const list = byAppliance.get(s.applianceId);
    if (list) list.push(s);
    else byAppliance.set(s.applianceId, [s]);
  }
  const result = new Set<string>();
  for (const s of sessions) {
    const overrun = overrunOf(s, byAppliance.get(s.applianceId) ?? []);
    if (overrun !== null && now > overrun.atMs) result.add(sessionKey(s));
  }
  return result;
}

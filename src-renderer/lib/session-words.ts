/**
 * A session in Backwatch's words for its row: what kind of run it was, and a note that adds what
 * the status badge does not say. Vendor boilerplate ("COMPLETED", "Backup job finished
 * successfully.") stays in the session's details, where the vendor's own words are shown.
 */
import { formatBytes } from '../../src-main/common/format.js';
import type { Session } from '../../src-main/common/model.js';
import { typeWords } from '../../src-main/common/vendors/index.js';

/** "Lab · Backup", "Head office · Manual": the appliance, then the run's kind or trigger where known. */
export function sessionWhere(session: Pick<Session, 'vendor' | 'type'>, applianceName: string): string {
  const words = typeWords(session.vendor, session.type);
  return words ? `${applianceName} · ${words}` : applianceName;
}

/**
 * A finished run's note: the vendor's message where the run did not simply succeed (it says why);
 * for a success, what it transferred where the vendor says, else nothing.
 */
export function sessionNote(session: Pick<Session, 'status' | 'message' | 'transferredBytes'>): string {
  if (session.status !== 'succeeded') return session.message ?? '';
  return session.transferredBytes === undefined ? '' : `${formatBytes(session.transferredBytes)} transferred`;
}

/** The details' line: Backwatch's word with the vendor's own beside it ("Backup (vendor type “protection”)"). */
export function sessionType(vendor: string, type: string): string {
  const words = typeWords(vendor, type);
  return words === null || words === type ? type : `${words} (vendor type “${type}”)`;
}

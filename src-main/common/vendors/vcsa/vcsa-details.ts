/**
 * What a vCenter backup keeps beyond the model, and its reader for the detail view: the stored
 * record may come back from the history file or a team server in any shape.
 */
import type { VendorDetails } from '../../model.js';
import { readArray, readCount, readString } from '../../read-fields.js';

/** A type, not an interface: the parser stores it as the session's opaque record. */
export type VcsaDetails = {
  readonly sizeBytes: number | null;
  readonly location: string | null;
  readonly messages: readonly string[];
  readonly user: string | null;
};

export function readVcsaDetails(details: VendorDetails): VcsaDetails {
  return {
    sizeBytes: readCount(details['sizeBytes']),
    location: readString(details['location']),
    messages: (readArray(details['messages']) ?? []).flatMap((m) => {
      const text = readString(m);
      return text === null ? [] : [text];
    }),
    user: readString(details['user']),
  };
}

/** True when the record tells of the backup itself (its parser always does, even with nothing known). */
export function hasBackupFacts(details: VendorDetails): boolean {
  return Object.hasOwn(details, 'sizeBytes') || Object.hasOwn(details, 'location');
}

/**
 * What a vendor says about itself that every process may know, the renderer included: its key and
 * label, its default port, the options it takes and how the window shows its session details.
 * Pure: each vendor's file holds one `VendorInfo`; ./index.ts lists them. The Node side (connector
 * factory, probe) and the simulators extend it in core/connectors/ and demo/.
 */
import type { z } from 'zod';
import type { VendorDetails } from '../model.js';

/** One option of a vendor: its schema, and how the CLI and the form ask for it. */
export interface VendorOption {
  /** Its key in the appliance's options (`pollIntervalSec` is every vendor's, never one's own). */
  readonly key: string;
  /** The form's label, e.g. "REST API version". */
  readonly label: string;
  /** The CLI flag without dashes, e.g. `api-version`; vendors may share a flag with their own meaning. */
  readonly flag: string;
  /** The value as the usage text shows it, e.g. `vN` or `1.1-rev0`. */
  readonly placeholder: string;
  /** One line for `--help` and the form's hint. */
  readonly help: string;
  /** A closed list of values (the form offers a choice); absent: free text checked by `schema`. */
  readonly choices?: readonly string[];
  /** Validates a value; its message is shown as is ("API version looks like v8"). */
  readonly schema: z.ZodType<string>;
}

/** One line of a detail section: a label and its value read from the session's vendor details (null hides it). */
export interface DetailField {
  readonly label: string;
  readonly value: (details: VendorDetails) => string | null;
  /** Shown in a monospace font (paths, ids). */
  readonly mono?: boolean;
}

/** A block the session detail view shows when `shown` says the session has it. */
export type DetailSection =
  | {
      readonly kind: 'fields';
      readonly title: string;
      readonly shown: (details: VendorDetails) => boolean;
      readonly fields: readonly DetailField[];
    }
  | { readonly kind: 'list'; readonly title: string; readonly items: (details: VendorDetails) => readonly string[] }
  | {
      readonly kind: 'table';
      readonly title: string;
      readonly columns: readonly string[];
      readonly rows: (details: VendorDetails) => readonly (readonly string[])[];
    };

/** A kind of run a vendor tells apart (a backup copy, a log backup...), as the window and the CLI name it. */
export interface RunKind {
  /** The `type` its sessions and jobs carry, a word for people: "Backup copy". */
  readonly label: string;
  /** The RPO of a job of this kind unless the admin set one for the job, seconds; absent: the global RPO. */
  readonly defaultRpoSec?: number;
}

export interface VendorInfo<K extends string = string> {
  /** The vendor's key in the configuration file, the CLI and the IPC contract. */
  readonly key: K;
  /** The product's name as admins know it. */
  readonly label: string;
  /** The port of its REST API when the URL names none. */
  readonly defaultPort: number;
  readonly options: readonly VendorOption[];
  /** What the session detail view adds for this vendor, in order. */
  readonly detailSections: readonly DetailSection[];
  /** The kinds of run it tells apart; absent: its `type` words are its own, and every job has the global RPO. */
  readonly kinds?: readonly RunKind[];
  /**
   * Backwatch's words for the `type` words its connector keeps verbatim (lower case: what kind of
   * run, or what started it), for rows and headers; the vendor's own word stays in the details.
   */
  readonly typeWords?: Readonly<Record<string, string>>;
}

/** Keeps a vendor's key as a literal type, so the registry can derive the `Vendor` union. */
export function defineVendorInfo<const K extends string>(info: VendorInfo<K>): VendorInfo<K> {
  return info;
}

/**
 * Every vendor Backwatch speaks to, one line each. Adding a vendor: its file here, its connector
 * descriptor in core/connectors/registry.ts and its simulator in demo/demo-registry.ts.
 */
import { sppInfo } from './spp/spp-info.js';
import { vb365Info } from './vb365/vb365-info.js';
import { vcsaInfo } from './vcsa/vcsa-info.js';
import { vbrInfo } from './vbr/vbr-info.js';
import type { RunKind, VendorInfo } from './vendor-info.js';

export const VENDOR_INFOS = [sppInfo, vb365Info, vcsaInfo, vbrInfo] as const;

/** The keys of the vendors the registry lists: what a `Vendor` string may be. */
export type VendorKey = (typeof VENDOR_INFOS)[number]['key'];

/** Vendor keys, in the order the registry lists them. */
export const VENDORS = VENDOR_INFOS.map((info) => info.key) as unknown as readonly [VendorKey, ...VendorKey[]];

/** The product's name as admins know it; an unknown key is shown as it is. */
export function vendorLabel(vendor: string): string {
  return VENDOR_INFOS.find((info) => info.key === vendor)?.label ?? vendor;
}

/** Whether a string names a vendor of the registry. */
export function isVendor(value: unknown): value is VendorKey {
  return typeof value === 'string' && (VENDORS as readonly string[]).includes(value);
}

/** What a vendor says about itself (label, port, options, detail fields). */
export function vendorInfo(vendor: string): VendorInfo {
  const info = VENDOR_INFOS.find((candidate) => candidate.key === vendor);
  if (!info) throw new Error(`Unknown vendor "${vendor}".`);
  return info;
}

/**
 * The kind of run a job's or session's `type` names, where its vendor tells kinds apart; null
 * otherwise. Letter case aside: rows stored by earlier versions wrote `backup`.
 */
export function runKindOf(vendor: string, type: string | null): RunKind | null {
  const word = type?.toLowerCase();
  return word === undefined ? null : (vendorInfo(vendor).kinds?.find((kind) => kind.label.toLowerCase() === word) ?? null);
}

/**
 * A job's or session's `type` in Backwatch's words: its kind where the vendor tells kinds apart,
 * else the vendor's word as its descriptor translates it; null for a word nobody translated
 * (the details still show it as the vendor wrote it).
 */
export function typeWords(vendor: string, type: string | null): string | null {
  const kind = runKindOf(vendor, type);
  if (kind || type === null) return kind?.label ?? null;
  return vendorInfo(vendor).typeWords?.[type.toLowerCase()] ?? null;
}

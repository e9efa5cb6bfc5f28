/**
 * Reads VB365's object answers: repositories, what each holds (users, sites, teams with the newest
 * backup time of each part) and how each object of a run ended. Every field is read defensively.
 */
import type { ObjectKind } from '../../../common/protected-objects.js';
import { asRecord, readBoolean, readString } from '../../../common/read-fields.js';
import type { Vb365Page, Vb365ParseContext } from './vb365-parser.js';
import { parseVb365List, parseVb365Time } from './vb365-parser.js';

/** One object a repository holds. */
export interface Vb365HeldObject {
  readonly id: string;
  readonly name: string;
  readonly kind: ObjectKind;
  /** Newest backup time of each part it has backed up (a user's mailbox, archive, OneDrive, personal site), epoch ms. */
  readonly partTimes: Readonly<Record<string, number | null>>;
}

export interface Vb365ProcessedObject {
  readonly id: string;
  readonly failed: boolean;
}

const ms = (v: unknown): number | null => {
  const iso = parseVb365Time(v);
  return iso === null ? null : Date.parse(iso);
};

/** `GET /vN/BackupRepositories` → repository ids. */
export function parseVb365Repositories(body: unknown, ctx: Vb365ParseContext): Vb365Page<string> {
  return parseVb365List(body, 'backup repository', (raw) => readString(asRecord(raw)?.['id'])?.trim() || null, ctx);
}

const USER_PARTS = ['mailbox', 'archive', 'oneDrive', 'personalSite'] as const;

/** A user's backed-up parts: those flagged backed up, or with a time (a part never backed up has neither). */
function userParts(r: Record<string, unknown>): Record<string, number | null> {
  const parts: Record<string, number | null> = {};
  for (const part of USER_PARTS) {
    const time = ms(r[`${part}BackedUpTime`]);
    const flag = readBoolean(r[`is${part.charAt(0).toUpperCase()}${part.slice(1)}BackedUp`]);
    if (time !== null || flag === true) parts[part] = time;
  }
  return parts;
}

/** `…/UserData`, `…/SiteData` or `…/TeamData` → what the repository holds; entries without an id are left out. */
export function parseVb365Held(body: unknown, kind: 'user' | 'site' | 'team', ctx: Vb365ParseContext): Vb365Page<Vb365HeldObject> {
  return parseVb365List(
    body,
    `backed-up ${kind}`,
    (raw) => {
      const r = asRecord(raw);
      const id = readString(r?.['id'])?.trim();
      if (!r || !id) return null;
      const name = [r['email'], r['url'], r['displayName'], r['title']].map((v) => readString(v)?.trim()).find(Boolean) ?? id;
      const partTimes = kind === 'user' ? userParts(r) : { [kind]: ms(r['backedUpTime']) };
      return { id, name, kind, partTimes };
    },
    ctx,
  );
}

/** `…/ProcessedObjects` → each object's id and whether it failed (`Failed`, in any casing). */
export function parseVb365Processed(body: unknown, ctx: Vb365ParseContext): Vb365Page<Vb365ProcessedObject> {
  return parseVb365List(
    body,
    'processed object',
    (raw) => {
      const r = asRecord(raw);
      const id = readString(r?.['id'])?.trim();
      return id ? { id, failed: readString(r?.['status'])?.trim().toLowerCase() === 'failed' } : null;
    },
    ctx,
  );
}

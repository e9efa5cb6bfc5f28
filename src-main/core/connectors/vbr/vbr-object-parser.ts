/**
 * Reads VBR's object answers: backup objects (`/backupObjects`), restore points (`/restorePoints`)
 * and the per-object results of a run (`/sessions/{id}/taskSessions`). Every field is read
 * defensively; an element without an id or a name is left out, a page without a list is malformed.
 */
import type { ObjectKind } from '../../../common/protected-objects.js';
import { asRecord, lookupWord, readBoolean, readCount, readString } from '../../../common/read-fields.js';
import type { VbrPage, VbrParseContext } from './vbr-parser.js';
import { parseVbrPage } from './vbr-parser.js';
import { newVbrZone, parseVbrTime } from './vbr-values.js';

/** One backup object as VBR lists it. */
export interface VbrBackupObject {
  readonly id: string;
  readonly name: string;
  readonly kind: ObjectKind;
  readonly restorePointsCount: number | null;
  /** 1.3-rev1's `lastRunFailed`; null where absent. */
  readonly lastRunFailed: boolean | null;
  /** A VM's managed object id (`objectId`); null for other objects. */
  readonly moref: string | null;
  /** The vCenter or host its `path` starts with (`vc01\\Dallas\\...`); null without a path. */
  readonly host: string | null;
  /** 1.3-rev1's `computerId` of an agent's computer; null where absent. */
  readonly computerId: string | null;
}

/** One restore point: whose (by object name) and when. */
export interface VbrPoint {
  readonly name: string;
  readonly createdMs: number;
}

/** One object's result inside a run. */
export interface VbrTaskResult {
  /** The object's name, without the suffix some kinds of task add. */
  readonly name: string;
  readonly failed: boolean;
  /** Epoch ms the task ended; null while it runs. */
  readonly endedMs: number | null;
}

const KIND_OF_PLATFORM: Readonly<Record<string, ObjectKind>> = {
  vmware: 'vm',
  hyperv: 'vm',
  clouddirector: 'vm',
  vcd: 'vm',
  windowsphysical: 'computer',
  linuxphysical: 'computer',
  azurecompute: 'vm',
  awsec2: 'vm',
  ec2: 'vm',
  gce: 'vm',
  googlecloud: 'vm',
  mongodb: 'database',
};

/** `viType`s of the machines themselves; every other word (Folder, Cluster, Tag...) is a container, not an object. */
const MACHINE_VI_TYPES = new Set(['virtualmachine', 'template', 'unknown']);

const ms = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

function parseBackupObject(raw: unknown): VbrBackupObject | null {
  const r = asRecord(raw);
  const id = readString(r?.['id'])?.trim();
  const name = readString(r?.['name'])?.trim();
  if (!r || !id || !name) return null;
  const viType = readString(r['viType'])?.trim().toLowerCase();
  if (viType !== undefined && !MACHINE_VI_TYPES.has(viType)) return null;
  return {
    id,
    name,
    kind: lookupWord(KIND_OF_PLATFORM, readString(r['platformName']) ?? '', 'lower') ?? 'other',
    restorePointsCount: readCount(r['restorePointsCount']),
    lastRunFailed: readBoolean(r['lastRunFailed']),
    moref: readString(r['objectId'])?.trim() || null,
    host: readString(r['path'])?.split('\\')[0]?.trim().toLowerCase() || null,
    computerId: readString(r['computerId'])?.trim().toLowerCase() || null,
  };
}

/** `GET /api/v1/backupObjects` → the machines in backups (containers left out). */
export function parseVbrBackupObjects(body: unknown, ctx: VbrParseContext): VbrPage<VbrBackupObject> {
  return parseVbrPage(body, 'backup object', parseBackupObject, ctx);
}

/** `GET /api/v1/restorePoints` → points; one without a readable time is left out. */
export function parseVbrPoints(body: unknown, ctx: VbrParseContext): VbrPage<VbrPoint> {
  const zone = ctx.zone ?? newVbrZone();
  return parseVbrPage(
    body,
    'restore point',
    (raw) => {
      const r = asRecord(raw);
      const name = readString(r?.['name'])?.trim();
      const createdMs = ms(parseVbrTime(r?.['creationTime'], zone));
      return name && createdMs !== null ? { name, createdMs } : null;
    },
    ctx,
  );
}

/** `winsrv88 [11/4/2024 5:18:45 PM]` and `winsrv88:/C:\share` name the object `winsrv88`. */
const bareName = (name: string): string => name.replace(/\s*\[[^\]]*\]$/, '').replace(/:[/\\].*$/, '');

/** `GET /api/v1/sessions/{id}/taskSessions` → each object's result; `Failed` is a failure, whatever the run's result. */
export function parseVbrTaskResults(body: unknown, ctx: VbrParseContext): VbrPage<VbrTaskResult> {
  const zone = ctx.zone ?? newVbrZone();
  return parseVbrPage(
    body,
    'task session',
    (raw) => {
      const r = asRecord(raw);
      const name = readString(r?.['name'])?.trim();
      if (!r || !name) return null;
      const word = readString(asRecord(r['result'])?.['result'] ?? r['result'])
        ?.trim()
        .toLowerCase();
      return { name: bareName(name), failed: word === 'failed', endedMs: ms(parseVbrTime(r['endTime'], zone)) };
    },
    ctx,
  );
}

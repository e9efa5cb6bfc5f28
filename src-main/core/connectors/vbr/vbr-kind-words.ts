/**
 * Veeam's words for kinds of run → Backwatch's kinds (common/vendors/vbr/vbr-kinds.ts), compared
 * case-insensitively. A documented session type not named here protects no data (a restore, a
 * rescan, infrastructure work) and is left out; a word no document lists is watched as it is: a
 * new kind of backup must not go unseen.
 */
import type { VbrKind } from '../../../common/vendors/vbr/vbr-kinds.js';
import { VBR_KINDS } from '../../../common/vendors/vbr/vbr-kinds.js';
import { VBR_SESSION_TYPES_1_3 } from '../../../common/vendors/vbr/vbr-session-types.js';
import { lookupWord } from '../../../common/read-fields.js';

/** `ESessionType` words of runs that protect data, and their kind. */
const WATCHED_SESSION_TYPES: Readonly<Record<string, VbrKind>> = {
  // What 1.2 calls BackupJob, up to 1.1.
  Job: 'backup',
  BackupJob: 'backup',
  BackupCopyJob: 'backupCopy',
  UnstructuredDataBackupCopy: 'backupCopy',
  CopyBackup: 'backupCopy',
  DirectBackupSync: 'backupCopy',
  AgentBackup: 'agentBackup',
  AgentPolicy: 'agentBackup',
  SqlLogBackup: 'logBackup',
  OracleLogBackup: 'logBackup',
  PostgreSqlLogBackup: 'logBackup',
  ReplicaJob: 'replica',
  ConfigurationBackup: 'configurationBackup',
  SureBackup: 'sureBackup',
  SureBackupContentScan: 'sureBackup',
  ArchiveBackup: 'archiveBackup',
  FileBackupHealthCheck: 'healthCheck',
};

/** `EJobType` words (every documented one is a job that protects data), and their kind. */
const JOB_TYPES: Readonly<Record<string, VbrKind | null>> = {
  // 1.2-rev1's one word for every backup job.
  Backup: 'backup',
  VSphereBackup: 'backup',
  HyperVBackup: 'backup',
  CloudDirectorBackup: 'backup',
  EntraIDTenantBackup: 'backup',
  EntraIDAuditLogBackup: 'backup',
  FileBackup: 'backup',
  ObjectStorageBackup: 'backup',
  CloudBackupAzure: 'backup',
  CloudBackupAWS: 'backup',
  CloudBackupGoogle: 'backup',
  BackupCopy: 'backupCopy',
  LegacyBackupCopy: 'backupCopy',
  FileBackupCopy: 'backupCopy',
  EntraIDTenantBackupCopy: 'backupCopy',
  WindowsAgentBackup: 'agentBackup',
  LinuxAgentBackup: 'agentBackup',
  WindowsAgentBackupWorkstationPolicy: 'agentBackup',
  LinuxAgentBackupWorkstationPolicy: 'agentBackup',
  WindowsAgentBackupServerPolicy: 'agentBackup',
  LinuxAgentBackupServerPolicy: 'agentBackup',
  VSphereReplica: 'replica',
  SureBackupContentScan: 'sureBackup',
  // The API has no word for the job's type: its sessions tell its kind.
  Unknown: null,
};

const lowerKeys = <T>(table: Readonly<Record<string, T>>): Readonly<Record<string, T>> =>
  Object.fromEntries(Object.entries(table).map(([word, value]) => [word.toLowerCase(), value]));

const WATCHED = lowerKeys(WATCHED_SESSION_TYPES);
const JOBS = lowerKeys(JOB_TYPES);
const DOCUMENTED = new Set(VBR_SESSION_TYPES_1_3.map((word) => word.toLowerCase()));

/** What a `sessionType` word names: a kind Backwatch watches, a documented run it skips, or a word no document lists. */
export function vbrSessionKind(word: string): VbrKind | 'skipped' | 'unknown' {
  const kind = lookupWord(WATCHED, word, 'lower');
  if (kind) return kind;
  return DOCUMENTED.has(word.trim().toLowerCase()) ? 'skipped' : 'unknown';
}

/** The `type` of a job of this `EJobType` word: its kind's label, null for `Unknown` or none, else the word itself. */
export function vbrJobTypeOf(word: string | null): string | null {
  const trimmed = word?.trim() ?? '';
  const kind = lookupWord(JOBS, trimmed, 'lower');
  if (kind === undefined) return trimmed || null;
  return kind === null ? null : VBR_KINDS[kind].label;
}

/** Every session type 1.3-rev1 documents that Backwatch watches, as the document spells them. */
export const WATCHED_SESSION_TYPES_1_3: readonly string[] = VBR_SESSION_TYPES_1_3.filter((word) =>
  Object.hasOwn(WATCHED_SESSION_TYPES, word),
);

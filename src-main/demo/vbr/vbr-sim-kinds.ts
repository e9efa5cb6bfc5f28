/**
 * The kinds of job a simulated VBR server runs (a scenario job's `type`) and Veeam's words for
 * them in each document line: 1.3-rev1's for 1.3, 1.2-rev1's for 1.2, the API notes' before. A
 * kind a line has no word for is not in that line's answers at all: neither its sessions nor its jobs.
 */
import { VBR_SESSION_TYPES_1_2, VBR_SESSION_TYPES_1_3 } from '../../common/vendors/vbr/vbr-session-types.js';

/** Up to 1.1 (API notes), 1.2 (1.2-rev1's document), 1.3 (1.3-rev1's). */
export type VbrDocLine = '1.1' | '1.2' | '1.3';

export const VBR_SIM_KINDS = ['backup', 'backupCopy', 'agentBackup', 'logBackup', 'restore'] as const;
export type VbrSimKind = (typeof VBR_SIM_KINDS)[number];

type PerLine = Readonly<Record<VbrDocLine, string | null>>;

interface KindWords {
  /** `sessionType`; null: the line does not list its sessions. */
  readonly session: PerLine;
  /** The `type` of its job in `/jobs/states`; null: the line does not list the job. */
  readonly job: PerLine;
  /** `workload`, in the lower case of the documents before 1.3-rev1. */
  readonly workload: string;
  /** Whether its sessions have task sessions (agent backups have none, per the API notes). */
  readonly tasks: boolean;
}

const only13 = (word: string | null): PerLine => ({ '1.1': null, '1.2': null, '1.3': word });
const always = (word: string): PerLine => ({ '1.1': word, '1.2': word, '1.3': word });

const WORDS: Readonly<Record<VbrSimKind, KindWords>> = {
  backup: {
    session: { '1.1': 'Job', '1.2': 'BackupJob', '1.3': 'BackupJob' },
    // 1.2-rev1 documents only `Backup`; 1.3 names the platform.
    job: { '1.1': 'Backup', '1.2': 'Backup', '1.3': 'VSphereBackup' },
    workload: 'vm',
    tasks: true,
  },
  backupCopy: { session: only13('BackupCopyJob'), job: only13('BackupCopy'), workload: 'vm', tasks: true },
  agentBackup: { session: only13('AgentBackup'), job: only13('WindowsAgentBackup'), workload: 'server', tasks: false },
  // No job type names it: the documents keep transaction log backups in their backup job's settings.
  logBackup: { session: only13('SqlLogBackup'), job: only13(null), workload: 'application', tasks: true },
  restore: { session: always('RestoreVm'), job: only13(null), workload: 'vm', tasks: false },
};

/** A scenario job's kind; a type the table does not know is a backup. */
const kindOf = (type: string): KindWords => WORDS[(VBR_SIM_KINDS as readonly string[]).includes(type) ? (type as VbrSimKind) : 'backup'];

/** Veeam's words for a job of scenario type `type` in `line`. */
export function kindWords(type: string, line: VbrDocLine): { session: string | null; job: string | null; workload: string } {
  const kind = kindOf(type);
  return { session: kind.session[line], job: kind.job[line], workload: kind.workload };
}

/** Whether runs of a job of scenario type `type` have task sessions. */
export const hasTaskSessions = (type: string): boolean => kindOf(type).tasks;

/** The session types a line documents (a type filter naming another word is refused). */
export function documentedSessionTypes(line: VbrDocLine): readonly string[] {
  if (line === '1.3') return VBR_SESSION_TYPES_1_3;
  return line === '1.2' ? VBR_SESSION_TYPES_1_2 : [...VBR_SESSION_TYPES_1_2, 'Job'];
}

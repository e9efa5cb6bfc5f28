/**
 * Every kind of session and job Veeam's documents list (read from the schema extracts in
 * tests/fixtures/vendor-schemas), word by word: the runs that protect data are watched under a
 * readable kind, the rest (restores, rescans, infrastructure work) are left out, and a word no
 * document lists is watched as it is.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VBR_KINDS } from '../../../src-main/common/vendors/vbr/vbr-kinds.js';
import { VBR_SESSION_TYPES_1_2, VBR_SESSION_TYPES_1_3 } from '../../../src-main/common/vendors/vbr/vbr-session-types.js';
import { vbrJobTypeOf, WATCHED_SESSION_TYPES_1_3 } from '../../../src-main/core/connectors/vbr/vbr-kind-words.js';
import { isWatchedVbrSession, parseVbrSessionPage } from '../../../src-main/core/connectors/vbr/vbr-parser.js';
import { warningLog } from './fixtures.js';

function enumOf(file: string, name: string): string[] {
  const extract = JSON.parse(readFileSync(new URL(`../../fixtures/vendor-schemas/${file}`, import.meta.url), 'utf8')) as {
    components: { schemas: Record<string, { enum?: string[] }> };
  };
  return extract.components.schemas[name]?.enum ?? [];
}

const DOC_1_2 = 'vbr-rest-1.2-rev1.json';
const DOC_1_3 = 'vbr-rest-1.3-rev1.json';
const K = Object.fromEntries(Object.entries(VBR_KINDS).map(([key, kind]) => [key, kind.label])) as Record<keyof typeof VBR_KINDS, string>;

/** The runs that protect data, and the kind each is shown as. */
const WATCHED: Readonly<Record<string, string>> = {
  BackupJob: K.backup,
  BackupCopyJob: K.backupCopy,
  UnstructuredDataBackupCopy: K.backupCopy,
  CopyBackup: K.backupCopy,
  DirectBackupSync: K.backupCopy,
  AgentBackup: K.agentBackup,
  AgentPolicy: K.agentBackup,
  SqlLogBackup: K.logBackup,
  OracleLogBackup: K.logBackup,
  PostgreSqlLogBackup: K.logBackup,
  ReplicaJob: K.replica,
  ConfigurationBackup: K.configurationBackup,
  SureBackup: K.sureBackup,
  SureBackupContentScan: K.sureBackup,
  ArchiveBackup: K.archiveBackup,
  FileBackupHealthCheck: K.healthCheck,
};

/** Restores, failovers, rescans, exports, maintenance and infrastructure work: nothing a backup RPO is about. */
const SKIPPED = [
  ...['Infrastructure', 'Automation', 'PublishBackupContentViaMount', 'PublishBackupContentViaNfs', 'RepositoryMaintenance'],
  ...['RepositoryEvacuate', 'InfrastructureItemDeletion', 'RestoreVm', 'InstantRecovery', 'FirstClassDiskInstantRestore'],
  ...['AzureApplianceDeploy', 'QuickMigration', 'FileLevelRestore', 'LinuxFileLevelRestore', 'ConfigurationResynchronize'],
  ...['Failover', 'PlannedFailover', 'PermanentFailover', 'UndoFailover', 'Failback', 'CommitFailback', 'UndoFailback'],
  ...['SwitchReplicaToProduction', 'CloudDirectorVmRestore', 'CloudDirectorVAppRestore', 'MalwareDetection'],
  ...['FirstClassDiskQuickMigration', 'EntraIdRestore', 'EntraIdRestoreFromCopy', 'SecurityComplianceAnalyzer', 'FileServerSave'],
  ...['NasRestore', 'LogsExport', 'TestCredentials', 'AzureInstantRecovery', 'AzureInstantRecoveryMigration'],
  ...['AzureInstantRecoverySwitchover', 'AzureInstantRecoveryStart', 'AzureInstantRecoveryStop', 'AzureInstantRecoveryMigrationUndo'],
  ...['AzureInstantRecoveryMount', 'FileInstantRecovery', 'FileInstantRecoveryMigration', 'VolumesDiscover', 'DeleteBackup'],
  ...['BackgroundOperation', 'AgentDiscovery', 'AgentOperationPurgeCache', 'ApplianceUpdatesInstall', 'FailoverPlan'],
  ...['FailoverPlanTask', 'UnstructuredDataBrowse', 'UnstructuredDownloadMeta', 'EntraIdRescanRepository', 'HostComponentsUpdate'],
  ...['ArchiveRehydration', 'ArchiveSync', 'ArchiveCopy', 'ArchiveFreezing', 'RetrieveBackup', 'ArchiveTierDownload'],
  ...['CheckpointRemoval', 'Retention'],
];

/** One session of type `word`, as the parser reads it, and the oddities logged. */
function sessionOf(word: string) {
  const { log, warnings } = warningLog();
  const raw = { id: 's1', name: 'A job', jobId: 'j1', sessionType: word, state: 'Stopped', result: { result: 'Failed' } };
  const session = parseVbrSessionPage({ data: [raw] }, { applianceId: 'vbr-1', log }).items[0]!;
  return { session, watched: isWatchedVbrSession(session), warnings };
}

describe.each([DOC_1_2, DOC_1_3])('VBR session types of %s', (file) => {
  const documented = enumOf(file, 'ESessionType');

  it('holds no word the tables here leave out, and the app holds its list verbatim', () => {
    expect(documented.length).toBeGreaterThan(30);
    expect(documented.filter((word) => !(word in WATCHED) && !SKIPPED.includes(word))).toEqual([]);
    expect([...(file === DOC_1_2 ? VBR_SESSION_TYPES_1_2 : VBR_SESSION_TYPES_1_3)].sort()).toEqual([...documented].sort());
  });

  it.each(documented.filter((word) => word in WATCHED))('%s is watched under its kind', (word) => {
    const { session, watched, warnings } = sessionOf(word);
    expect(session).toMatchObject({ type: WATCHED[word], status: 'failed' });
    expect(watched).toBe(true);
    expect(warnings).toEqual([]);
  });

  it.each(documented.filter((word) => SKIPPED.includes(word)))('%s is left out', (word) => {
    const { watched, warnings } = sessionOf(word);
    expect(watched).toBe(false);
    expect(warnings).toEqual([]);
  });
});

describe('VBR session types outside the documents', () => {
  it('reads 1.1\u2019s `Job` as a backup, in any letter case', () => {
    expect(sessionOf('Job').session.type).toBe(K.backup);
    expect(sessionOf(' sqllogbackup ').session.type).toBe(K.logBackup);
  });

  it('watches a word no document lists as it is, and says so once', () => {
    const { session, watched, warnings } = sessionOf('QuantumBackup');
    expect(session.type).toBe('QuantumBackup');
    expect(watched).toBe(true);
    expect(warnings).toEqual(['VBR: session type not documented, watched as it is']);
    expect(sessionOf('').session.type).toBeNull();
  });

  it('names every kind with a word no skipped session type has, so a kind is never left out', () => {
    const skipped = new Set(SKIPPED.map((w) => w.toLowerCase()));
    for (const label of Object.values(K)) expect(skipped.has(label.toLowerCase())).toBe(false);
  });

  it('asks 1.3-rev1 servers only for documented words, every watched one of them', () => {
    const documented = enumOf(DOC_1_3, 'ESessionType');
    expect([...WATCHED_SESSION_TYPES_1_3].sort()).toEqual(documented.filter((word) => word in WATCHED).sort());
  });
});

/** Every job type, and the kind of its jobs (`Unknown` leaves the kind to the job's sessions). */
const JOB_KIND: Readonly<Record<string, string | null>> = {
  Backup: K.backup,
  VSphereBackup: K.backup,
  HyperVBackup: K.backup,
  CloudDirectorBackup: K.backup,
  EntraIDTenantBackup: K.backup,
  EntraIDAuditLogBackup: K.backup,
  FileBackup: K.backup,
  ObjectStorageBackup: K.backup,
  CloudBackupAzure: K.backup,
  CloudBackupAWS: K.backup,
  CloudBackupGoogle: K.backup,
  BackupCopy: K.backupCopy,
  LegacyBackupCopy: K.backupCopy,
  FileBackupCopy: K.backupCopy,
  EntraIDTenantBackupCopy: K.backupCopy,
  WindowsAgentBackup: K.agentBackup,
  LinuxAgentBackup: K.agentBackup,
  WindowsAgentBackupWorkstationPolicy: K.agentBackup,
  LinuxAgentBackupWorkstationPolicy: K.agentBackup,
  WindowsAgentBackupServerPolicy: K.agentBackup,
  LinuxAgentBackupServerPolicy: K.agentBackup,
  VSphereReplica: K.replica,
  SureBackupContentScan: K.sureBackup,
  Unknown: null,
};

describe.each([DOC_1_2, DOC_1_3])('VBR job types of %s', (file) => {
  it.each(enumOf(file, 'EJobType'))('%s', (word) => {
    expect(Object.hasOwn(JOB_KIND, word)).toBe(true);
    expect(vbrJobTypeOf(word)).toBe(JOB_KIND[word]);
  });
});

describe('VBR job types outside the documents', () => {
  it('keeps a word no document lists, and has no type without one', () => {
    expect(vbrJobTypeOf(' linuxAgentBackup ')).toBe(K.agentBackup);
    expect(vbrJobTypeOf('TapeBackup')).toBe('TapeBackup');
    expect(vbrJobTypeOf(null)).toBeNull();
  });
});

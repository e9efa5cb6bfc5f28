/** Compliance reports for the window and the CLI: read from the history store (machines from the objects judge), as data or as a file. */
import type { IpcHandlers } from '../../common/ipc-channels.js';
import type { ComplianceQuery, ComplianceReport } from '../../common/compliance-report.js';
import type { MutationResult } from '../../common/ipc-contract.js';
import { periodInterval } from '../../common/report-period.js';
import { readCompliance, readJobBand, type ComplianceSource } from '../reports/compliance-read.js';
import { buildReport } from '../reports/report-build.js';
import { exportReport } from '../reports/report-export.js';
import { messageOf } from './errors.js';
import type { ServiceContext } from './service-context.js';

export function createReportQueries(ctx: ServiceContext): Pick<IpcHandlers, 'reports:compliance' | 'reports:export' | 'reports:job-band'> {
  const { deps } = ctx;

  /** Reads the history with the settings as they are now (their RPOs recorded first), or says why it cannot. */
  const fromHistory = async <T>(
    read: (source: ComplianceSource) => MutationResult<T> | Promise<MutationResult<T>>,
  ): Promise<MutationResult<T>> => {
    const { history } = deps;
    if (!history) return { ok: false, message: 'This Backwatch keeps no history to report on.' };
    const nowMs = deps.now();
    const data = deps.config.read();
    try {
      // Settings changed while nothing recorded them (no app running) count from now at the latest.
      history.recordRpo(data.settings, nowMs);
      history.recordMaintenance(data.settings.maintenanceWindows, nowMs);
      return await read({
        history,
        appliances: data.appliances,
        settings: data.settings,
        maintenance: data.settings.maintenanceWindows,
        nowMs,
      });
    } catch (error) {
      deps.log.error(`Reading compliance from the history database failed: ${messageOf(error)}`);
      return { ok: false, message: `The history database could not be read: ${messageOf(error)}` };
    }
  };

  const report = (query: ComplianceQuery): Promise<MutationResult<ComplianceReport>> =>
    fromHistory(async (source) => {
      const period = periodInterval(query.period, source.nowMs);
      if (typeof period === 'string') return { ok: false, message: period };
      const appliance = query.applianceId === undefined ? null : (ctx.find(query.applianceId) ?? null);
      if (query.applianceId !== undefined && appliance === null) return { ok: false, message: 'That appliance no longer exists.' };
      // The machines as the shared judge holds them now; none before any appliance's objects were read.
      const { machineRows } = query;
      const objects = machineRows === 0 ? null : (ctx.status.objects()?.objects ?? null);
      const figures = readCompliance(source, period, appliance?.id ?? null, objects);
      const { version } = await deps.info();
      const { appliances, maintenance, nowMs } = source;
      const context = {
        period,
        appliance,
        appliances,
        maintenance,
        generatedAtMs: nowMs,
        version,
        ...(machineRows ? { machineRows } : {}),
      };
      return { ok: true, value: buildReport(figures, context) };
    });

  const jobBand: IpcHandlers['reports:job-band'] = ({ applianceId, jobId, days }) =>
    fromHistory((source) => {
      const period = periodInterval({ lastDays: days }, source.nowMs);
      if (typeof period === 'string') return { ok: false, message: period };
      const appliance = ctx.find(applianceId);
      if (appliance === undefined) return { ok: false, message: 'That appliance no longer exists.' };
      return { ok: true, value: readJobBand(source, period, appliance, jobId) };
    });

  return {
    'reports:job-band': jobBand,
    'reports:compliance': report,
    'reports:export': async ({ format, ...query }) => {
      const made = await report(query);
      return made.ok ? { ok: true, value: exportReport(made.value, format) } : made;
    },
  };
}

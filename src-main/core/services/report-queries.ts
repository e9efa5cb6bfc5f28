/** Compliance reports for the window and the CLI: read from the history store, as data or as a file. */
import type { IpcHandlers } from '../../common/ipc-channels.js';
import type { ComplianceQuery, ComplianceReport } from '../../common/compliance-report.js';
import type { MutationResult } from '../../common/ipc-contract.js';
import { periodInterval } from '../../common/report-period.js';
import { readCompliance } from '../reports/compliance-read.js';
import { buildReport } from '../reports/report-build.js';
import { exportReport } from '../reports/report-export.js';
import { messageOf } from './errors.js';
import type { ServiceContext } from './service-context.js';

export function createReportQueries(ctx: ServiceContext): Pick<IpcHandlers, 'reports:compliance' | 'reports:export'> {
  const { deps } = ctx;

  const report = async (query: ComplianceQuery): Promise<MutationResult<ComplianceReport>> => {
    const { history } = deps;
    if (!history) return { ok: false, message: 'This Backwatch keeps no history to report on.' };
    const nowMs = deps.now();
    const period = periodInterval(query.period, nowMs);
    if (typeof period === 'string') return { ok: false, message: period };
    const data = deps.config.read();
    const appliance = query.applianceId === undefined ? null : (ctx.find(query.applianceId) ?? null);
    if (query.applianceId !== undefined && appliance === null) return { ok: false, message: 'That appliance no longer exists.' };
    const { appliances } = data;
    const maintenance = data.settings.maintenanceWindows;
    try {
      // Settings changed while nothing recorded them (no app running) count from now at the latest.
      history.recordRpo(data.settings, nowMs);
      const source = { history, appliances, settings: data.settings, maintenance, nowMs };
      const figures = readCompliance(source, period, appliance?.id ?? null);
      const { version } = await deps.info();
      return { ok: true, value: buildReport(figures, { period, appliance, appliances, maintenance, generatedAtMs: nowMs, version }) };
    } catch (error) {
      deps.log.error(`Reading compliance from the history database failed: ${messageOf(error)}`);
      return { ok: false, message: `The history database could not be read: ${messageOf(error)}` };
    }
  };

  return {
    'reports:compliance': report,
    'reports:export': async ({ format, ...query }) => {
      const made = await report(query);
      return made.ok ? { ok: true, value: exportReport(made.value, format) } : made;
    },
  };
}

/** Jobs and sessions for the window and the CLI: lists, one session with its resources, its log pages. */
import type { IpcHandlers } from '../../common/ipc-channels.js';
import { findSession, querySessions } from '../session-query.js';
import { messageOf } from './errors.js';
import { sessionCause } from './session-cause.js';
import type { ServiceContext } from './service-context.js';

export function createSessionQueries(
  ctx: ServiceContext,
): Pick<IpcHandlers, 'jobs:list' | 'sessions:list' | 'sessions:get' | 'sessions:log'> {
  const { deps, status } = ctx;
  return {
    'jobs:list': async (query) => {
      await ctx.ready;
      return status.jobs(query);
    },
    'sessions:list': async (query) => querySessions(status.fleet(), query),
    'sessions:get': async ({ applianceId, sessionId }) => {
      const found = findSession(status.fleet(), applianceId, sessionId);
      if (!found) return null;
      const connector = deps.monitor.connector(applianceId);
      const resources = connector?.resourceProgress
        ? await connector.resourceProgress(sessionId).catch((e: unknown) => {
            deps.log.warn(`Reading resource progress failed: ${messageOf(e)}`);
            return null;
          })
        : null;
      const cause = await sessionCause(found.session, resources, connector, deps.log);
      return { session: found.session, resources, cause, applianceUrl: found.state.appliance.baseUrl };
    },
    'sessions:log': async ({ applianceId, sessionId, page }) => {
      const connector = deps.monitor.connector(applianceId);
      if (!connector?.jobLog) return { ok: false, message: 'This appliance does not offer session logs.' };
      return connector.jobLog(sessionId, page).then(
        (value) => ({ ok: true, value }),
        (e: unknown) => ({ ok: false, message: `The log could not be read: ${messageOf(e)}` }),
      );
    },
  };
}

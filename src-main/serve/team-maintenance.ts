/**
 * The team API's maintenance windows: any token lists them, so every desktop of the team sees why
 * a job is quiet; an `operate` token adds and removes them (a read token is refused, as for
 * acknowledge and mute). The core's services check every window once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppCore } from '../core/app/app-core.js';
import type { Logger } from '../core/logger.js';
import { sendJson, type Routes } from './serve-http.js';
import type { TokenEntry } from './token-store.js';

/** How a route lets tokens through by their scope; each answers null once it has sent the refusal. */
export interface OperateGate {
  reader(req: IncomingMessage, res: ServerResponse): TokenEntry | null;
  operateRequest(req: IncomingMessage, res: ServerResponse): Promise<{ entry: TokenEntry; body: unknown } | null>;
}

export function maintenanceRoutes(core: AppCore, log: Logger, gate: OperateGate): Routes {
  return {
    'GET /api/v1/maintenance': async (req, res) => {
      if (gate.reader(req, res)) sendJson(res, 200, await core.handlers['maintenance:list']());
    },
    'POST /api/v1/maintenance': async (req, res) => {
      const sent = await gate.operateRequest(req, res);
      if (!sent) return;
      const added = await core.handlers['maintenance:add'](sent.body as never);
      if (!added.ok) return sendJson(res, 400, { error: added.message });
      log.info('Maintenance window added by a team member', { token: sent.entry.name, window: added.value.id });
      sendJson(res, 201, added.value);
    },
    'POST /api/v1/maintenance/remove': async (req, res) => {
      const sent = await gate.operateRequest(req, res);
      if (!sent) return;
      const { body } = sent;
      const id = typeof body === 'object' && body !== null && 'id' in body ? body.id : undefined;
      const removed = await core.handlers['maintenance:remove'](id as never);
      if (!removed.ok) return sendJson(res, 400, { error: removed.message });
      log.info('Maintenance window removed by a team member', { token: sent.entry.name, window: id });
      sendJson(res, 200, { ok: true });
    },
  };
}

/**
 * The naive client the fleet figures are compared with: every cycle it logs in and reads each
 * appliance's whole session history, as a script without incremental polling would.
 */
import type { VendorKey } from '../../src-main/common/vendors/index.js';
import { passwordTokenRequest } from '../../src-main/core/connectors/vb365/vb365-requests.js';
import * as vbr from '../../src-main/core/connectors/vbr/vbr-requests.js';
import { createHttpClient, type HttpClient } from '../../src-main/core/http/http-client.js';
import type { DemoAppliance } from '../../src-main/demo/fleet.js';

type FullRead = (http: HttpClient, appliance: DemoAppliance) => Promise<number>;

const basic = (a: DemoAppliance) => `Basic ${Buffer.from(`${a.username}:${a.password}`).toString('base64')}`;

/** Pages until a short page; returns the sessions read. */
async function pages(read: (offset: number) => Promise<number>, pageSize: number): Promise<number> {
  let total = 0;
  for (let offset = 0; ; offset += pageSize) {
    const n = await read(offset);
    total += n;
    if (n < pageSize) return total;
  }
}

const FULL_READS: Record<VendorKey, FullRead> = {
  spp: async (http, a) => {
    const login = (await http.json({ method: 'POST', path: '/api/endeavour/session', headers: { authorization: basic(a) } })) as {
      sessionid: string;
    };
    const headers = { 'X-Endeavour-Sessionid': login.sessionid };
    return pages(async (offset) => {
      const body = (await http.json({ path: '/api/endeavour/jobsession', query: { pageSize: 100, pageStartIndex: offset }, headers })) as {
        sessions: unknown[];
      };
      return body.sessions.length;
    }, 100);
  },
  vb365: async (http, a) => {
    const token = (await http.json(passwordTokenRequest('v8', a.username, a.password))) as { access_token: string };
    const headers = { authorization: `Bearer ${token.access_token}` };
    return pages(async (offset) => {
      const body = (await http.json({ path: '/v8/JobSessions', query: { offset, limit: 100 }, headers })) as { results: unknown[] };
      return body.results.length;
    }, 100);
  },
  vcsa: async (http, a) => {
    const token = (await http.json({ method: 'POST', path: '/api/session', headers: { authorization: basic(a) } })) as string;
    const body = (await http.json({
      path: '/api/appliance/recovery/backup/job/details',
      headers: { 'vmware-api-session-id': token },
    })) as Record<string, unknown>;
    return Object.keys(body).length;
  },
  vbr: async (http, a) => {
    const token = (await http.json(vbr.passwordTokenRequest('1.3-rev1', a.username, a.password))) as { access_token: string };
    const auth = { authorization: `Bearer ${token.access_token}` };
    return pages(async (skip) => {
      const req = vbr.sessionsRequest('1.3-rev1', { skip, limit: 100 });
      const body = (await http.json({ ...req, headers: { ...req.headers, ...auth } })) as { data: unknown[] };
      return body.data.length;
    }, 100);
  },
};

/** One naive cycle over the fleet; returns requests and bytes (client side). */
export async function naiveCycle(appliances: readonly DemoAppliance[], concurrency: number): Promise<{ requests: number; bytes: number }> {
  const clients = appliances.map((a) => createHttpClient({ baseUrl: a.baseUrl, pin: a.certificate }));
  let next = 0;
  const worker = async () => {
    while (next < appliances.length) {
      const i = next++;
      await FULL_READS[appliances[i]!.vendor as VendorKey](clients[i]!, appliances[i]!);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const totals = clients.reduce((t, c) => ({ requests: t.requests + c.stats.requests, bytes: t.bytes + c.stats.bytes }), {
    requests: 0,
    bytes: 0,
  });
  await Promise.all(clients.map((c) => c.close()));
  return totals;
}

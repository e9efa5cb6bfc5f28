/**
 * An appliance whose 500 echoes the request (headers, form body) must not put the credentials into
 * `backwatch status`, the team API's status answer, serve's log or what the window is given over
 * IPC: a short excerpt, redacted.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appliance } from '../../src-main/common/model.js';
import { createJsonLogger } from '../../src-main/serve/json-log.js';
import { startServe } from '../../src-main/serve/serve.js';
import { openTokenStore } from '../../src-main/serve/token-store.js';
import { addArgs, cliRunner } from '../support/cli-runner.js';
import { eventually } from '../support/eventually.js';
import { httpGet } from '../support/served-fleet.js';
import { startVbrStub, type StubAppliance } from '../support/stub-appliances.js';
import { throwawayCore } from '../support/throwaway-core.js';

const PASSWORD = 'Echoed-Passw0rd-4e1b';
const ACCESS_TOKEN = 'tok-5c3d9a7e1f2b4c6d';
const FORBIDDEN = [
  PASSWORD,
  encodeURIComponent(PASSWORD),
  ACCESS_TOKEN,
  'YWRtaW46cGFzc3cwcmQ',
  Buffer.from(`monitor:${PASSWORD}`).toString('base64').slice(0, 20),
  'JSESSIONID=77aa',
];

let stub: StubAppliance;
/** Off while `appliance add` tests the connection. */
let echoing = false;
beforeAll(async () => {
  stub = await startVbrStub();
  let lastLogin = '';
  stub.override = (req) => {
    if (req.method === 'POST' && req.path === '/api/oauth2/token') {
      lastLogin = req.body;
      return { status: 200, body: { access_token: ACCESS_TOKEN, refresh_token: 'r', token_type: 'bearer', expires_in: 900 } };
    }
    if (!echoing || req.path !== '/api/v1/jobs/states') return null;
    const echo = [
      `Authorization: ${req.headers['authorization'] ?? ''}`,
      'Authorization: Basic YWRtaW46cGFzc3cwcmQ=',
      'Cookie: JSESSIONID=77aa66bb',
      `login was ${lastLogin}; raw ${PASSWORD} ${Buffer.from(`monitor:${PASSWORD}`).toString('base64')}`,
    ].join('\n');
    return { status: 500, body: `Internal error while handling\n${echo}` };
  };
});
afterAll(() => stub.close());

const leaks = (text: string) => FORBIDDEN.filter((secret) => text.includes(secret));

describe('an error body that echoes the request', () => {
  it('reaches backwatch status only redacted', async () => {
    const cli = cliRunner({ STUB_PW: PASSWORD });
    expect(await cli(addArgs('vbr', 'Echo', stub.server))).toMatchObject({ code: 0 });
    echoing = true;
    const text = await cli(['status']);
    const json = await cli(['status', '--json']);
    expect(`${text.out}${json.out}`).toContain('HTTP 500');
    expect(leaks(`${text.out}${text.err}${json.out}${json.err}`)).toEqual([]);
  });

  it('reaches the team API status answer, the log and the window only redacted', { timeout: 30_000 }, async () => {
    const appliance: Appliance = {
      id: 'vbr-echo',
      name: 'Echo',
      vendor: 'vbr',
      baseUrl: stub.server.url,
      username: 'monitor',
      credential: { kind: 'keychain' },
      certificate: { fingerprint256: stub.server.fingerprint256, pem: stub.server.pem },
      options: {},
      enabled: true,
    };
    const logLines: string[] = [];
    const log = createJsonLogger({ write: (line) => logLines.push(line), now: Date.now });
    const { core, close } = await throwawayCore({ appliances: [appliance], passwords: { [appliance.id]: PASSWORD }, log });
    const tokens = openTokenStore(mkdtempSync(path.join(os.tmpdir(), 'backwatch-redact-')));
    const token = await tokens.add('reader', 'read', new Date());
    const server = await startServe({ core, listen: { host: '127.0.0.1', port: 0 }, log, tokens });
    try {
      await eventually(() => JSON.stringify(core.fleet()).includes('HTTP 500'), 20_000, 'the failed poll');
      const answer = (await httpGet(`${server.url}/api/v1/status`, { authorization: `Bearer ${token}` })).text;
      expect(answer).toContain('HTTP 500');
      expect(leaks(answer)).toEqual([]);
      expect(leaks(logLines.join('\n'))).toEqual([]);
      // What the window's stores ask for over IPC: the snapshot, the appliance cards, the jobs.
      const window = JSON.stringify([
        await core.handlers['status:snapshot'](),
        await core.handlers['appliances:list'](),
        await core.handlers['jobs:list']({}),
      ]);
      expect(window).toContain('HTTP 500');
      expect(leaks(window)).toEqual([]);
    } finally {
      await server.close();
      await close();
    }
  });
});

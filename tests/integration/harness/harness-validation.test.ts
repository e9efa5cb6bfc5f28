/** Browser mode's WebSocket is one more caller of the services: what they refuse, it refuses in the same words. */
import { request } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { createBackwatchApi } from '../../../src-main/common/ipc-channels.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { startHarness, type Harness } from '../../../src-main/harness/harness.js';
import { createWsClientTransport, type WsClientTransport } from '../../../src-renderer/lib/ws-client-transport.js';

let harness: Harness | undefined;
let client: WsClientTransport | undefined;
afterEach(async () => {
  client?.close();
  await harness?.close();
});

it('refuses a bad request over the WebSocket with the services’ own message, and stores nothing', async () => {
  harness = await startHarness({ log: silentLogger });
  client = createWsClientTransport(`${harness.origin.replace('http', 'ws')}/ipc?token=${harness.token}`, {
    WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket,
  });
  const api = createBackwatchApi(client);
  const draft = { name: 'VBO', vendor: 'vb365', baseUrl: 'https://vbo.example.test:4443', username: 'admin', password: 'pw' } as const;

  expect(await api['appliances:add']({ ...draft, options: { apiVersion: '8' } })).toEqual({
    ok: false,
    message: 'API version looks like v8.',
  });
  expect(await api['settings:update']({ pollIntervalSec: 1 })).toEqual({
    ok: false,
    message: 'The idle poll interval is a whole number from 5 to 86400.',
  });
  expect(await api['settings:update']({ startAtLogin: 'yes' } as never)).toMatchObject({
    ok: false,
    message: /^Invalid setting: startAtLogin: /,
  });
  await expect(api['sessions:list']({ limit: -1 })).rejects.toThrow(/Invalid request sessions:list/);
  expect(await api['appliances:list']()).toEqual([]);
});

it('answers only to loopback names (a rebound DNS name gets nothing), for pages and the WebSocket alike', async () => {
  harness = await startHarness({ log: silentLogger });
  const port = new URL(harness.origin).port;
  const get = (host: string, path = '/') =>
    new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
  expect(await get(`attacker.example:${port}`)).toBe(421);
  expect(await get(`attacker.example:${port}`, `/__harness/state?token=${harness.token}`)).toBe(421);
  expect(await get(`localhost:${port}`, `/__harness/state?token=${harness.token}`)).toBe(200);
  const upgrade = await new Promise<number>((resolve) => {
    const socket = new NodeWebSocket(`ws://127.0.0.1:${port}/ipc?token=${harness!.token}`, {
      headers: { host: `attacker.example:${port}` },
    });
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('open', () => resolve(101));
    socket.on('error', () => resolve(-1));
  });
  expect(upgrade).toBe(403);
});

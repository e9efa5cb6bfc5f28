import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { createBackwatchApi } from '../../../src-main/common/ipc-channels.js';
import { createWebSocketServerTransport, type WebSocketServerTransport } from '../../../src-main/harness/ws-transport.js';
import { createWsClientTransport, type WsClientTransport } from '../../../src-renderer/lib/ws-client-transport.js';

const TOKEN = 'per-run-token';
let server: Server;
let transport: WebSocketServerTransport;
const clients: WsClientTransport[] = [];

async function start(): Promise<string> {
  server = createServer();
  transport = createWebSocketServerTransport(server, TOKEN);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function client(url: string): WsClientTransport {
  const c = createWsClientTransport(url, { WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket });
  clients.push(c);
  return c;
}

afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  transport.close();
  await new Promise((done) => server.close(done));
});

describe('IPC over WebSocket', () => {
  it('answers requests by id, passes errors back and broadcasts events', async () => {
    const host = await start();
    transport.serve(async (channel, arg) => {
      if (channel === 'appliances:remove') throw new Error(`cannot remove ${String(arg)}`);
      return { channel, arg };
    });
    const api = createBackwatchApi(client(`ws://${host}/ipc?token=${TOKEN}`));
    const [a, b] = await Promise.all([api['sessions:list']({ limit: 5 }), api['app:info']()]);
    expect(a).toEqual({ channel: 'sessions:list', arg: { limit: 5 } });
    expect(b).toEqual({ channel: 'app:info' });
    await expect(api['appliances:remove']('x1')).rejects.toThrow('cannot remove x1');

    const seen = new Promise((resolve) => api.on('app:navigate', resolve));
    transport.emit('app:navigate', { view: 'appliance', applianceId: 'x1' });
    expect(await seen).toEqual({ view: 'appliance', applianceId: 'x1' });
  });

  it('refuses a connection without the right token', async () => {
    const host = await start();
    let served = 0;
    transport.serve(async () => ++served);
    for (const url of [`ws://${host}/ipc`, `ws://${host}/ipc?token=wrong`, `ws://${host}/other?token=${TOKEN}`]) {
      const status = await new Promise<number | string>((resolve) => {
        const ws = new NodeWebSocket(url);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve('open'));
        ws.on('error', (e) => resolve(e.message));
      });
      expect(status).toBe(403);
    }
    expect(served).toBe(0);
  });

  it('refuses a page of another origin even with the token', async () => {
    const host = await start();
    const status = await new Promise<number | string>((resolve) => {
      const ws = new NodeWebSocket(`ws://${host}/ipc?token=${TOKEN}`, { origin: 'http://evil.example' });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve('open'));
    });
    expect(status).toBe(403);
  });

  it('rejects unknown channels without calling the handler', async () => {
    const host = await start();
    let served = 0;
    transport.serve(async () => ++served);
    const c = client(`ws://${host}/ipc?token=${TOKEN}`);
    await expect(c.invoke('nope:never' as never, null)).rejects.toThrow('Unknown channel');
    expect(served).toBe(0);
  });
});

import { foreignContents, BrowserWindow, invokeFrom, ipcMain, resetElectronMock, takeFaults, type FakeSender } from './electron-mock.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_PAGE_URL } from '../../../src-main/electron/app-protocol.js';
import { REQUEST_CHANNELS, requestHandlerOf, type IpcHandlers } from '../../../src-main/common/ipc-channels.js';
import { validatedHandlers } from '../../../src-main/core/services/request-validation.js';
import { createElectronServerTransport } from '../../../src-main/electron/ipc-main.js';

vi.mock('electron', () => import('./electron-mock.js'));

const PAGE = APP_PAGE_URL;
const isAppUrl = (url: string) => url.startsWith(PAGE);

function setup() {
  const window = new BrowserWindow({});
  window.webContents.mainFrame.url = `${PAGE}#/overview`;
  const handler = vi.fn(async (channel: string, arg: unknown) => ({ channel, arg }));
  const transport = createElectronServerTransport(() => window as never, { isAppUrl });
  transport.serve(handler);
  const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
  const call = (channel: string, from: FakeSender, arg?: unknown) => invokeFrom(from, channel, arg);
  return { window, handler, transport, fromWindow, call };
}

describe('createElectronServerTransport', () => {
  beforeEach(resetElectronMock);

  it('registers exactly one handler per request channel of the contract', () => {
    setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    expect(ipcMain.handle).toHaveBeenCalledTimes(REQUEST_CHANNELS.length);
  });

  it('passes a request from our window to the handler as it came', async () => {
    const { call, fromWindow, handler } = setup();
    await expect(call('appliances:remove', fromWindow, 'spp-1')).resolves.toEqual({ channel: 'appliances:remove', arg: 'spp-1' });
    await call('status:snapshot', fromWindow, null);
    expect(handler).toHaveBeenLastCalledWith('status:snapshot', null);
  });

  it('behind it the services refuse a bad argument before any handler runs', async () => {
    const window = new BrowserWindow({});
    window.webContents.mainFrame.url = PAGE;
    const remove = vi.fn(async () => ({ ok: true, value: { password: 'deleted' } }));
    const list = vi.fn(async () => []);
    const handlers = validatedHandlers({ 'appliances:remove': remove, 'sessions:list': list } as unknown as IpcHandlers);
    createElectronServerTransport(() => window as never, { isAppUrl }).serve(requestHandlerOf(handlers));
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const invoke = (channel: string, arg: unknown) => invokeFrom(fromWindow, channel, arg);
    await expect(invoke('appliances:remove', { id: 'x' })).resolves.toMatchObject({ ok: false });
    // The page sees what Electron hands it: a plain Error naming the channel and the handler's error.
    await expect(invoke('sessions:list', { limit: 10, extra: true })).rejects.toThrow(
      /^Error invoking remote method 'sessions:list': IpcValidationError: /,
    );
    expect(remove).not.toHaveBeenCalled();
    expect(list).not.toHaveBeenCalled();
  });

  it('rejects a sender that is not our window', async () => {
    const { call, handler } = setup();
    const other = foreignContents(PAGE);
    await expect(call('appliances:list', { sender: other, senderFrame: other.mainFrame })).rejects.toThrow(
      "Error invoking remote method 'appliances:list': ForeignSenderError: Refused appliances:list: the request did not come from the Backwatch window.",
    );
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects our window when the frame is not its main frame or shows another page', async () => {
    const { call, fromWindow, handler, window } = setup();
    const subframe = { url: PAGE, processId: window.webContents.mainFrame.processId, routingId: 42 };
    await expect(call('appliances:list', { ...fromWindow, senderFrame: subframe })).rejects.toThrow(/ForeignSenderError: Refused/);
    await expect(call('appliances:list', { ...fromWindow, senderFrame: null })).rejects.toThrow(/ForeignSenderError: Refused/);
    window.webContents.mainFrame.url = 'https://evil.example/';
    await expect(call('appliances:list', fromWindow)).rejects.toThrow(/ForeignSenderError: Refused/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects everything while the window is closed', async () => {
    const { call, fromWindow, window } = setup();
    window.close();
    await expect(call('appliances:list', fromWindow)).rejects.toThrow(/ForeignSenderError: Refused/);
  });

  it('sends events to the window, drops them while it is closed, and unregisters on close', () => {
    const { transport, window } = setup();
    transport.emit('app:navigate', { view: 'appliance', applianceId: 'a1' });
    expect(window.webContents.sent).toEqual([{ channel: 'app:navigate', payload: { view: 'appliance', applianceId: 'a1' } }]);
    window.close();
    expect(() => transport.emit('app:navigate', { view: 'appliance', applianceId: 'a1' })).not.toThrow();
    transport.close();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('hands the page a structured clone of the answer: class instances arrive as plain data', async () => {
    class Reading {
      constructor(readonly at: Date) {}
      get year() {
        return this.at.getUTCFullYear();
      }
    }
    const window = new BrowserWindow({});
    window.webContents.mainFrame.url = PAGE;
    createElectronServerTransport(() => window as never, { isAppUrl }).serve(async () => new Reading(new Date(0)));
    const answer = await invokeFrom({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, 'app:info');
    expect(answer).toEqual({ at: new Date(0) });
    expect(answer).not.toBeInstanceOf(Reading);
  });

  it('fails, as Electron does, on an answer or an event that cannot be cloned', async () => {
    const window = new BrowserWindow({});
    window.webContents.mainFrame.url = PAGE;
    const transport = createElectronServerTransport(() => window as never, { isAppUrl });
    // What a Svelte $state object is: a Proxy, which no structured clone accepts.
    transport.serve(async () => new Proxy({ overall: 'ok' }, {}));
    await expect(invokeFrom({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, 'status:snapshot')).rejects.toThrow(
      "Error invoking remote method 'status:snapshot': Error: An object could not be cloned.",
    );
    expect(() => transport.emit('app:navigate', { view: 'overview', then: () => {} } as never)).toThrow('Failed to serialize arguments');
    expect(takeFaults()).toEqual([
      expect.stringMatching(/^the answer to 'status:snapshot' cannot cross Electron's IPC: .*could not be cloned/),
      expect.stringMatching(/^webContents.send\('app:navigate'\) cannot cross Electron's IPC: .*could not be cloned/),
    ]);
  });
});

import { foreignContents, BrowserWindow, ipcMain, resetElectronMock } from './electron-mock.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_PAGE_URL } from '../../../src-main/electron/app-protocol.js';
import { REQUEST_CHANNELS, requestHandlerOf, type IpcHandlers } from '../../../src-main/common/ipc-channels.js';
import { IpcValidationError, validatedHandlers } from '../../../src-main/core/services/request-validation.js';
import { createElectronServerTransport, ForeignSenderError } from '../../../src-main/electron/ipc-main.js';

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
  const call = (channel: string, event: unknown, arg?: unknown) => {
    const registered = ipcMain.handlers.get(channel);
    if (!registered) throw new Error(`no handler for ${channel}`);
    return Promise.resolve().then(() => registered(event, arg));
  };
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
    const invoke = (channel: string, arg: unknown) => Promise.resolve().then(() => ipcMain.handlers.get(channel)?.(fromWindow, arg));
    await expect(invoke('appliances:remove', { id: 'x' })).resolves.toMatchObject({ ok: false });
    await expect(invoke('sessions:list', { limit: 10, extra: true })).rejects.toBeInstanceOf(IpcValidationError);
    expect(remove).not.toHaveBeenCalled();
    expect(list).not.toHaveBeenCalled();
  });

  it('rejects a sender that is not our window', async () => {
    const { call, handler } = setup();
    const other = foreignContents(PAGE);
    await expect(call('appliances:list', { sender: other, senderFrame: other.mainFrame })).rejects.toBeInstanceOf(ForeignSenderError);
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects our window when the frame is not its main frame or shows another page', async () => {
    const { call, fromWindow, handler, window } = setup();
    const subframe = { url: PAGE, processId: window.webContents.mainFrame.processId, routingId: 42 };
    await expect(call('appliances:list', { ...fromWindow, senderFrame: subframe })).rejects.toBeInstanceOf(ForeignSenderError);
    await expect(call('appliances:list', { ...fromWindow, senderFrame: null })).rejects.toBeInstanceOf(ForeignSenderError);
    window.webContents.mainFrame.url = 'https://evil.example/';
    await expect(call('appliances:list', fromWindow)).rejects.toBeInstanceOf(ForeignSenderError);
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects everything while the window is closed', async () => {
    const { call, fromWindow, window } = setup();
    window.close();
    await expect(call('appliances:list', fromWindow)).rejects.toBeInstanceOf(ForeignSenderError);
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
});

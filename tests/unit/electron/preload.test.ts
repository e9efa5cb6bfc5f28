import { contextBridge, ipcMain, ipcRenderer, resetElectronMock, takeFaults } from './electron-mock.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { REQUEST_CHANNELS } from '../../../src-main/common/ipc-channels.js';
import type { BackwatchApi } from '../../../src-main/common/ipc-contract.js';

vi.mock('electron', () => import('./electron-mock.js'));

describe('preload', () => {
  let api: BackwatchApi;
  beforeAll(async () => {
    resetElectronMock();
    await import('../../../src-main/preload/preload.js');
    api = contextBridge.exposed.get('backwatch') as BackwatchApi;
  });

  it('exposes exactly the contract as window.backwatch', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(Object.keys(api).sort()).toEqual([...REQUEST_CHANNELS, 'on'].sort());
  });

  it('invokes the matching channel with the argument', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce(['answer'] as never);
    await expect(api['sessions:list']({ limit: 5 })).resolves.toEqual(['answer']);
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('sessions:list', { limit: 5 });
  });

  it('passes on a handler error as Electron does: a plain Error with its message', async () => {
    ipcMain.handle('appliances:list', () => {
      throw new TypeError('the list is gone');
    });
    await expect(api['appliances:list']()).rejects.toThrow("Error invoking remote method 'appliances:list': TypeError: the list is gone");
  });

  it('refuses an argument Electron cannot clone', async () => {
    await expect(api['sessions:list']({ limit: 5, filter: () => true } as never)).rejects.toThrow('An object could not be cloned.');
    expect(takeFaults()).toEqual([expect.stringMatching(/^ipcRenderer\.invoke\('sessions:list'\) arguments cannot cross Electron's IPC/)]);
  });

  it('hands listeners the payload only, and unsubscribes', () => {
    const listener = vi.fn();
    const off = api.on('status:changed', listener);
    ipcRenderer.emit('status:changed', { sender: 'secret' }, { overall: 'ok' });
    expect(listener).toHaveBeenCalledWith({ overall: 'ok' });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    ipcRenderer.emit('status:changed', {}, { overall: 'failed' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(ipcRenderer.listenerCount('status:changed')).toBe(0);
  });

  it('refuses channels the contract does not list', () => {
    expect(() => (api.on as (e: string, l: () => void) => void)('app:evil', () => {})).toThrow(/Unknown event channel/);
    expect(ipcRenderer.listenerCount('app:evil')).toBe(0);
  });
});

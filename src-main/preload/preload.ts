/**
 * The preload: contextBridge only. Exposes the IPC contract as `window.backwatch` over
 * `ipcRenderer`, and refuses any channel the contract does not list. No logic lives here.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBackwatchApi, isEventChannel, isRequestChannel, type ClientTransport } from '../common/ipc-channels.js';

const transport: ClientTransport = {
  invoke(channel, arg) {
    if (!isRequestChannel(channel)) return Promise.reject(new Error(`Unknown request channel: ${String(channel)}`));
    return ipcRenderer.invoke(channel, arg);
  },
  subscribe(event, listener) {
    if (!isEventChannel(event)) throw new Error(`Unknown event channel: ${String(event)}`);
    // The page never sees the IpcRendererEvent (it would expose `sender`), only the payload.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('backwatch', createBackwatchApi(transport));

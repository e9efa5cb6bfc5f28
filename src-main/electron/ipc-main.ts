/**
 * The Electron side of the typed IPC contract, and the ONLY file that touches `ipcMain`.
 * Every request channel gets one `ipcMain.handle`; a request is answered only when it comes from
 * our window's main frame showing our own page. The services validate its argument.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { REQUEST_CHANNELS, type ServerTransport } from '../common/ipc-channels.js';

export interface ElectronTransportOptions {
  /** Whether a URL is the app's own page (the sender frame must show it). */
  readonly isAppUrl: (url: string) => boolean;
}

/** Thrown (and sent back to the caller) for a request from anything but our window. */
export class ForeignSenderError extends Error {
  override readonly name = 'ForeignSenderError';
}

/**
 * Whether an IPC event comes from `window`'s main frame showing the app's page: not another
 * window, not an iframe, not a page the window was somehow navigated to.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null, isAppUrl: (url: string) => boolean): boolean {
  if (!window || window.isDestroyed()) return false;
  if (BrowserWindow.fromWebContents(event.sender) !== window) return false;
  const frame = event.senderFrame;
  const main = window.webContents.mainFrame;
  if (!frame || frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppUrl(frame.url);
}

/** A `ServerTransport` over Electron IPC, answering only the window `getWindow()` returns. */
export function createElectronServerTransport(getWindow: () => BrowserWindow | null, options: ElectronTransportOptions): ServerTransport {
  return {
    serve(handler) {
      for (const channel of REQUEST_CHANNELS) {
        ipcMain.handle(channel, (event, arg: unknown) => {
          if (!isTrustedSender(event, getWindow(), options.isAppUrl)) {
            throw new ForeignSenderError(`Refused ${channel}: the request did not come from the Backwatch window.`);
          }
          return handler(channel, arg);
        });
      }
    },
    emit(event, payload) {
      const window = getWindow();
      if (window && !window.isDestroyed()) window.webContents.send(event, payload);
    },
    close() {
      for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
    },
  };
}

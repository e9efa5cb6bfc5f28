/**
 * Browser mode (the harness and `npm start` without Electron): no preload, so `window.backwatch`
 * is built here over a WebSocket. The per-run token comes in the page URL (`?token=`) and is kept
 * in sessionStorage so a reload of the same tab still connects.
 */
import { createBackwatchApi } from '../../src-main/common/ipc-channels.js';
import type { BackwatchApi } from '../../src-main/common/ipc-contract.js';
import type { Notice } from '../../src-main/common/notification-policy.js';
import type { OverallStatus } from '../../src-main/common/snapshot.js';
import { OVERALL_LABELS } from '../../src-main/common/format.js';
import { AUTH_PATH } from '../../src-main/common/ws-protocol.js';
import { glyphDataUrl } from './status-glyph.js';
import { createWsClientTransport, type WsClientTransport } from './ws-client-transport.js';

const TOKEN_KEY = 'backwatch.token';

export interface BrowserConnection {
  readonly api: BackwatchApi;
  readonly transport: WsClientTransport;
}

/** The token from `?token=`, else the one this tab used before; null when there is none. */
export function readToken(search: string, storage: Pick<Storage, 'getItem' | 'setItem'>): string | null {
  const fromUrl = new URLSearchParams(search).get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

export function ipcUrl(host: string, token: string): string {
  return `ws://${host}/ipc?token=${encodeURIComponent(token)}`;
}

/** What a tab opened without the token shows (the bare address, or a bookmark of it). */
export const NO_TOKEN_MESSAGE = 'Open the address Backwatch printed when it started: it carries this run’s access token.';

/** Connects to the browser-mode server; null when this tab has no token to connect with. */
export function connectBrowserMode(location: Location, storage: Storage): BrowserConnection | null {
  const token = readToken(location.search, storage);
  if (!token) return null;
  const isRefused = async () => (await fetch(`${AUTH_PATH}?token=${encodeURIComponent(token)}`, { cache: 'no-store' })).status === 403;
  const transport = createWsClientTransport(ipcUrl(location.host, token), { isRefused });
  return { api: withWebUiInTab(createBackwatchApi(transport)), transport };
}

/**
 * In browser mode "open the appliance's web UI" opens a tab (the server has no browser to open).
 * The tab is opened at the click, before the address is known, or the browser would block it.
 */
function withWebUiInTab(api: BackwatchApi): BackwatchApi {
  return {
    ...api,
    'app:open-appliance': async (applianceId) => {
      const tab = window.open('about:blank', '_blank');
      const appliance = (await api['appliances:list']()).find((a) => a.id === applianceId);
      if (!tab) return;
      tab.opener = null;
      if (appliance) tab.location.href = appliance.baseUrl;
      else tab.close();
    },
  };
}

/** Tab title in browser mode: the tray's words, with the failure count when there is one. */
export function browserTitle(overall: OverallStatus, failedJobs: number): string {
  const count = overall === 'failed' && failedJobs > 0 ? ` (${failedJobs})` : '';
  return `${OVERALL_LABELS[overall]}${count} · Backwatch`;
}

/** Shows the overall status in the tab (title and favicon), as the tray would. */
export function showStatusInTab(doc: Document, overall: OverallStatus, failedJobs: number): void {
  doc.title = browserTitle(overall, failedJobs);
  let link = doc.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = doc.createElement('link');
    link.rel = 'icon';
    doc.head.append(link);
  }
  link.type = 'image/svg+xml';
  // The favicon is a separate document: it gets the theme's colours, not the custom properties.
  const style = getComputedStyle(doc.documentElement);
  link.href = glyphDataUrl(overall, (token) => style.getPropertyValue(token).trim());
}

/** Raises a browser notification for a notice, when the user allowed it; a click follows its target. */
export function raiseNotice(notice: Notice, onClick: (notice: Notice) => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const shown = new Notification(notice.title, { body: notice.body, tag: notice.keys[0] ?? notice.title });
  shown.onclick = () => {
    window.focus();
    onClick(notice);
  };
}

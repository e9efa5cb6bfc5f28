/**
 * Debian's Chromium cannot register a standard scheme the way Electron does, so the stand-in
 * carries the window's `app://backwatch` origin over a routed loopback-named HTTP origin that
 * never reaches the network: every request is answered by the shell's own app:// handler, and
 * every URL the shell sees is translated back. Both names are secure contexts.
 */
import { APP_ORIGIN } from '../../src-main/electron/app-protocol.js';

export const WIRE_ORIGIN = 'http://backwatch.localhost';

/** The URL Chromium loads for an app:// URL (others pass unchanged). */
export function toWireUrl(url: string): string {
  return url.startsWith(`${APP_ORIGIN}/`) ? WIRE_ORIGIN + url.slice(APP_ORIGIN.length) : url;
}

/** The URL the shell sees for one Chromium shows (others pass unchanged). */
export function toAppUrl(url: string): string {
  return url.startsWith(`${WIRE_ORIGIN}/`) ? APP_ORIGIN + url.slice(WIRE_ORIGIN.length) : url;
}

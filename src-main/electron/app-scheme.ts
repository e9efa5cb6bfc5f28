/**
 * Hands the app:// protocol (app-protocol.ts) to Electron: the scheme's privileges before the
 * app is ready, its handler on the default session once it is.
 */
import { protocol } from 'electron';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, readAppResponse } from './app-protocol.js';

/** Must run before `app` is ready: Electron fixes the privileged schemes at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** Serves app:// from `rendererRoot` (dist/renderer, inside app.asar when packaged). */
export function serveAppScheme(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await readAppResponse(request.method, request.url, rendererRoot);
    return new Response(answer.body as BodyInit | null, { status: answer.status, headers: answer.headers });
  });
}

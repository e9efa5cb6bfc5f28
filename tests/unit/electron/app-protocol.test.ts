import { protocol, resetElectronMock } from './electron-mock.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/common/csp.js';
import { APP_ORIGIN, APP_PAGE_URL, readAppResponse, resolveAppRequest } from '../../../src-main/electron/app-protocol.js';
import { registerAppScheme, serveAppScheme } from '../../../src-main/electron/app-scheme.js';

vi.mock('electron', () => import('./electron-mock.js'));

/** A renderer build in miniature, beside a file it must never serve. */
function rendererRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'backwatch-app-protocol-'));
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Backwatch</title>');
  writeFileSync(join(root, 'assets', 'index-1.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not for the page');
  return root;
}

describe('the app:// mapping', () => {
  const root = '/opt/backwatch/dist/renderer';

  it('maps the page and its assets to files under the renderer root, whatever the query or hash', () => {
    expect(APP_PAGE_URL).toBe('app://backwatch/index.html');
    expect(resolveAppRequest(APP_PAGE_URL, root)).toBe(join(root, 'index.html'));
    expect(resolveAppRequest(`${APP_PAGE_URL}?x=1#/sessions`, root)).toBe(join(root, 'index.html'));
    expect(resolveAppRequest(`${APP_ORIGIN}/assets/index-1.js`, root)).toBe(join(root, 'assets', 'index-1.js'));
    expect(resolveAppRequest(`${APP_ORIGIN}/assets/a%20b.css`, root)).toBe(join(root, 'assets', 'a b.css'));
    // Literal dot segments are resolved by URL parsing, as the browser does: they stay at the root.
    expect(resolveAppRequest(`${APP_ORIGIN}/../../secret.txt`, root)).toBe(join(root, 'secret.txt'));
    expect(resolveAppRequest(`${APP_ORIGIN}/%2e%2e/secret.txt`, root)).toBe(join(root, 'secret.txt'));
  });

  it('refuses traversal, plain or encoded, other hosts and schemes, credentials and the bare origin', () => {
    for (const url of [
      'app://backwatch/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://backwatch/..%5c..%5csecret.txt',
      'app://backwatch/%E0%A4%A',
      'app://backwatch/index.html%00.png',
      'app://backwatch/',
      'app://backwatch',
      'app://other/index.html',
      'app://backwatch:8080/index.html',
      'app://user:pw@backwatch/index.html',
      'file:///opt/backwatch/dist/renderer/index.html',
      'https://backwatch/index.html',
      'not a url',
    ]) {
      expect(resolveAppRequest(url, root), url).toBeNull();
    }
  });

  it('answers a file with its type and the CSP as a header, and 404s anything else', async () => {
    const dir = rendererRoot();
    const page = await readAppResponse('GET', APP_PAGE_URL, dir);
    expect(page.status).toBe(200);
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    });
    expect(new TextDecoder().decode(page.body!)).toContain('<title>Backwatch</title>');
    expect((await readAppResponse('GET', `${APP_ORIGIN}/assets/index-1.js`, dir)).headers['content-type']).toMatch(/^text\/javascript/);
    expect((await readAppResponse('HEAD', APP_PAGE_URL, dir)).body).toBeNull();
    expect((await readAppResponse('GET', `${APP_ORIGIN}/assets`, dir)).status).toBe(404);
    expect((await readAppResponse('GET', `${APP_ORIGIN}/missing.js`, dir)).status).toBe(404);
    const escape = await readAppResponse('GET', `${APP_ORIGIN}/assets/..%2f..%2fsecret.txt`, dir);
    expect([escape.status, new TextDecoder().decode(escape.body!)]).toEqual([404, 'Not found']);
    expect((await readAppResponse('POST', APP_PAGE_URL, dir)).status).toBe(405);
  });
});

describe('the app:// scheme in Electron', () => {
  beforeEach(resetElectronMock);

  it('is privileged as a standard, secure scheme with fetch, never bypassing the CSP', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves the renderer root through Electron’s protocol handler', async () => {
    const dir = rendererRoot();
    serveAppScheme(dir);
    const handler = protocol.handlers.get('app')!;
    const page = await handler(new Request(APP_PAGE_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Backwatch</title>');
    const escape = await handler(new Request('app://backwatch/assets/%2e%2e%2f%2e%2e%2fsecret.txt'));
    expect(escape.status).toBe(404);
  });
});

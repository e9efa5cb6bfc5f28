/**
 * How the browser suites and the renderer benchmark start Debian's Chromium (Playwright's own
 * browsers are never downloaded here). Without the background-networking switches Chromium keeps
 * dialling hosts this closed network refuses.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

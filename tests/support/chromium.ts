/**
 * How the browser suites and the renderer benchmark start Debian's Chromium (Playwright's own
 * browsers are never downloaded here). Without the background-networking switches Chromium keeps
 * dialling hosts this closed network refuses.
 */
export const CHROMIUM_LAUNCH = {
  // The platform CI (Windows, macOS, Ubuntu) names the Chromium it installed.
  executablePath: process.env.BACKWATCH_CHROMIUM || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

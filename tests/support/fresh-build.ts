/**
 * `npm test` builds what ships (main, preload, the CLI and the renderer, into dist/) once before its
 * suites and says so here: each suite then runs that build instead of making its own. A suite run
 * alone builds for itself.
 */
export const FRESH_BUILD_VARIABLE = 'BACKWATCH_FRESH_BUILD';

/** True when dist/ holds a build of this checkout made for this test run. */
export const hasFreshBuild = (): boolean => process.env[FRESH_BUILD_VARIABLE] === '1';

// The fault soak (`npm run soak`, and its own step of `npm test`): real time, so apart from the
// default `vitest run`. Its files run one after the other: each counts what it achieved in its
// time, which a second soak beside it would take from it.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: { ...base.test, name: 'soak', include: ['tests/soak/**/*.test.ts'], projects: undefined, maxWorkers: 1 },
});

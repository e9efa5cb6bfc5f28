/**
 * The unit files share their worker's process (their modules load once per worker, not once per
 * file): whatever a file sets in the environment, its time zone (TZ) included, goes back as it
 * was when the file ends, so the next file starts from the same environment.
 */
import { afterAll } from 'vitest';

const before = { ...process.env };

afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in before)) delete process.env[name];
  Object.assign(process.env, before);
});

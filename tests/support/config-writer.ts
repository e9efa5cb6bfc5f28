/**
 * A second Backwatch process for the shared-configuration test: `node --import tsx config-writer.ts
 * DIR NAME COUNT fresh|long` saves COUNT changes to DIR's config.json through the real store.
 * `fresh` opens the store anew for every change (as one CLI run after another does); `long` keeps
 * one store open and watching (as the app does). It prints "ready" and starts once the file `go`
 * appears in DIR, so that every writer runs at the same time. What each step changes is `writerStep` below, so the
 * test knows what must be in the file afterwards.
 */
import { type ConfigStore } from '../../src-main/core/config/config-store.js';
import { openConfigFile } from '../../src-main/core/config/conf-config-file.js';
import type { Appliance } from '../../src-main/common/model.js';
import type { ConfigData } from '../../src-main/common/settings.js';
import { runWriter } from './writer-process.js';

export const applianceFor = (id: string): Appliance => ({
  id,
  name: `Appliance ${id}`,
  vendor: 'spp',
  baseUrl: `https://${id}.example.test`,
  username: 'admin',
  credential: { kind: 'keychain' },
  options: {},
  enabled: true,
});

/** Step `i` of writer `name`: adds appliance `name-i`, removes `name-(i-1)` every third step, mutes a job. */
export function writerStep(name: string, i: number): (data: ConfigData) => ConfigData {
  return (data) => {
    const removed = i % 3 === 2 ? `${name}-${i - 1}` : null;
    const appliances = [...data.appliances.filter((a) => a.id !== removed), applianceFor(`${name}-${i}`)];
    const mutedJobs = { ...data.settings.mutedJobs, [`${name}/job-${i}`]: { until: null } };
    return { ...data, appliances, settings: { ...data.settings, mutedJobs, pollIntervalSec: 30 + i } };
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runWriter(openConfigFile, (store: ConfigStore, name, i) => store.update(writerStep(name, i)));
}

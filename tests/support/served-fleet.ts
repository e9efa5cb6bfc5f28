/**
 * `backwatch serve` in this process over real SPP simulators: each simulator an appliance with its
 * certificate pinned and its password in a memory keychain, the whole app core behind the server.
 */
import { request } from 'node:http';
import type { Appliance } from '../../src-main/common/model.js';
import type { Settings } from '../../src-main/common/settings.js';
import type { AppCore } from '../../src-main/core/app/app-core.js';
import { startSppSimulator, type SppSimulator } from '../../src-main/demo/spp/spp-simulator.js';
import { createJsonLogger } from '../../src-main/serve/json-log.js';
import { startServe, type ServeHandle, type ServeOptions } from '../../src-main/serve/serve.js';
import { throwawayCore } from './throwaway-core.js';

export interface ServedFleet {
  readonly sims: readonly SppSimulator[];
  readonly appliances: readonly Appliance[];
  readonly core: AppCore;
  readonly server: ServeHandle;
  /** Every JSON log line the server wrote. */
  readonly logLines: string[];
  close(): Promise<void>;
}

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/** A plain HTTP request to the server, with headers a browser would not let a page set (Host). */
export function httpGet(url: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function applianceOf(sim: SppSimulator, index: number): Appliance {
  return {
    id: `spp-${index + 1}`,
    name: `SPP ${index + 1}`,
    vendor: 'spp',
    baseUrl: sim.url,
    username: sim.credentials.username,
    credential: { kind: 'keychain' },
    certificate: { fingerprint256: sim.server.fingerprint256, pem: sim.server.pem },
    options: {},
    enabled: true,
  };
}

export async function startServedFleet(
  count: number,
  options: { settings?: Partial<Settings>; serve?: Partial<Omit<ServeOptions, 'core' | 'log'>> } = {},
): Promise<ServedFleet> {
  const sims = await Promise.all(Array.from({ length: count }, (_, i) => startSppSimulator({ historySize: 20, seed: 11 + i })));
  const appliances = sims.map(applianceOf);
  const logLines: string[] = [];
  const log = createJsonLogger({ write: (line) => logLines.push(line), now: Date.now });
  const { core, close } = await throwawayCore({
    appliances,
    passwords: Object.fromEntries(appliances.map((a, i) => [a.id, sims[i]!.credentials.password])),
    ...(options.settings ? { settings: options.settings } : {}),
    log,
  });
  const server = await startServe({ core, listen: { host: '127.0.0.1', port: 0 }, log, ...options.serve });
  return {
    sims,
    appliances,
    core,
    server,
    logLines,
    async close() {
      await server.close();
      await close();
      await Promise.all(sims.map((s) => s.close()));
    },
  };
}

/**
 * Which vendor answers at an address: every vendor's probe against every vendor's simulator (and the
 * API variants that answer differently), and the connection test's one line when the vendor is wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Appliance, type Vendor } from '../../src-main/common/model.js';
import { VENDORS, vendorLabel } from '../../src-main/common/vendors/index.js';
import { testConnection } from '../../src-main/core/appliance-check.js';
import { CONNECTOR_DESCRIPTORS } from '../../src-main/core/connectors/registry.js';
import { createHttpClient } from '../../src-main/core/http/http-client.js';
import { silentLogger } from '../../src-main/core/logger.js';
import { createMemorySecretStore } from '../../src-main/core/secrets/secret-store.js';
import { DEMO_VENDOR_LIST } from '../../src-main/demo/demo-registry.js';
import { pinOf, type DemoSimulator } from '../../src-main/demo/demo-vendor.js';
import type { HttpsSimulator } from '../../src-main/demo/sim/https-simulator.js';
import { startVb365Simulator } from '../../src-main/demo/vb365/vb365-simulator.js';
import { startVbrSimulator } from '../../src-main/demo/vbr/vbr-simulator.js';
import { startVcsaSimulator } from '../../src-main/demo/vcsa/vcsa-simulator.js';

interface Target {
  readonly name: string;
  readonly vendor: Vendor;
  readonly url: string;
  readonly server: HttpsSimulator;
  close(): Promise<void>;
}

const demos: DemoSimulator[] = [];
const targets: Target[] = [];

beforeAll(async () => {
  const options = { seed: 3, historySize: 20, tempo: 1 };
  demos.push(...(await Promise.all(DEMO_VENDOR_LIST.map((demo) => demo.start(options)))));
  for (const sim of demos) targets.push({ name: sim.appliance.vendor, vendor: sim.appliance.vendor, url: sim.appliance.baseUrl, ...sim });
  // API variants that answer a login differently from the default simulators.
  const variants = [
    ['vb365 v5', 'vb365', await startVb365Simulator({ apiVersion: 'v5', historySize: 5 })],
    ['vcsa /rest only', 'vcsa', await startVcsaSimulator({ apiStyle: 'rest', historySize: 5 })],
    ['vbr 1.1-rev0', 'vbr', await startVbrSimulator({ revisions: ['1.0-rev1', '1.0-rev2', '1.1-rev0'], historySize: 5 })],
  ] as const;
  for (const [name, vendor, sim] of variants) targets.push({ name, vendor, url: sim.url, server: sim.server, close: () => sim.close() });
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(targets.map((t) => t.close()));
});

describe('vendor probes', () => {
  it('cover every vendor, and the demo fleet simulates each', () => {
    expect(CONNECTOR_DESCRIPTORS.map((d) => d.info.key)).toEqual([...VENDORS]);
    expect(demos.map((d) => d.appliance.vendor)).toEqual([...VENDORS]);
  });

  it('recognise each simulator as its own vendor and no other', async () => {
    const seen: Record<string, Vendor[]> = {};
    const expected: Record<string, Vendor[]> = {};
    for (const target of targets) {
      const http = createHttpClient({ baseUrl: target.url, pin: pinOf(target.server), log: silentLogger });
      try {
        seen[target.name] = [];
        for (const descriptor of CONNECTOR_DESCRIPTORS) if (await descriptor.probe(http)) seen[target.name]!.push(descriptor.info.key);
      } finally {
        await http.close();
      }
      expected[target.name] = [target.vendor];
    }
    expect(seen).toEqual(expected);
  });
});

describe('the connection test with the wrong vendor', () => {
  const appliance = (vendor: Vendor, target: Target, username = 'admin'): Appliance => ({
    id: 'a1',
    name: 'Backup server',
    vendor,
    baseUrl: target.url,
    username,
    credential: { kind: 'keychain' },
    certificate: pinOf(target.server),
    options: {},
    enabled: true,
  });
  const deps = (password: string) => ({ secrets: createMemorySecretStore(), env: {}, log: silentLogger, now: Date.now, password });

  it('says which vendor answers, in one line, and suggests it', async () => {
    for (const target of targets.slice(0, VENDORS.length)) {
      for (const configured of VENDORS.filter((v) => v !== target.vendor)) {
        const result = await testConnection(appliance(configured, target), deps('not-the-password'));
        expect(result).toEqual({
          ok: false,
          reason: 'error',
          message: `This address answers like ${vendorLabel(target.vendor)}, not ${vendorLabel(configured)}.`,
          suggestedVendor: target.vendor,
        });
      }
    }
  }, 60_000);

  it('keeps the vendor’s own refusal when the vendor is right and the password wrong', async () => {
    for (const target of targets.slice(0, VENDORS.length)) {
      const result = await testConnection(appliance(target.vendor, target), deps('not-the-password'));
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.reason).toBe('auth_failed');
      expect(result.suggestedVendor).toBeUndefined();
      expect(result.message).not.toMatch(/answers like/);
    }
  });

  it('reports an address that does not answer as unreachable, not as another vendor', async () => {
    const gone = { ...targets[0]!, url: 'https://127.0.0.1:1' };
    const result = await testConnection(
      appliance(
        VENDORS.find((v) => v !== gone.vendor)!,
        gone,
      ),
      deps('x'),
    );
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
  });
});

import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_VERSION } from '../../../src-main/common/settings.js';
import { parseConfig } from '../../../src-main/core/config/config-parse.js';

const entry = (name: string, vendor: string, options: object) => ({
  id: name.toLowerCase().replace(/\W+/g, '-'),
  name,
  vendor,
  baseUrl: 'https://backup.example.test',
  username: 'admin',
  credential: { kind: 'keychain' },
  options,
});

describe('appliance options in the configuration file', () => {
  it('keeps each vendor’s options in its own form and sets aside the others, with why', () => {
    const parsed = parseConfig({
      schemaVersion: CONFIG_SCHEMA_VERSION,
      appliances: [
        entry('B and R', 'vbr', { apiVersion: '1.1-rev0', pollIntervalSec: 30 }),
        entry('M365', 'vb365', { apiVersion: 'v6' }),
        entry('vCenter', 'vcsa', { apiStyle: 'rest' }),
        entry('Old vCenter', 'vcsa', { apiStyle: 'soap' }),
        entry('SPP', 'spp', { apiVersion: 'v8' }),
        entry('M365 with a revision', 'vb365', { apiVersion: '1.1-rev0' }),
      ],
    });
    expect(parsed.data.appliances.map((a) => [a.name, a.options])).toEqual([
      ['B and R', { apiVersion: '1.1-rev0', pollIntervalSec: 30 }],
      ['M365', { apiVersion: 'v6' }],
      ['vCenter', { apiStyle: 'rest' }],
    ]);
    expect(parsed.rejected.map((r) => [r.name, r.reason])).toEqual([
      ['Old vCenter', 'Its options.apiStyle is invalid: API style is api or rest.'],
      ['SPP', 'Its options.apiVersion is invalid: IBM Spectrum Protect Plus takes no apiVersion option.'],
      ['M365 with a revision', 'Its options.apiVersion is invalid: API version looks like v8.'],
    ]);
  });
});

/** For every request channel: arguments its schema must accept and arguments it must refuse. */
import type { IpcRequestChannel } from '../../../src-main/common/ipc-contract.js';
import { DEFAULT_SETTINGS } from '../../../src-main/common/settings.js';

export const FP = 'ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89';
export const draft = { name: 'SPP prod', vendor: 'spp', baseUrl: 'https://spp.example.test', username: 'admin', password: 'pw' };
const flag = { applianceId: 'a1', jobId: 'j1', on: true, until: '2024-03-01T12:00:00.000Z' };
export const long = (n: number) => 'x'.repeat(n);

export const REQUEST_ARG_CASES = {
  'appliances:list': { good: [undefined, null], bad: [{}, 'x'] },
  'appliances:add': {
    good: [
      draft,
      {
        ...draft,
        password: undefined,
        credential: { kind: 'env', variable: 'SPP_PW' },
        trustedFingerprint: FP,
      },
      // Each vendor's options in its own form.
      { ...draft, vendor: 'vb365', options: { apiVersion: 'v8' } },
      { ...draft, vendor: 'vbr', options: { apiVersion: '1.1-rev0' } },
      { ...draft, vendor: 'vcsa', options: { apiStyle: 'rest', pollIntervalSec: 60 } },
    ],
    bad: [
      { ...draft, vendor: 'netbackup' },
      { ...draft, options: { apiVersion: 'v8' } },
      { ...draft, vendor: 'vb365', options: { apiVersion: '1.1-rev0' } },
      { ...draft, vendor: 'vbr', options: { apiVersion: 'v8' } },
      { ...draft, vendor: 'vcsa', options: { apiStyle: 'soap' } },
      { ...draft, vendor: 'vcsa', options: { apiVersion: 'v8' } },
      { ...draft, baseUrl: 'http://spp.example.test' },
      { ...draft, baseUrl: 'https://user:pw@spp.example.test' },
      { ...draft, baseUrl: 'not a url' },
      { ...draft, name: '   ' },
      { ...draft, name: long(101) },
      { ...draft, password: long(1025) },
      { ...draft, credential: { kind: 'env', variable: 'BAD-NAME' } },
      { ...draft, trustedFingerprint: 'abc' },
      { ...draft, extra: 1 },
      null,
    ],
  },
  'appliances:update': {
    good: [{ id: 'a1', draft }],
    bad: [{ id: 'a 1', draft }, { id: 'a1' }, { id: 'a1', draft: { ...draft, vendor: 'x' } }],
  },
  'appliances:remove': { good: ['a1', 'Zx_9-'], bad: ['', long(65), 'a/b', 7, undefined] },
  'appliances:discard-set-aside': { good: ['Broken', long(101)], bad: ['', long(2001), 7] },
  'appliances:test': { good: [{ id: 'a1' }, { draft }, { draft, id: 'a1' }], bad: [{}, { id: 3 }, { draft: {} }, { id: 'a1', other: 1 }] },
  'appliances:probe-certificate': {
    good: ['https://vbo.example.test:4443'],
    bad: ['http://vbo.example.test', 'ftp://x', `https://${long(2050)}.test`, 42],
  },
  'appliances:trust-certificate': {
    good: [{ id: 'a1', fingerprint256: FP.replace(/:/g, '') }],
    bad: [{ id: 'a1', fingerprint256: 'zz' }, { id: 'a1' }],
  },
  'appliances:refresh': { good: [undefined], bad: ['now'] },
  'sessions:list': {
    good: [
      {},
      { applianceId: 'a1', statuses: ['failed', 'warning'], jobId: 'j1', text: 'nightly', since: '2024-03-01T00:00:00Z', limit: 50 },
    ],
    bad: [{ statuses: ['exploded'] }, { limit: 0 }, { limit: 1.5 }, { since: 'yesterday' }, { text: long(201) }, { unknown: true }],
  },
  'jobs:list': {
    good: [{}, { applianceId: 'a1', protection: ['at_risk', 'protected'] }],
    bad: [{ protection: ['doomed'] }, { applianceId: 'a 1' }, { other: 1 }],
  },
  'jobs:set-rpo': {
    good: [
      { applianceId: 'a1', jobId: 'j1', rpoSec: 12 * 3600 },
      { applianceId: 'a1', jobId: 'j1', rpoSec: null },
      { applianceId: 'a1', jobId: 'j1', rpoSec: 'default' },
    ],
    bad: [
      { applianceId: 'a1', jobId: 'j1', rpoSec: 10 },
      { applianceId: 'a1', jobId: 'j1', rpoSec: '12h' },
      { applianceId: 'a1', jobId: 'j1' },
    ],
  },
  'sessions:get': { good: [{ applianceId: 'a1', sessionId: '1712' }], bad: [{ applianceId: 'a1' }, { applianceId: 'a1', sessionId: '' }] },
  'sessions:log': {
    good: [{ applianceId: 'a1', sessionId: 's', page: 0 }],
    bad: [
      { applianceId: 'a1', sessionId: 's', page: -1 },
      { applianceId: 'a1', sessionId: 's' },
    ],
  },
  'status:snapshot': { good: [undefined], bad: [1] },
  'reports:job-band': {
    good: [{ applianceId: 'a1', jobId: 'j1', days: 30 }],
    bad: [
      undefined,
      { applianceId: 'a1', jobId: '', days: 30 },
      { applianceId: 'a1', jobId: 'j1', days: 0 },
      { applianceId: 'a1', jobId: 'j1' },
    ],
  },
  'reports:compliance': {
    good: [{ period: { lastDays: 30 } }, { period: { from: '2026-11-01', to: '2026-11-30' }, applianceId: 'a1' }],
    bad: [
      undefined,
      { period: { lastDays: 0 } },
      { period: { lastDays: 1.5 } },
      { period: { from: '2026-11-01' } },
      { period: { lastDays: 7 }, extra: 1 },
    ],
  },
  'reports:export': {
    good: [{ period: { lastDays: 365 }, format: 'html' }],
    bad: [{ period: { lastDays: 7 } }, { period: { lastDays: 7 }, format: 'pdf' }],
  },
  'reports:save-pdf': {
    good: [
      { period: { from: '2026-11-01', to: '2026-11-30' }, pageSize: 'A4' },
      { period: { lastDays: 30 }, applianceId: 'a1', pageSize: 'Letter' },
    ],
    bad: [
      { period: { lastDays: 30 }, pageSize: 'A3' },
      { period: { lastDays: 30 } },
      { pageSize: 'A4' },
      { period: { lastDays: 30 }, pageSize: 'A4', fileName: '../../etc/r.pdf' },
    ],
  },
  'notifications:pause': { good: [{ until: null }, { until: '2024-03-01T13:00:00.000+01:00' }], bad: [{}, { until: 'tomorrow' }] },
  'notifications:mute': {
    good: [flag, { applianceId: 'a1', jobId: 'j1', on: false }],
    bad: [
      { ...flag, on: 'yes' },
      { ...flag, jobId: long(301) },
    ],
  },
  'notifications:acknowledge': { good: [{ ...flag, until: null }], bad: [{ ...flag, applianceId: '' }] },
  'settings:get': { good: [undefined], bad: [{ x: 1 }] },
  'settings:update': {
    good: [
      {},
      { pollIntervalSec: 120 },
      { quietHours: { enabled: true, start: '23:30', end: '06:00' }, startAtLogin: true },
      { automaticUpdates: false },
    ],
    bad: [
      { automaticUpdates: 'no' },
      { pollIntervalSec: 1 },
      { quietHours: { enabled: true, start: '25:00', end: '06:00' } },
      { notifications: { failure: true } },
      { theme: 'dark' },
    ],
  },
  'source:add-server': {
    good: [
      { url: 'https://backwatch.example.org:9847', token: 'bw_x' },
      { url: 'https://h.test', token: 't', trustedFingerprint: 'ab'.repeat(32) },
    ],
    bad: [
      { url: 'http://backwatch.example.org', token: 'bw_x' },
      { url: 'https://h.test', token: ' ' },
      { url: 'https://h.test', token: 't', trustedFingerprint: 'abc' },
      { url: 'https://h.test', token: 't', extra: 1 },
    ],
  },
  'source:remove-server': { good: [undefined], bad: [{ url: 'https://h.test' }] },
  'objects:list': {
    good: [{}, { applianceId: 'a1', states: ['unprotected', 'at_risk'], text: 'web', limit: 50 }],
    bad: [{ states: ['lost'] }, { limit: 0 }, { text: 'x'.repeat(201) }, { applianceId: '../a' }, { extra: 1 }, null],
  },
  'objects:exclude': {
    good: [
      { applianceId: null, match: { kind: 'name', pattern: 'test-*' } },
      { applianceId: 'a1', match: { kind: 'folder', folder: '/dc1/vm/lab' } },
      { applianceId: null, match: { kind: 'tag', tag: 'no-backup' } },
      { applianceId: 'a1', match: { kind: 'object', key: 'vm:uuid/vm-12' } },
    ],
    bad: [
      { applianceId: null, match: { kind: 'name', pattern: '' } },
      { applianceId: null, match: { kind: 'colour', colour: 'red' } },
      { match: { kind: 'tag', tag: 't' } },
      { applianceId: null, match: { kind: 'tag', tag: 't', extra: 1 } },
    ],
  },
  'objects:remove-exclusion': { good: ['rule-1'], bad: ['', 1, 'x'.repeat(301)] },
  'objects:set-rpo': {
    good: [
      { key: 'vm:uuid/vm-12', rpoSec: 12 * 3600 },
      { key: 'vm:uuid/vm-12', rpoSec: null },
      { key: 'vm:uuid/vm-12', rpoSec: 'default' },
    ],
    bad: [{ key: '', rpoSec: 3600 }, { key: 'k', rpoSec: 1 }, { key: 'k', rpoSec: 'never' }, { key: 'k' }],
  },
  'objects:acknowledge': {
    good: [
      { key: 'vm:uuid/vm-12', on: true },
      { key: 'a1/vm-4', on: false },
    ],
    bad: [{ key: '', on: true }, { key: 'k' }, { key: 'k', on: 'yes' }, { key: 'k', on: true, problem: 'unprotected' }],
  },
  'app:info': { good: [undefined], bad: ['v'] },
  'app:open-appliance': { good: ['a1'], bad: ['https://evil.example.test'] },
  'app:start-demo': { good: [null], bad: [true] },
  'app:leave-demo': { good: [null], bad: [true] },
  'app:restart-to-update': { good: [undefined, null], bad: [{ silent: true }] },
  'maintenance:list': { good: [undefined, null], bad: ['all'] },
  'maintenance:add': {
    good: [
      { label: 'Patching', scope: { kind: 'all' }, schedule: { kind: 'weekly', days: [6], start: '22:00', end: '04:00' } },
      {
        label: 'Firmware',
        scope: { kind: 'appliance', applianceId: 'a1' },
        schedule: { kind: 'once', fromMs: 1.8e12, toMs: 1.8e12 + 3.6e6 },
      },
      {
        label: 'Nightly',
        scope: { kind: 'job', applianceId: 'a1', jobId: 'j' },
        schedule: { kind: 'cron', expression: '0 1 * * *', durationMin: 60 },
      },
    ],
    bad: [
      { label: ' ', scope: { kind: 'all' }, schedule: { kind: 'weekly', days: [6], start: '22:00', end: '04:00' } },
      { label: 'x', scope: { kind: 'all' }, schedule: { kind: 'weekly', days: [], start: '22:00', end: '04:00' } },
      { label: 'x', scope: { kind: 'all' }, schedule: { kind: 'weekly', days: [7], start: '22:00', end: '04:00' } },
      { label: 'x', scope: { kind: 'all' }, schedule: { kind: 'once', fromMs: 1.8e12, toMs: 1.8e12 } },
      { label: 'x', scope: { kind: 'all' }, schedule: { kind: 'cron', expression: '0 0 1 * * *', durationMin: 60 } },
      { label: 'x', scope: { kind: 'all' }, schedule: { kind: 'cron', expression: '0 1 * * *', durationMin: 0 } },
      { label: 'x', scope: { kind: 'job', applianceId: 'a1' }, schedule: { kind: 'cron', expression: '0 1 * * *', durationMin: 60 } },
      { label: 'x', id: 'mine', scope: { kind: 'all' }, schedule: { kind: 'cron', expression: '0 1 * * *', durationMin: 60 } },
    ],
  },
  'maintenance:remove': { good: ['abc'], bad: ['', 'x'.repeat(65), 3] },
  'report-mail:get': { good: [undefined, null], bad: ['mail'] },
  'report-mail:save': {
    good: [
      { mail: DEFAULT_SETTINGS.reportMail },
      { mail: DEFAULT_SETTINGS.reportMail, password: 's3cret' },
      { mail: DEFAULT_SETTINGS.reportMail, password: null },
    ],
    bad: [
      { mail: { ...DEFAULT_SETTINGS.reportMail, schedule: '0 7 * *' } },
      { mail: { ...DEFAULT_SETTINGS.reportMail, to: ['not-an-address'] } },
      { mail: { ...DEFAULT_SETTINGS.reportMail, enabled: true } },
      { mail: DEFAULT_SETTINGS.reportMail, password: '' },
      { mail: { ...DEFAULT_SETTINGS.reportMail, smtpPassword: 'x' } },
    ],
  },
} satisfies Record<IpcRequestChannel, { good: unknown[]; bad: unknown[] }>;

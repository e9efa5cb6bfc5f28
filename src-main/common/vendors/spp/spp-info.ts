/** IBM Spectrum Protect Plus: what every process may know about it. */
import { formatCount } from '../../format.js';
import { defineVendorInfo } from '../vendor-info.js';
import { readSppDetails } from './spp-details.js';

export const sppInfo = defineVendorInfo({
  key: 'spp',
  label: 'IBM Spectrum Protect Plus',
  defaultPort: 443,
  options: [],
  // SPP's job types, as its REST API writes them.
  typeWords: { protection: 'Backup', catalog: 'Inventory', maintenance: 'Maintenance', script: 'Script' },
  detailSections: [
    {
      kind: 'table',
      title: 'Tasks',
      columns: ['Type', 'Total', 'Succeeded', 'Failed', 'Skipped'],
      rows: (d) =>
        (readSppDetails(d).taskStatistics ?? []).map((t) => [
          t.resourceType,
          ...[t.total, t.success, t.failed, t.skipped].map(formatCount),
        ]),
    },
  ],
});

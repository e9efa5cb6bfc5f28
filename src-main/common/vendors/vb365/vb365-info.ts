/** Veeam Backup for Microsoft 365: what every process may know about it. */
import { z } from 'zod';
import { countOf, formatBytes, formatCount, formatRate, NO_VALUE } from '../../format.js';
import { defineVendorInfo } from '../vendor-info.js';

export const vb365Info = defineVendorInfo({
  key: 'vb365',
  label: 'Veeam Backup for Microsoft 365',
  defaultPort: 4443,
  options: [
    {
      key: 'apiVersion',
      label: 'REST API version',
      flag: 'api-version',
      placeholder: 'vN',
      help: 'the REST API version to use (v5 to v8); unset, Backwatch asks the server',
      schema: z
        .string()
        .trim()
        .regex(/^v\d{1,2}$/, 'API version looks like v8'),
    },
  ],
  detailSections: [
    {
      kind: 'fields',
      title: 'Statistics',
      shown: (d) => d.statistics !== undefined,
      fields: [
        {
          label: 'Processing rate',
          value: (d) =>
            `${formatRate(d.statistics?.processingRateBytesPS ?? null)} · ${countOf(d.statistics?.processingRateItemsPS, 'items')}/s`,
        },
        {
          label: 'Read / write rate',
          value: (d) => `${formatRate(d.statistics?.readRateBytesPS ?? null)} / ${formatRate(d.statistics?.writeRateBytesPS ?? null)}`,
        },
        { label: 'Transferred', value: (d) => formatBytes(d.statistics?.transferredDataBytes ?? null) },
        { label: 'Processed objects', value: (d) => formatCount(d.statistics?.processedObjects) },
        { label: 'Bottleneck', value: (d) => d.statistics?.bottleneck ?? NO_VALUE },
        {
          label: 'Retries',
          value: (d) => (d.retryCount === undefined ? null : `${formatCount(d.retryCount)}${d.willBeRetried ? ' (will be retried)' : ''}`),
        },
      ],
    },
  ],
});

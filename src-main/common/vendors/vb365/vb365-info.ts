/** Veeam Backup for Microsoft 365: what every process may know about it. */
import { z } from 'zod';
import type { VendorDetails } from '../../model.js';
import { countOf, formatBytes, formatCount, formatRate, NO_VALUE } from '../../format.js';
import { defineVendorInfo } from '../vendor-info.js';
import { readVb365Details, type Vb365Details } from './vb365-details.js';

const stats = (details: VendorDetails) => readVb365Details(details).statistics;

/** The retry count and whether another try follows. */
function retries({ retryCount, willBeRetried }: Vb365Details): string {
  return `${formatCount(retryCount)}${willBeRetried ? ' (will be retried)' : ''}`;
}

/** "51 items (mails, files, list items)": what VB365 counts beside the objects of the session's progress. */
function itemsProcessed(count: number | null): string {
  return count === null ? NO_VALUE : `${countOf(count, 'items')} (mails, files, list items)`;
}

export const vb365Info = defineVendorInfo({
  key: 'vb365',
  label: 'Veeam Backup for Microsoft 365',
  defaultPort: 4443,
  // Its job types (`jobType`): a backup job, or a backup copy job.
  typeWords: { backup: 'Backup', copy: 'Backup copy', backupcopy: 'Backup copy' },
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
      shown: (d) => stats(d) !== undefined,
      fields: [
        {
          label: 'Processing rate',
          value: (d) => `${formatRate(stats(d)?.processingRateBytesPS ?? null)} · ${countOf(stats(d)?.processingRateItemsPS, 'items')}/s`,
        },
        {
          label: 'Read / write rate',
          value: (d) => `${formatRate(stats(d)?.readRateBytesPS ?? null)} / ${formatRate(stats(d)?.writeRateBytesPS ?? null)}`,
        },
        { label: 'Transferred', value: (d) => formatBytes(stats(d)?.transferredDataBytes ?? null) },
        // VB365's `processedObjects` counts items (mails, files, list items); its session's progress counts objects (mailboxes, sites).
        { label: 'Items processed', value: (d) => itemsProcessed(stats(d)?.processedObjects ?? null) },
        { label: 'Bottleneck', value: (d) => stats(d)?.bottleneck ?? NO_VALUE },
        {
          label: 'Retries',
          value: (d) => retries(readVb365Details(d)),
        },
      ],
    },
  ],
});

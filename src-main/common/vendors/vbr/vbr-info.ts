/** Veeam Backup & Replication: what every process may know about it. */
import { z } from 'zod';
import { defineVendorInfo } from '../vendor-info.js';
import { VBR_KINDS } from './vbr-kinds.js';

export const vbrInfo = defineVendorInfo({
  key: 'vbr',
  label: 'Veeam Backup & Replication',
  defaultPort: 9419,
  options: [
    {
      key: 'apiVersion',
      label: 'REST API revision (x-api-version)',
      flag: 'api-version',
      placeholder: '1.1-rev0',
      help: 'the REST API revision to send as x-api-version (1.0-rev2 to 1.3-rev1); unset, Backwatch negotiates it',
      schema: z
        .string()
        .trim()
        .regex(/^v?\d\.\d-rev\d$/i, 'API revision looks like 1.1-rev0'),
    },
  ],
  detailSections: [],
  kinds: Object.values(VBR_KINDS),
});

/** vCenter Server Appliance backup: what every process may know about it. */
import { z } from 'zod';
import { formatBytes, NO_VALUE } from '../../format.js';
import { defineVendorInfo } from '../vendor-info.js';
import { hasBackupFacts, readVcsaDetails } from './vcsa-details.js';

const API_STYLES = ['api', 'rest'] as const;

export const vcsaInfo = defineVendorInfo({
  key: 'vcsa',
  label: 'vCenter Server Appliance backup',
  defaultPort: 443,
  options: [
    {
      key: 'apiStyle',
      label: 'API style',
      flag: 'api-style',
      placeholder: API_STYLES.join('|'),
      help: '/api (vCenter 7.0 U2 and later) or the older /rest; unset, Backwatch tries /api, then /rest',
      choices: API_STYLES,
      schema: z.enum(API_STYLES, { error: 'API style is api or rest' }),
    },
  ],
  detailSections: [
    {
      kind: 'fields',
      title: 'Backup',
      shown: hasBackupFacts,
      fields: [
        { label: 'Size', value: (d) => formatBytes(readVcsaDetails(d).sizeBytes) },
        { label: 'Location', value: (d) => readVcsaDetails(d).location ?? NO_VALUE, mono: true },
        { label: 'Started by', value: (d) => readVcsaDetails(d).user },
      ],
    },
    { kind: 'list', title: 'Messages', items: (d) => readVcsaDetails(d).messages },
  ],
});

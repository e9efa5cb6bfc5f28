/** vCenter Server Appliance backup: what every process may know about it. */
import { z } from 'zod';
import { formatBytes, NO_VALUE } from '../../format.js';
import { defineVendorInfo } from '../vendor-info.js';

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
      shown: (d) => d.sizeBytes !== undefined || d.location !== undefined,
      fields: [
        { label: 'Size', value: (d) => formatBytes(d.sizeBytes ?? null) },
        { label: 'Location', value: (d) => d.location ?? NO_VALUE, mono: true },
        { label: 'Started by', value: (d) => d.user || null },
      ],
    },
    { kind: 'list', title: 'Messages', items: (d) => d.messages ?? [] },
  ],
});

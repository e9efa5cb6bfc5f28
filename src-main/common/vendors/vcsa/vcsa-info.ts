/** vCenter Server Appliance backup: what every process may know about it. */
import { formatBytes, NO_VALUE } from '../../format.js';
import { defineVendorInfo } from '../vendor-info.js';
import { hasBackupFacts, readVcsaDetails } from './vcsa-details.js';
import { apiStyleSchema, VCSA_API_STYLES } from './vcsa-options.js';

export const vcsaInfo = defineVendorInfo({
  key: 'vcsa',
  label: 'vCenter Server Appliance backup',
  defaultPort: 443,
  // A backup's `type` says what started it; the appliance's one job backs up the appliance itself.
  typeWords: { manual: 'Manual', scheduled: 'Scheduled', 'appliance-backup': 'Appliance backup' },
  options: [
    {
      key: 'apiStyle',
      label: 'API style',
      flag: 'api-style',
      placeholder: VCSA_API_STYLES.join('|'),
      help: '/api (vCenter 7.0 U2 and later) or the older /rest; unset, Backwatch tries /api, then /rest',
      choices: VCSA_API_STYLES,
      schema: apiStyleSchema,
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

/** vCenter's own appliance option: which of its two REST APIs to speak, checked and read by one schema. */
import { z } from 'zod';
import type { ApplianceOptions } from '../../model.js';

export const VCSA_API_STYLES = ['api', 'rest'] as const;
/** `/api` (vSphere 7.0 U2+) or `/rest` (6.7+). */
export type VcsaApiStyle = (typeof VCSA_API_STYLES)[number];

export const apiStyleSchema = z.enum(VCSA_API_STYLES, { error: 'API style is api or rest' });

/** The appliance's `apiStyle` option; null when unset (or not one of the two, which the same schema refused at the boundary). */
export function vcsaApiStyleOf(options: ApplianceOptions): VcsaApiStyle | null {
  const style = apiStyleSchema.safeParse(options['apiStyle']);
  return style.success ? style.data : null;
}

/**
 * The protected objects in `/metrics`, as counts: `backwatch_objects{appliance,state}` (an object
 * counts under each appliance that backs it up or lists it) and
 * `backwatch_object_coverage_ratio{inventory}`. Bounded labels: four states per appliance, one
 * ratio per inventory, never an object's name.
 */
import type { FleetObjects } from '../common/object-status.js';
import { OBJECT_STATES } from '../common/protected-objects.js';
import { familyHeader, labelPairs, numberText } from './exposition.js';

const OBJECTS = 'backwatch_objects';
const COVERAGE = 'backwatch_object_coverage_ratio';

/** The two families' exposition; nothing before any appliance's objects were read. */
export function objectGaugeText(judged: FleetObjects | null): string {
  if (judged === null) return '';
  let text = familyHeader(
    OBJECTS,
    'Objects each appliance backs up or lists, by state (an object two appliances hold counts under both).',
    'gauge',
  );
  for (const { applianceName: appliance, counts } of judged.byAppliance) {
    for (const state of OBJECT_STATES) text += `${OBJECTS}{${labelPairs({ appliance, state })}} ${counts[state]}\n`;
  }
  text += familyHeader(COVERAGE, 'Share (0..1) of the inventory’s objects, excluded ones aside, that are protected.', 'gauge');
  for (const coverage of judged.coverage) {
    if (coverage.ratio !== null)
      text += `${COVERAGE}{${labelPairs({ inventory: coverage.applianceName })}} ${numberText(coverage.ratio)}\n`;
  }
  return text;
}

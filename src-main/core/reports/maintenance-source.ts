/** The maintenance windows compliance leaves out, as the configuration holds them. */
import type { MaintenanceWindow } from '../../common/maintenance.js';

/**
 * The configured maintenance windows. The configuration has no windows yet: until it does, none
 * (the compliance rule and the reports take any list; this is the one place to read it from).
 */
export function configuredMaintenance(): readonly MaintenanceWindow[] {
  return [];
}

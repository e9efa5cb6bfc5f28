/**
 * Which vendor's API answers at an address, asked when a login fails in a way a wrong vendor would
 * explain (a refused login, a 404, an unexpected body): every descriptor's probe is tried, the
 * configured vendor's first. Never throws: an address that does not answer recognises nobody.
 */
import type { Appliance, Vendor } from '../common/model.js';
import { applianceHttpClient } from './connect.js';
import { CONNECTOR_DESCRIPTORS } from './connectors/registry.js';
import type { ConnectorErrorKind } from './http/errors.js';
import type { Logger } from './logger.js';

/** The failures a wrong vendor causes; an unreachable address or an untrusted certificate is not one. */
export const WRONG_VENDOR_SYMPTOMS: ReadonlySet<ConnectorErrorKind> = new Set(['auth_failed', 'http', 'malformed']);

/**
 * The vendor whose API the address answers like, when it is not the appliance's own; null when
 * the appliance's own probe recognises it, or when no probe does.
 */
export async function recogniseOtherVendor(appliance: Appliance, log: Logger, signal?: AbortSignal): Promise<Vendor | null> {
  const http = applianceHttpClient(appliance, log.child('probe'));
  const ordered = [...CONNECTOR_DESCRIPTORS].sort(
    (a, b) => Number(b.info.key === appliance.vendor) - Number(a.info.key === appliance.vendor),
  );
  try {
    for (const descriptor of ordered) {
      const recognised = await descriptor.probe(http, signal).catch(() => false);
      if (recognised) return descriptor.info.key === appliance.vendor ? null : descriptor.info.key;
    }
    return null;
  } finally {
    await http.close();
  }
}

/**
 * Every vendor's connector descriptor, one line each. Adding a vendor: one folder under connectors/
 * with its descriptor, and one line here.
 */
import type { Vendor } from '../../common/model.js';
import type { VendorKey } from '../../common/vendors/index.js';
import type { ConnectorDescriptor } from './descriptor.js';
import { sppDescriptor } from './spp/spp-descriptor.js';
import { vb365Descriptor } from './vb365/vb365-descriptor.js';
import { vcsaDescriptor } from './vcsa/vcsa-descriptor.js';
import { vbrDescriptor } from './vbr/vbr-descriptor.js';

export const CONNECTOR_DESCRIPTORS: readonly ConnectorDescriptor[] = [sppDescriptor, vb365Descriptor, vcsaDescriptor, vbrDescriptor];

type Listed = (typeof sppDescriptor | typeof vb365Descriptor | typeof vcsaDescriptor | typeof vbrDescriptor)['info']['key'];
/** Fails the build when a vendor of the registry (common/vendors) has no connector descriptor here. */
const everyVendorListed: [Exclude<VendorKey, Listed>] extends [never] ? true : Exclude<VendorKey, Listed> = true;
void everyVendorListed;

/** The connector descriptor of a vendor. */
export function connectorDescriptor(vendor: Vendor): ConnectorDescriptor {
  const descriptor = CONNECTOR_DESCRIPTORS.find((candidate) => candidate.info.key === vendor);
  if (!descriptor) throw new Error(`Backwatch has no connector for vendor "${vendor}".`);
  return descriptor;
}

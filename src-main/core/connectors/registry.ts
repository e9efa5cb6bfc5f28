/**
 * Which connector serves which vendor. Adding a vendor: one folder under connectors/ and one line here.
 * `undefined` marks a vendor whose connector has not landed yet.
 */
import type { Vendor } from '../../common/model.js';
import type { ConnectorFactory } from './connector.js';
import { createSppConnector } from './spp/spp-connector.js';
import { createVb365Connector } from './vb365/vb365-connector.js';
import { createVcsaConnector } from './vcsa/vcsa-connector.js';
import { createVbrConnector } from './vbr/vbr-connector.js';

export const CONNECTORS: Readonly<Record<Vendor, ConnectorFactory | undefined>> = {
  spp: (ctx) => createSppConnector(ctx),
  vb365: (ctx) => createVb365Connector(ctx),
  vcsa: (ctx) => createVcsaConnector(ctx),
  vbr: (ctx) => createVbrConnector(ctx),
};

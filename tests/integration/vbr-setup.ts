/** The VBR simulator and a connector to it, as the VBR connector suites start them. */
import type { VbrTuning } from '../../src-main/core/connectors/vbr/vbr-connector.js';
import { VBR_TUNING, createVbrConnector } from '../../src-main/core/connectors/vbr/vbr-connector.js';
import type { VbrSimulator, VbrSimulatorOptions } from '../../src-main/demo/vbr/vbr-simulator.js';
import { startVbrSimulator } from '../../src-main/demo/vbr/vbr-simulator.js';
import { connectorSetups, type ConnectorSetup, type ConnectorWiring } from './connector-setup.js';

export type VbrSetupOptions = VbrSimulatorOptions & { apiVersion?: string; connectorPassword?: string; tuning?: Partial<VbrTuning> };

/** Returns `setup`, which starts a simulator (100 sessions of history unless told) and wires a connector to it; closed after each test. */
export function vbrSetups(): (options?: VbrSetupOptions) => Promise<ConnectorSetup<VbrSimulator>> {
  const wire = connectorSetups();
  return async (options = {}) => {
    const { apiVersion, tuning, connectorPassword, ...simOptions } = options;
    const sim = await startVbrSimulator({ historySize: 100, ...simOptions });
    const wiring: ConnectorWiring = {
      vendor: 'vbr',
      applianceId: 'vbr-1',
      applianceName: 'VBR',
      options: apiVersion ? { apiVersion: apiVersion } : {},
      ...(connectorPassword === undefined ? {} : { password: connectorPassword }),
    };
    return wire(sim, wiring, (ctx) => createVbrConnector(ctx, { ...VBR_TUNING, ...tuning }));
  };
}

/** How many requests the simulator answered on `path`. */
export const requestsTo = (sim: VbrSimulator, path: string): number => sim.server.stats.byPath.get(path) ?? 0;

/** A monitor for the services' tests: it holds a fleet the test sets and records what it is told. */
import type { Appliance, Job, Session } from '../../../src-main/common/model.js';
import type { ApplianceState, FleetState } from '../../../src-main/common/snapshot.js';
import type { Connector } from '../../../src-main/core/connectors/connector.js';
import type { Monitor, MonitorUpdate } from '../../../src-main/core/poller/monitor-types.js';
import { at, makeHealth } from '../common/factories.js';

/** A monitor that holds a fleet the test sets, records `setAppliances` and lets the test push updates. */
export class FakeMonitor implements Monitor {
  states = new Map<string, ApplianceState>();
  setCalls: (readonly Appliance[])[] = [];
  refreshes = 0;
  connectors = new Map<string, Connector>();
  private listeners = new Set<(u: MonitorUpdate) => void>();
  start() {}
  async stop() {}
  async refreshNow() {
    this.refreshes += 1;
  }
  setAppliances(appliances: readonly Appliance[]) {
    this.setCalls.push(appliances);
  }
  fleet(): FleetState {
    return { at: at(0), appliances: [...this.states.values()] };
  }
  connector(id: string) {
    return this.connectors.get(id);
  }
  onUpdate = (listener: (u: MonitorUpdate) => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  /** Gives an appliance polled sessions and jobs (the appliance itself comes from the config). */
  poll(appliance: Appliance, sessions: Session[], jobs: Job[] = []) {
    this.states.set(appliance.id, { appliance, health: makeHealth(), jobs, sessions });
  }
  /** Sends an update for one polled appliance (the first one polled unless named). */
  push(update: Omit<MonitorUpdate, 'appliance'>, applianceId?: string) {
    const polled = applianceId === undefined ? [...this.states.values()][0] : this.states.get(applianceId);
    if (!polled) throw new Error('poll an appliance first');
    for (const l of this.listeners) l({ appliance: polled, ...update });
  }
}

/**
 * What the window does to the appliances it watches: test, remove, trust a changed certificate,
 * discard an entry the configuration file set aside, open an appliance's web UI, and the add/edit
 * flow. Their state comes back through the status snapshot, so the store keeps none of it.
 */
import type { BackwatchApi } from '../../src-main/common/ipc-contract.js';
import { ApplianceEditor } from './appliance-editor.svelte.js';
import { windowMessage } from './password-where.js';

export class AppliancesStore {
  readonly #api: BackwatchApi;

  constructor(api: BackwatchApi) {
    this.#api = api;
  }

  /** Tests a saved appliance; resolves to what the test found, in words for the admin. */
  async test(id: string): Promise<string> {
    return windowMessage((await this.#api['appliances:test']({ id })).message);
  }

  /** Resolves to why the appliance was not removed, or null. */
  async remove(id: string): Promise<string | null> {
    const result = await this.#api['appliances:remove'](id);
    return result.ok ? null : windowMessage(result.message);
  }

  /** Pins the certificate the appliance now presents; resolves to why not, or null. */
  async trustCertificate(id: string, fingerprint256: string): Promise<string | null> {
    const result = await this.#api['appliances:trust-certificate']({ id, fingerprint256 });
    return result.ok ? null : windowMessage(result.message);
  }

  /** Removes an entry the configuration file set aside (by its name); resolves to why not, or null. */
  async discardSetAside(name: string): Promise<string | null> {
    const result = await this.#api['appliances:discard-set-aside'](name);
    return result.ok ? null : windowMessage(result.message);
  }

  openWebUi(id: string): Promise<void> {
    return this.#api['app:open-appliance'](id);
  }

  /** The add flow (`null`) or the edit flow of one appliance. */
  editor(editingId: string | null): ApplianceEditor {
    return new ApplianceEditor(this.#api, editingId);
  }
}

/**
 * Which source this desktop reads: its own appliances, or a shared Backwatch server. The server in
 * use comes back through the status snapshot; this store asks main to switch.
 */
import type { BackwatchApi, TeamServerDraft } from '../../src-main/common/ipc-contract.js';
import type { PresentedCertificate } from '../../src-main/common/model.js';
import { windowMessage } from './password-where.js';

/** Where reading a server got to: read (main's words on what it holds), refused, or a certificate to compare first. */
export type TeamServerStep =
  | { readonly kind: 'reading'; readonly note: string }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'certificate'; readonly certificate: PresentedCertificate };

export class TeamSourceStore {
  readonly #api: BackwatchApi;

  constructor(api: BackwatchApi) {
    this.#api = api;
  }

  /** The certificate first: one the system does not trust is returned for the admin to compare. */
  async connect(url: string, token: string): Promise<TeamServerStep> {
    const probe = await this.#api['appliances:probe-certificate'](url);
    if (!probe.certificate) return { kind: 'refused', message: windowMessage(probe.message) };
    if (!probe.trustedBySystem) return { kind: 'certificate', certificate: probe.certificate };
    return this.read({ url, token });
  }

  /** Makes the server this desktop's source, pinned to `trustedFingerprint` when the admin trusted one. */
  async read(draft: TeamServerDraft): Promise<TeamServerStep> {
    const result = await this.#api['source:add-server'](draft);
    return result.ok ? { kind: 'reading', note: result.value } : { kind: 'refused', message: windowMessage(result.message) };
  }

  /** Back to the appliances configured here; resolves to why not, or null. */
  async leave(): Promise<string | null> {
    const result = await this.#api['source:remove-server']();
    return result.ok ? null : windowMessage(result.message);
  }
}

/**
 * The add/edit appliance flow: test the draft, stop at the certificate step when the appliance
 * presents a certificate nobody trusts yet (or a changed one), then save. Secrets only go towards main.
 */
import type { ApplianceDraft, BackwatchApi, ConnectionTestResult } from '../../src-main/common/ipc-contract.js';
import type { PresentedCertificate, Vendor } from '../../src-main/common/model.js';
import type { ApplianceView } from '../../src-main/common/snapshot.js';
import { windowMessage } from './password-where.js';
import { requestErrorMessage } from './request-error.js';

export type EditorStep =
  | { readonly kind: 'form' }
  | { readonly kind: 'certificate'; readonly certificate: PresentedCertificate; readonly previousFingerprint: string | null }
  /** The test failed for another reason: the admin may fix the form or save anyway. */
  | { readonly kind: 'failed'; readonly result: Extract<ConnectionTestResult, { ok: false }> }
  | { readonly kind: 'saved'; readonly appliance: ApplianceView };

export class ApplianceEditor {
  #step = $state.raw<EditorStep>({ kind: 'form' });
  #busy = $state(false);
  #error = $state<string | null>(null);
  #draft: ApplianceDraft | null = null;
  /** The certificate trusted in this editor, for its address: a second try (a password fixed) does not ask again. */
  #trusted: { readonly baseUrl: string; readonly fingerprint: string } | null = null;
  readonly #api: BackwatchApi;
  /** Id of the appliance being edited, null when adding. */
  readonly editingId: string | null;

  constructor(api: BackwatchApi, editingId: string | null) {
    this.#api = api;
    this.editingId = editingId;
  }

  get step(): EditorStep {
    return this.#step;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get error(): string | null {
    return this.#error;
  }

  /** Tests the draft, then saves it when the appliance answers. */
  submit(typed: ApplianceDraft): Promise<void> {
    const trusted = this.#trusted;
    const draft =
      trusted && !typed.trustedFingerprint && trusted.baseUrl === typed.baseUrl
        ? { ...typed, trustedFingerprint: trusted.fingerprint }
        : typed;
    return this.#run(async () => {
      this.#draft = draft;
      // Editing: the services compare the name with the other appliances and fall back to the stored password.
      const result = await this.#api['appliances:test'](this.editingId ? { draft, id: this.editingId } : { draft });
      if (result.ok) return this.#save(draft);
      if (result.reason === 'refused') {
        this.#refuse(result.message);
      } else if (result.reason === 'untrusted_certificate' && result.certificate) {
        this.#step = { kind: 'certificate', certificate: result.certificate, previousFingerprint: result.previousFingerprint ?? null };
      } else {
        this.#step = { kind: 'failed', result: { ...result, message: windowMessage(result.message) } };
      }
    });
  }

  /** The admin trusts the presented certificate: test again pinned to it, then save. */
  trust(): Promise<void> {
    const step = this.#step;
    if (step.kind !== 'certificate' || !this.#draft) return Promise.resolve();
    this.#trusted = { baseUrl: this.#draft.baseUrl, fingerprint: step.certificate.fingerprint256 };
    return this.submit({ ...this.#draft, trustedFingerprint: step.certificate.fingerprint256 });
  }

  /**
   * The address answers like another vendor's API: test the same draft as that vendor (without
   * the options of the first one, which the other does not take), then save.
   */
  switchVendor(vendor: Vendor): Promise<void> {
    const draft = this.#draft;
    if (!draft) return Promise.resolve();
    const interval = draft.options?.pollIntervalSec;
    return this.submit({ ...draft, vendor, options: interval === undefined ? {} : { pollIntervalSec: interval } });
  }

  /** Saves without a successful test (an appliance that is down for maintenance can still be added). */
  saveAnyway(): Promise<void> {
    const draft = this.#draft;
    return draft ? this.#run(() => this.#save(draft)) : Promise.resolve();
  }

  back(): void {
    this.#step = { kind: 'form' };
    this.#error = null;
  }

  async #save(draft: ApplianceDraft): Promise<void> {
    const result = this.editingId
      ? await this.#api['appliances:update']({ id: this.editingId, draft })
      : await this.#api['appliances:add'](draft);
    if (result.ok) this.#step = { kind: 'saved', appliance: result.value };
    else this.#refuse(result.message);
  }

  /** Back to the form (which keeps what was typed) with why the draft was refused. */
  #refuse(message: string): void {
    this.#step = { kind: 'form' };
    this.#error = windowMessage(message);
  }

  async #run(work: () => Promise<void>): Promise<void> {
    this.#busy = true;
    this.#error = null;
    try {
      await work();
    } catch (error) {
      this.#error = windowMessage(requestErrorMessage(error));
    } finally {
      this.#busy = false;
    }
  }
}

/**
 * The Machines view's state: every protected object main judged, with the coverage of each
 * inventory and the exclusion rules, read with 'objects:list'. The list is read while a view shows
 * it, again after each status the status store receives meanwhile (it holds the one subscription),
 * never in the background: a fleet may hold thousands of objects. What the admin does (exclude,
 * remove an exclusion, set an RPO) goes to main from here, and the list is read again.
 */
import { untrack } from 'svelte';
import type { BackwatchApi, MutationResult } from '../../src-main/common/ipc-contract.js';
import type { ExclusionRule } from '../../src-main/common/object-coverage.js';
import { zeroObjectCounts } from '../../src-main/common/object-status.js';
import { OBJECT_LIST_LIMIT_MAX, type ExclusionDraft, type ObjectList, type ObjectView } from '../../src-main/common/object-views.js';
import type { ObjectState } from '../../src-main/common/protected-objects.js';
import { EMPTY_OBJECT_FILTER, machineListItems, objectsByKey, selectObjects } from './object-list.js';
import type { MachineListItem, ObjectFilter, ObjectSelection } from './object-list.js';
import { requestErrorMessage } from './request-error.js';
import type { StatusStore } from './status-store.svelte.js';

const NO_COUNTS = zeroObjectCounts();

export class ObjectsStore {
  filter = $state.raw<ObjectFilter>(EMPTY_OBJECT_FILTER);
  /** The excluded objects show under their heading unless the admin folds them. */
  excludedCollapsed = $state(false);
  #list = $state.raw<ObjectList | null>(null);
  #error = $state<string | null>(null);
  #reading: Promise<void> | null = null;
  #queued: Promise<void> | null = null;
  readonly #byKey: ReadonlyMap<string, ObjectView>;
  readonly #api: BackwatchApi;
  readonly #status: StatusStore;

  /** The filtered list: objects in play worst first, the excluded ones apart. */
  readonly selection: ObjectSelection;
  /** The list's lines: `selection`, the excluded objects under their heading. */
  readonly items: readonly MachineListItem[];

  constructor(api: BackwatchApi, status: StatusStore) {
    this.#api = api;
    this.#status = status;
    this.#byKey = $derived(objectsByKey(this.objects));
    this.selection = $derived(selectObjects(this.objects, this.filter));
    this.items = $derived(machineListItems(this.selection, this.excludedCollapsed));
  }

  get loaded(): boolean {
    return this.#list !== null;
  }

  /** Why the last read failed, in words for the admin; null when it went well. */
  get error(): string | null {
    return this.#error;
  }

  get objects(): readonly ObjectView[] {
    return this.#list?.objects ?? [];
  }

  /** The whole fleet's counts per state, whatever the window holds. */
  get counts(): Readonly<Record<ObjectState, number>> {
    return this.#list?.counts ?? NO_COUNTS;
  }

  /** Objects main knows beyond what one read returns. */
  get omitted(): number {
    return Math.max(0, (this.#list?.matching ?? 0) - this.objects.length);
  }

  get coverage(): ObjectList['coverage'] {
    return this.#list?.coverage ?? [];
  }

  get reads(): ObjectList['reads'] {
    return this.#list?.reads ?? [];
  }

  get exclusions(): readonly ExclusionRule[] {
    return this.#list?.exclusions ?? [];
  }

  object(key: string): ObjectView | undefined {
    return this.#byKey.get(key);
  }

  /**
   * Reads the list now, and again after each new status (a poll, an object read, an exclusion or
   * an RPO changed) while the caller watches; returns the stop function.
   */
  watch(): () => void {
    return $effect.root(() => {
      $effect(() => {
        void this.#status.snapshot;
        untrack(() => void this.load());
      });
    });
  }

  /** Reads the list; asked during a read, it reads once more after it (later asks share that read). */
  load(): Promise<void> {
    if (!this.#reading) {
      this.#reading = this.#read().finally(() => (this.#reading = null));
      return this.#reading;
    }
    this.#queued ??= this.#reading.then(() => {
      this.#queued = null;
      return this.load();
    });
    return this.#queued;
  }

  /** Adds an exclusion rule; resolves to why main refused it, or null. */
  async exclude(draft: ExclusionDraft): Promise<string | null> {
    return this.#afterChange(await this.#api['objects:exclude'](draft));
  }

  /** Removes an exclusion rule; resolves to why main refused, or null. */
  async removeExclusion(ruleId: string): Promise<string | null> {
    return this.#afterChange(await this.#api['objects:remove-exclusion'](ruleId));
  }

  /** Acknowledges a machine in the state it is in now, or stops; resolves to why main refused, or null. */
  async acknowledge(key: string, on: boolean): Promise<string | null> {
    return this.#afterChange(await this.#api['objects:acknowledge']({ key, on }));
  }

  /** Sets a machine's own RPO: seconds, null to switch the check off, or 'default' for the strictest of its jobs'. */
  async setRpo(key: string, rpoSec: number | null | 'default'): Promise<MutationResult> {
    const result = await this.#api['objects:set-rpo']({ key, rpoSec });
    if (result.ok) await this.load();
    return result;
  }

  async #afterChange(result: MutationResult<unknown>): Promise<string | null> {
    if (!result.ok) return result.message;
    await this.load();
    return null;
  }

  async #read(): Promise<void> {
    try {
      this.#list = await this.#api['objects:list']({ limit: OBJECT_LIST_LIMIT_MAX });
      this.#error = null;
    } catch (error) {
      this.#error = `The machines could not be read: ${requestErrorMessage(error)}`;
    }
  }
}

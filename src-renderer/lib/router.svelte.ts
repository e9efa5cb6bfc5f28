/** Which view the window shows. Main can ask for a view ('app:navigate') when a notification is clicked. */
import type { BackwatchApi, SessionRef } from '../../src-main/common/ipc-contract.js';

export type Route =
  | { readonly view: 'overview' }
  | { readonly view: 'sessions' }
  | { readonly view: 'session'; readonly ref: SessionRef }
  | { readonly view: 'appliances'; readonly applianceId?: string }
  | { readonly view: 'settings' };

export type TopView = 'overview' | 'sessions' | 'appliances' | 'settings';

export const TOP_VIEWS: readonly { readonly view: TopView; readonly label: string }[] = [
  { view: 'overview', label: 'Overview' },
  { view: 'sessions', label: 'Sessions' },
  { view: 'appliances', label: 'Appliances' },
  { view: 'settings', label: 'Settings' },
];

export class Router {
  #route = $state.raw<Route>({ view: 'overview' });
  #previous: Route | null = null;

  get route(): Route {
    return this.#route;
  }

  /** The top-level tab a route belongs to (a session detail belongs to Sessions). */
  get tab(): TopView {
    return this.#route.view === 'session' ? 'sessions' : this.#route.view;
  }

  go(route: Route): void {
    this.#previous = this.#route;
    this.#route = route;
  }

  /** Back to where the user came from (detail → list), or the overview. */
  back(): void {
    const target = this.#previous && this.#previous.view !== 'session' ? this.#previous : { view: 'sessions' as const };
    this.go(target);
  }

  /** Follows main's navigation requests; returns the unsubscribe function. */
  connect(api: BackwatchApi): () => void {
    return api.on('app:navigate', (target) => {
      this.go(target.view === 'session' ? { view: 'session', ref: target.ref } : { view: 'appliances', applianceId: target.applianceId });
    });
  }
}

/** Which view the window shows. Main can ask for a view ('app:navigate') when a notification is clicked. */
import type { BackwatchApi, NavigateTarget, SessionRef } from '../../src-main/common/ipc-contract.js';

export type Route =
  | { readonly view: 'overview' }
  | { readonly view: 'jobs' }
  | { readonly view: 'job'; readonly applianceId: string; readonly jobId: string }
  | { readonly view: 'machines' }
  /** One protected object's page, by its key (`CoveredObject.key`). */
  | { readonly view: 'machine'; readonly key: string }
  | { readonly view: 'sessions' }
  | { readonly view: 'session'; readonly ref: SessionRef }
  | { readonly view: 'reports' }
  | { readonly view: 'appliances'; readonly applianceId?: string }
  | { readonly view: 'settings' };

export type TopView = 'overview' | 'jobs' | 'machines' | 'sessions' | 'reports' | 'appliances' | 'settings';

export const TOP_VIEWS: readonly { readonly view: TopView; readonly label: string }[] = [
  { view: 'overview', label: 'Overview' },
  { view: 'jobs', label: 'Jobs' },
  { view: 'machines', label: 'Machines' },
  { view: 'sessions', label: 'Sessions' },
  { view: 'reports', label: 'Reports' },
  { view: 'appliances', label: 'Appliances' },
  { view: 'settings', label: 'Settings' },
];

const HISTORY_LIMIT = 20;

export class Router {
  #route = $state.raw<Route>({ view: 'overview' });
  /** Where the user came from, newest last (bounded: only "back" reads it). */
  #history: Route[] = [];

  get route(): Route {
    return this.#route;
  }

  /** The top-level tab a route belongs to (a session detail belongs to Sessions, a job's page to Jobs...). */
  get tab(): TopView {
    const { view } = this.#route;
    return view === 'session' ? 'sessions' : view === 'job' ? 'jobs' : view === 'machine' ? 'machines' : view;
  }

  go(route: Route): void {
    this.#history = [...this.#history.slice(-(HISTORY_LIMIT - 1)), this.#route];
    this.#route = route;
  }

  /** Back to where the user came from (detail → list), or the list the current page belongs to. */
  back(): void {
    const previous = this.#history.pop();
    this.#route = previous && previous.view !== this.#route.view ? previous : { view: this.tab };
  }

  /** Follows main's navigation requests; returns the unsubscribe function. */
  connect(api: BackwatchApi): () => void {
    return api.on('app:navigate', (target) => this.go(routeOf(target)));
  }
}

/** The route that shows what main (a tray item, a notification) points at. */
export function routeOf(target: NavigateTarget): Route {
  switch (target.view) {
    case 'session':
      return { view: 'session', ref: target.ref };
    case 'job':
      return { view: 'job', applianceId: target.applianceId, jobId: target.jobId };
    case 'appliance':
      return { view: 'appliances', applianceId: target.applianceId };
    case 'object':
      return { view: 'machine', key: target.key };
  }
}

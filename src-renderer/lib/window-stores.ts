/**
 * The window's stores, built once around the API and provided to every component by context:
 * components act and read through them and never hold the API themselves.
 */
import { createContext } from 'svelte';
import type { BackwatchApi } from '../../src-main/common/ipc-contract.js';
import { AppInfoStore } from './app-info-store.svelte.js';
import { AppliancesStore } from './appliances-store.svelte.js';
import { Clock } from './clock.svelte.js';
import { DemoStore } from './demo-store.svelte.js';
import { JobSharesStore } from './job-shares-store.svelte.js';
import { JobsStore } from './jobs-store.svelte.js';
import { MaintenanceStore } from './maintenance-store.svelte.js';
import { ObjectsStore } from './objects-store.svelte.js';
import { ReportMailStore } from './report-mail-store.svelte.js';
import { ReportsStore } from './reports-store.svelte.js';
import { Router } from './router.svelte.js';
import { SessionsStore } from './sessions-store.svelte.js';
import { SettingsStore } from './settings-store.svelte.js';
import { StatusStore } from './status-store.svelte.js';
import { TeamSourceStore } from './team-source-store.svelte.js';

export class WindowStores {
  readonly clock = new Clock();
  readonly router = new Router();
  readonly status: StatusStore;
  readonly sessions: SessionsStore;
  readonly jobs: JobsStore;
  readonly jobShares: JobSharesStore;
  readonly objects: ObjectsStore;
  readonly reports: ReportsStore;
  readonly settings: SettingsStore;
  readonly appInfo: AppInfoStore;
  readonly appliances: AppliancesStore;
  readonly teamSource: TeamSourceStore;
  readonly demo: DemoStore;
  readonly maintenance: MaintenanceStore;
  readonly reportMail: ReportMailStore;
  readonly #api: BackwatchApi;

  constructor(api: BackwatchApi) {
    this.#api = api;
    this.status = new StatusStore(api);
    this.sessions = new SessionsStore(api, () => this.clock.now);
    this.jobShares = new JobSharesStore(api, () => this.clock.now);
    this.jobs = new JobsStore(api, this.status, this.sessions, this.jobShares);
    this.objects = new ObjectsStore(api, this.status);
    this.reports = new ReportsStore(api);
    this.settings = new SettingsStore(api);
    this.appInfo = new AppInfoStore(api);
    this.appliances = new AppliancesStore(api);
    this.teamSource = new TeamSourceStore(api);
    this.demo = new DemoStore(api);
    this.maintenance = new MaintenanceStore(api);
    this.reportMail = new ReportMailStore(api);
  }

  /** Subscribes every store to main's events and loads what they show; returns the stop function. */
  connect(): () => void {
    const { clock, router, status, sessions, settings, appInfo } = this;
    const stops = [clock.start(), router.connect(this.#api), status.connect(), sessions.connect(), settings.connect(), appInfo.connect()];
    void appInfo.load();
    return () => stops.forEach((stop) => stop());
  }

  /** Loads again what a lost connection may have missed. */
  async reload(): Promise<void> {
    await Promise.all([this.status.load(), this.sessions.load(), this.settings.load()]);
  }
}

/** `getStores()` in any component below the one that called `provideStores(stores)` (the app). */
export const [getStores, provideStores] = createContext<WindowStores>();

/**
 * The runtime list of the contract's channels (the contract itself is type-only). The `satisfies`
 * checks below make the compiler fail when a channel is added to the contract but not listed here.
 */
import type { BackwatchApi, IpcEventChannel, IpcEvents, IpcRequestChannel, IpcRequests, WindowEvent } from './ipc-contract.js';

const requestChannels = {
  'appliances:list': true,
  'appliances:add': true,
  'appliances:update': true,
  'appliances:remove': true,
  'appliances:discard-set-aside': true,
  'appliances:test': true,
  'appliances:probe-certificate': true,
  'appliances:trust-certificate': true,
  'appliances:refresh': true,
  'jobs:list': true,
  'jobs:set-rpo': true,
  'sessions:list': true,
  'sessions:get': true,
  'sessions:log': true,
  'status:snapshot': true,
  'reports:compliance': true,
  'reports:export': true,
  'reports:save-pdf': true,
  'reports:job-band': true,
  'notifications:pause': true,
  'notifications:mute': true,
  'notifications:acknowledge': true,
  'settings:get': true,
  'settings:update': true,
  'source:add-server': true,
  'source:remove-server': true,
  'objects:list': true,
  'objects:exclude': true,
  'objects:remove-exclusion': true,
  'objects:set-rpo': true,
  'objects:acknowledge': true,
  'app:info': true,
  'app:open-appliance': true,
  'app:start-demo': true,
  'app:leave-demo': true,
  'app:restart-to-update': true,
  'maintenance:list': true,
  'maintenance:add': true,
  'maintenance:remove': true,
  'report-mail:get': true,
  'report-mail:save': true,
} as const satisfies Record<IpcRequestChannel, true>;

const eventChannels = {
  'status:changed': true,
  'sessions:changed': true,
  'settings:changed': true,
  'app:navigate': true,
  'app:update-ready': true,
} as const satisfies Record<IpcEventChannel, true>;

export const REQUEST_CHANNELS = Object.keys(requestChannels) as IpcRequestChannel[];

export function isRequestChannel(value: unknown): value is IpcRequestChannel {
  return typeof value === 'string' && Object.hasOwn(requestChannels, value);
}

export function isEventChannel(value: unknown): value is IpcEventChannel {
  return typeof value === 'string' && Object.hasOwn(eventChannels, value);
}

/** Whether a value of a typed stream (the app core's) is one of the window's events. */
export function isWindowEvent(event: { readonly type: string }): event is WindowEvent {
  return isEventChannel(event.type);
}

/** The window's side of a transport: Electron IPC in the app, a WebSocket in the browser harness. */
export interface ClientTransport {
  invoke(channel: IpcRequestChannel, arg: unknown): Promise<unknown>;
  subscribe(event: IpcEventChannel, listener: (payload: unknown) => void): () => void;
}

/** The main process's side of a transport. */
export interface ServerTransport {
  /** Installs the one request handler; `arg` is still unvalidated (the services check it). */
  serve(handler: (channel: IpcRequestChannel, arg: unknown) => Promise<unknown>): void;
  emit<E extends IpcEventChannel>(event: E, payload: Parameters<IpcEvents[E]>[0]): void;
  close(): void;
}

/** Sends one of the window's events over a transport. */
export function sendToWindows(transport: Pick<ServerTransport, 'emit'>, event: WindowEvent): void {
  transport.emit(event.type, event.payload as never);
}

/** Builds `window.backwatch` from a transport: one method per request channel, plus `on`. */
export function createBackwatchApi(transport: ClientTransport): BackwatchApi {
  const api: Record<string, unknown> = {};
  for (const channel of REQUEST_CHANNELS) {
    api[channel] = (arg?: unknown) => transport.invoke(channel, arg);
  }
  api.on = (event: IpcEventChannel, listener: (payload: never) => void) => {
    if (!isEventChannel(event)) throw new Error(`Unknown event channel: ${String(event)}`);
    return transport.subscribe(event, listener as (payload: unknown) => void);
  };
  return api as BackwatchApi;
}

/** Handler map the main process implements: the contract minus the event subscription. */
export type IpcHandlers = { readonly [C in IpcRequestChannel]: IpcRequests[C] };

/** What a `ServerTransport` serves: a channel's handler called with the argument as it came (the services check it). */
export function requestHandlerOf(handlers: IpcHandlers): (channel: IpcRequestChannel, arg: unknown) => Promise<unknown> {
  return (channel, arg) => (handlers[channel] as (arg: unknown) => Promise<unknown>)(arg);
}

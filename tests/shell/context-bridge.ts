/**
 * `contextBridge` and `ipcRenderer` for a preload running beside a real Chromium page, with
 * Electron's semantics where the shell depends on them: what crosses is structured-cloned
 * (functions are proxied, as the bridge proxies them), a handler's error reaches the page as
 * `Error invoking remote method '<channel>': <name>: <message>`, and the preload runs in a
 * sandbox whose `require` knows only `electron` and a few built-ins.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';
import type { Page } from 'playwright-core';

type Fn = (...args: unknown[]) => unknown;
/** A value as it crosses the bridge: functions become ids on the side that owns them. */
type Wire = { fn: number } | { value: unknown };

export type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

/** The main side a window's ipcRenderer talks to. */
export interface MainSide {
  handler(channel: string): InvokeHandler | undefined;
  event(): unknown;
}

/** The renderer's ipcRenderer: invoke reaches ipcMain's handlers; `deliver` is webContents.send. */
export function createIpcRenderer(main: MainSide) {
  const emitter = new EventEmitter();
  return Object.assign(emitter, {
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      const cloned = structuredClone(args);
      let reply: { result: unknown } | { error: string };
      try {
        const handler = main.handler(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        reply = { result: structuredClone(await handler(main.event(), ...cloned)) };
      } catch (e) {
        console.error(`Error occurred in handler for '${channel}':`, e);
        reply = { error: String(e) };
      }
      if ('error' in reply) throw new Error(`Error invoking remote method '${channel}': ${reply.error}`);
      return reply.result;
    },
    deliver(channel: string, payload: unknown): void {
      emitter.emit(channel, { sender: emitter }, structuredClone(payload));
    },
  });
}

export type IpcRendererStandIn = ReturnType<typeof createIpcRenderer>;

const BINDING = '__backwatchBridge';

/** The page's half of the bridge: proxies for exposed functions, and callbacks main may call. */
function pageBridge({ key, api, binding }: { key: string; api: unknown; binding: string }): void {
  const w = window as unknown as Record<string, unknown>;
  const callbacks = ((w.__bridgeCallbacks as Map<number, Fn> | undefined) ??= new Map());
  const call = (id: number, args: unknown[]) =>
    (w[binding] as (id: number, args: unknown[]) => Promise<{ error: string } | { result: unknown }>)(id, args);
  let next = 0;
  const toWire = (value: unknown) => {
    if (typeof value !== 'function') return { value };
    callbacks.set(++next, value as Fn);
    return { fn: next };
  };
  const fromWire = (wire: unknown): unknown => {
    const w = wire as { fn?: number; value?: unknown; object?: Record<string, unknown> };
    if (w.object) return Object.freeze(Object.fromEntries(Object.entries(w.object).map(([k, v]) => [k, fromWire(v)])));
    if (w.fn === undefined) return w.value;
    const id = w.fn;
    return async (...args: unknown[]) => {
      const reply = await call(id, args.map(toWire));
      if ('error' in reply) throw new Error(reply.error);
      return fromWire(reply.result);
    };
  };
  w[key] = fromWire(api);
}

/** A contextBridge bound to one page; `ready` settles once what the preload exposed is in place. */
export function createContextBridge(page: Page) {
  const exported = new Map<number, Fn>();
  const pending: Promise<unknown>[] = [];
  let next = 0;
  let bound: Promise<unknown> | null = null;

  const toWire = (value: unknown): Wire => {
    if (typeof value !== 'function') return { value: structuredClone(value) };
    exported.set(++next, value as Fn);
    return { fn: next };
  };
  const fromWire = (wire: Wire): unknown => {
    if (!('fn' in wire)) return structuredClone(wire.value);
    const id = wire.fn;
    return (...args: unknown[]) =>
      void page
        .evaluate(([cb, a]) => (window as unknown as { __bridgeCallbacks: Map<number, Fn> }).__bridgeCallbacks.get(cb)?.(...a), [
          id,
          structuredClone(args),
        ] as const)
        .catch(() => undefined);
  };
  const bind = () =>
    (bound ??= page.exposeBinding(BINDING, async (_source, id: number, args: Wire[]) => {
      const fn = exported.get(id);
      try {
        if (!fn) throw new Error('The bridged function is gone.');
        return { result: toWire(await fn(...args.map(fromWire))) };
      } catch (e) {
        // The page gets the message only, as through Electron's bridge (the preload's errors come from its own realm).
        return { error: typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : String(e) };
      }
    }));

  return {
    exposeInMainWorld(key: string, api: unknown): void {
      const described =
        typeof api === 'object' && api !== null
          ? { object: Object.fromEntries(Object.entries(api).map(([k, v]) => [k, toWire(v)])) }
          : toWire(api);
      // tsx keeps function names with a `__name` helper the page does not have: give it one.
      const script = `var __name = (f) => f; (${pageBridge.toString()})(${JSON.stringify({ key, api: described, binding: BINDING })});`;
      pending.push(bind().then(() => page.addInitScript({ content: script })));
    },
    ready: async () => void (await Promise.all(pending)),
  };
}

const SANDBOX_MODULES = new Set(['events', 'timers', 'url']);
const nodeRequire = createRequire(import.meta.url);

/**
 * Runs a built preload the way a sandboxed renderer does: in a fresh JavaScript realm without
 * Node's globals, its `require` limited to `electron` (these stand-ins) and a few built-ins,
 * so a preload that is not self-contained fails here as it would in Electron.
 */
export function runSandboxedPreload(path: string, electron: { contextBridge: unknown; ipcRenderer: unknown }): void {
  const source = readFileSync(path, 'utf8');
  const require = (id: string) => {
    if (id === 'electron') return electron;
    if (SANDBOX_MODULES.has(id)) return nodeRequire(id);
    throw new Error(`module not found: ${id}`);
  };
  const module = { exports: {} };
  const sandbox = { console, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, structuredClone };
  const wrapper = vm.runInNewContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, sandbox, {
    filename: path,
  }) as (...args: unknown[]) => void;
  wrapper(module.exports, require, module, path, dirname(path));
}

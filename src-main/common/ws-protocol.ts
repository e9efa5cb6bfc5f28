/**
 * Messages of the IPC contract over a WebSocket (browser harness). Shared by the Node server
 * (src-main/harness) and the browser client; pure TypeScript, no DOM and no Node.
 */
import type { IpcEventChannel, IpcRequestChannel } from './ipc-contract.js';

export interface WsRequest {
  readonly type: 'request';
  readonly id: number;
  readonly channel: IpcRequestChannel;
  readonly arg: unknown;
}

export type WsServerMessage =
  | { readonly type: 'response'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'response'; readonly id: number; readonly ok: false; readonly error: string }
  | { readonly type: 'event'; readonly event: IpcEventChannel; readonly payload: unknown }
  /** Harness-only extras (not part of the IPC contract), e.g. a notice to raise as a browser notification. */
  | { readonly type: 'harness'; readonly kind: string; readonly payload: unknown };

/** Parses a server message; null for anything malformed (never throws on odd input). */
export function parseServerMessage(text: string): WsServerMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  if (m.type === 'response' && typeof m.id === 'number' && typeof m.ok === 'boolean') return m as unknown as WsServerMessage;
  if (m.type === 'event' && typeof m.event === 'string') return m as unknown as WsServerMessage;
  if (m.type === 'harness' && typeof m.kind === 'string') return m as unknown as WsServerMessage;
  return null;
}

/** Answers 204 for this run's token and 403 for any other: how a tab learns its token is stale (a browser hides a WebSocket's 403). */
export const AUTH_PATH = '/__auth';

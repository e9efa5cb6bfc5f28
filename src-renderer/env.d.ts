/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { BackwatchApi } from '../src-main/common/ipc-contract.js';

declare global {
  interface Window {
    /** The IPC contract: defined by the preload in Electron, by main.ts over a WebSocket in browser mode. */
    backwatch?: BackwatchApi;
  }
}

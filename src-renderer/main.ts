import { mount } from 'svelte';
import App from './App.svelte';
import { connectBrowserMode, NO_TOKEN_MESSAGE, type BrowserConnection } from './lib/browser-mode.js';
import { WindowStores } from './lib/window-stores.js';
import './app.css';
import './settings-form.css';

// Electron's preload defines window.backwatch; without it we are in browser mode.
const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
const browser: BrowserConnection | null = window.backwatch ? null : connectBrowserMode(window.location, window.sessionStorage);
const api = window.backwatch ?? browser?.api;
if (api) {
  window.backwatch = api;
  mount(App, { target, props: { stores: new WindowStores(api), browser: browser?.transport ?? null } });
} else {
  const message = document.createElement('p');
  message.className = 'no-token';
  message.textContent = NO_TOKEN_MESSAGE;
  target.append(message);
}

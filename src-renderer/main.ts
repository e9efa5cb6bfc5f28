import { mount } from 'svelte';
import App from './App.svelte';
import { connectBrowserMode, NO_TOKEN_MESSAGE, type BrowserConnection } from './lib/browser-mode.js';
import './app.css';

// Electron's preload defines window.backwatch; without it we are in browser mode.
let browser: BrowserConnection | null = null;
const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
if (!window.backwatch) browser = connectBrowserMode(window.location, window.sessionStorage);
if (!window.backwatch && !browser) {
  const message = document.createElement('p');
  message.className = 'no-token';
  message.textContent = NO_TOKEN_MESSAGE;
  target.append(message);
} else {
  if (browser) window.backwatch = browser.api;
  mount(App, { target, props: { api: window.backwatch, browser: browser?.transport ?? null } });
}

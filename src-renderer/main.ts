import { mount } from 'svelte';
import App from './App.svelte';
import { connectBrowserMode, type BrowserConnection } from './lib/browser-mode.js';
import './app.css';

// Electron's preload defines window.backwatch; without it we are in browser mode.
let browser: BrowserConnection | null = null;
if (!window.backwatch) {
  browser = connectBrowserMode(window.location, window.sessionStorage);
  window.backwatch = browser.api;
}

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
mount(App, { target, props: { api: window.backwatch, browser: browser?.transport ?? null } });

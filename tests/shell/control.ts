/**
 * What the Electron stand-in recorded, and the channel the test reads it through: the shell
 * runs in a child process (fork), which answers `state`, `click` (a tray menu entry, by its
 * labels) and `quit` messages, and first says `ready` with Chromium's DevTools port.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface MenuEntry {
  readonly label?: string;
  readonly click?: () => void;
  readonly submenu?: readonly MenuEntry[];
  readonly [key: string]: unknown;
}

/** A tray menu entry as the test sees it: what Electron would draw, and whether it can be clicked. */
export interface MenuEntryView {
  readonly label?: string;
  readonly type?: string;
  readonly enabled?: boolean;
  readonly checked?: boolean;
  readonly clickable: boolean;
  readonly submenu?: readonly MenuEntryView[];
}

export const recorded = {
  privilegedSchemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
  appRequests: [] as { url: string; status: number; csp: string | null }[],
  windows: [] as { preload: string | null; icon: string | null; show: boolean }[],
  consoleErrors: [] as string[],
  tray: { images: [] as string[], tooltip: '', title: '', menu: [] as readonly MenuEntry[], destroyed: false },
  notifications: [] as { title: string; body: string; icon: string | null }[],
  openedExternally: [] as string[],
  /** Each page printed: the paper, the URL it showed and its document. */
  printedPdfs: [] as { pageSize: string; url: string; html: string }[],
  saveDialogs: [] as { title: string; filePath: string }[],
  permissionHandlers: 0,
  badge: 0,
  appUserModelId: null as string | null,
  exitCode: null as number | null,
};

export type ShellRecord = Omit<typeof recorded, 'tray'> & {
  readonly tray: Omit<(typeof recorded)['tray'], 'menu'> & { readonly menu: readonly MenuEntryView[] };
};

function view(entries: readonly MenuEntry[]): MenuEntryView[] {
  return entries.map(({ click, submenu, label, type, enabled, checked }) => ({
    ...(label !== undefined ? { label } : {}),
    ...(typeof type === 'string' ? { type } : {}),
    ...(typeof enabled === 'boolean' ? { enabled } : {}),
    ...(typeof checked === 'boolean' ? { checked } : {}),
    clickable: typeof click === 'function',
    ...(submenu ? { submenu: view(submenu) } : {}),
  }));
}

function find(entries: readonly MenuEntry[], labels: readonly string[]): MenuEntry | undefined {
  const [first, ...rest] = labels;
  const entry = entries.find((e) => e.label === first);
  return rest.length === 0 ? entry : find(entry?.submenu ?? [], rest);
}

export type ControlRequest = { id: number; type: 'state' } | { id: number; type: 'click'; labels: string[] } | { id: number; type: 'quit' };

interface ControlOptions {
  readonly profile: string;
  readonly tray: () => readonly MenuEntry[];
  readonly quit: () => void;
}

export function serveControl({ profile, tray, quit }: ControlOptions): void {
  const send = (message: unknown) => process.send?.(message);
  process.on('message', (request: ControlRequest) => {
    if (request.type === 'state') send({ id: request.id, state: { ...recorded, tray: { ...recorded.tray, menu: view(tray()) } } });
    if (request.type === 'click') {
      const entry = find(tray(), request.labels);
      entry?.click?.();
      send({ id: request.id, clicked: Boolean(entry?.click) });
    }
    if (request.type === 'quit') {
      send({ id: request.id });
      quit();
    }
  });
  // Chromium writes the port it chose for --remote-debugging-port=0 into the profile.
  const port = Number(readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0]);
  send({ type: 'ready', cdpPort: port });
}

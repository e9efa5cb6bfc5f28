/** Watching the configuration file for what another process saved. */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** Changes come in bursts (temp file, rename): one look at the file per burst. */
const WATCH_SETTLE_MS = 40;

/**
 * Calls `changed` shortly after `file` was replaced or changed. It watches the folder, not the
 * file: a save renames a new file over the old one. A folder that does not exist yet is watched
 * from the next `start()` (the first save creates it).
 */
export function fileWatcher(file: string, changed: () => void): { start(): void; stop(): void } {
  let watcher: FSWatcher | null = null;
  let settle: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const fire = () => {
    settle = null;
    changed();
  };
  return {
    start() {
      if (watcher || stopped) return;
      try {
        watcher = watch(path.dirname(file), { persistent: false }, (_event, name) => {
          if (name && name !== path.basename(file)) return;
          settle ??= setTimeout(fire, WATCH_SETTLE_MS);
          settle.unref?.();
        });
        watcher.on('error', () => {
          watcher?.close();
          watcher = null;
        });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    },
    stop() {
      stopped = true;
      watcher?.close();
      watcher = null;
      if (settle) clearTimeout(settle);
    },
  };
}

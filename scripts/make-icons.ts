/** `npm run icons`: regenerates every icon in assets/ from the one definition in icons/tray-art.ts. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iconFiles } from './icons/tray-art.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = iconFiles();
for (const file of files) {
  const target = join(root, file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.data);
}
console.log(`Wrote ${files.length} icon files to assets/.`);

// `node --import tsx --import ./tests/shell/register-electron.mjs dist/main/electron/main.js`:
// the built main bundle's `import 'electron'` gets the stand-in instead of the npm package.
import { register } from 'node:module';

register('./electron-resolve.mjs', import.meta.url);

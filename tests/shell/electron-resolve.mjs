// Module resolution hook (see register-electron.mjs). The stand-in's URL goes on down the chain
// so tsx, registered before this hook, still resolves and compiles it.
const STAND_IN = new URL('./electron-stand-in.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  return next(specifier === 'electron' ? STAND_IN : specifier, context);
}

/**
 * Another `serve token` process for the token-file test: `node --import tsx token-writer.ts DIR NAME
 * COUNT fresh|long` adds COUNT tokens to DIR's serve-tokens.json, removing some again (`tokenStep`),
 * once the file `go` appears in DIR, so that every writer runs at the same time.
 */
import { openTokenStore, type TokenStore } from '../../src-main/serve/token-store.js';
import { runWriter } from './writer-process.js';

/** Step `i` of writer `name`: the token it adds, and every third step the one before removed. */
export function tokenStep(name: string, i: number): { add: string; remove: string | null } {
  return { add: `${name}-${i}`, remove: i % 3 === 2 ? `${name}-${i - 1}` : null };
}

/** The token names `count` steps of writer `name` leave. */
export function tokensLeft(name: string, count: number): string[] {
  const names = new Set<string>();
  for (let i = 0; i < count; i++) {
    const { add, remove } = tokenStep(name, i);
    names.add(add);
    if (remove) names.delete(remove);
  }
  return [...names];
}

export async function runTokenStep(store: TokenStore, name: string, i: number): Promise<void> {
  const { add, remove } = tokenStep(name, i);
  await store.add(add, 'read', new Date());
  if (remove) await store.remove(remove);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runWriter<TokenStore & { close(): void }>((dir) => ({ ...openTokenStore(dir), close: () => undefined }), runTokenStep);
}

/**
 * Takes credentials out of text an appliance sent before it reaches a message: error bodies that
 * echo the request (a proxy's debug page, a framework's 500) would otherwise carry them into the
 * CLI, the team API and the logs. Known shapes go by pattern; the secrets in play (the password,
 * the headers sent) go by value, also base64- and URL-encoded.
 */

const REDACTED = '[redacted]';
/** Secrets shorter than this are not searched for: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4;

const PATTERNS: readonly [RegExp, string][] = [
  // `Authorization: Basic …`, `"authorization":"Bearer …"`, also as a JSON key or a form field.
  [/\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)(?:[A-Za-z-]+ )?[^\s"',;&}]+/gi, `$1$2${REDACTED}`],
  [/\b(cookie|set-cookie)(["']?\s*[:=]\s*["']?)[^\r\n"']+/gi, `$1$2${REDACTED}`],
  [/\b(Bearer|Basic|Digest|Negotiate)\s+[A-Za-z0-9._~+/=-]{4,}/g, `$1 ${REDACTED}`],
  [
    /\b((?:password|passwd|pwd|secret|(?:access_|refresh_|id_)?token|api[_-]?key|session[_-]?id)["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi,
    `$1${REDACTED}`,
  ],
];

/** A base64 word that decodes to `user:password` (the body of a Basic header, on its own). */
function isBasicCredential(word: string): boolean {
  if (word.length < 8 || word.length % 4 !== 0) return false;
  const decoded = Buffer.from(word, 'base64').toString('utf8');
  return /^[\x21-\x7e][\x20-\x7e]*:[\x20-\x7e]+$/.test(decoded);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms a secret takes on the wire: as is, base64, URL-encoded. */
function formsOf(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, '')]);
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/** The text with known credential shapes and every given secret replaced by `[redacted]`. */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of formsOf(secret)) out = out.replace(new RegExp(escapeRegExp(form), 'g'), REDACTED);
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out.replace(/[A-Za-z0-9+/]{8,}={0,2}/g, (word) => (isBasicCredential(word) ? REDACTED : word));
}

const SHORT_BODY = 120;

/** The short, safe excerpt of a body that may go into a message: credentials and `secrets` redacted. */
export function bodyExcerpt(text: string, secrets: Iterable<string> = []): string {
  const flat = redactText(text, secrets).replace(/\s+/g, ' ').trim();
  return flat.length > SHORT_BODY ? `${flat.slice(0, SHORT_BODY)}…` : flat;
}

/** Header values sent recently, kept to redact echoes of them; bounded, as session tokens renew. */
const SENT_VALUES_KEPT = 16;
/** Headers whose values are no secret (and too common to blank out of messages). */
const PLAIN_HEADERS = new Set(['accept', 'accept-language', 'content-type', 'user-agent', 'x-api-version']);

/** Remembers the values of the headers a client sent (tokens, session ids), the newest few. */
export function createSentSecrets(): { remember(headers: Readonly<Record<string, string>>): void; values(): Iterable<string> } {
  const kept = new Set<string>();
  return {
    remember(headers) {
      for (const [name, value] of Object.entries(headers)) {
        if (PLAIN_HEADERS.has(name.toLowerCase())) continue;
        // Also without its scheme (`Bearer x` → `x`): a body may echo the token alone.
        for (const v of [value, value.replace(/^[A-Za-z-]+ /, '')]) {
          kept.delete(v);
          kept.add(v);
        }
      }
      while (kept.size > SENT_VALUES_KEPT) kept.delete(kept.values().next().value!);
    },
    values: () => kept,
  };
}

/** Text from appliances and config files, made safe to show. */

/**
 * Characters that let text rewrite a terminal (escape sequences, newlines, bell) or reorder what
 * surrounds it (bidi overrides and isolates).
 */
export const CONTROL_OR_BIDI = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const CONTROL_OR_BIDI_ALL = new RegExp(CONTROL_OR_BIDI.source, 'gu');

/** The text with every control and bidi character shown as U+FFFD, so the reader sees something was there. */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_OR_BIDI_ALL, '\uFFFD');
}

/** Names compare as people read them: case and Unicode normal form do not make two names. */
export function sameName(a: string, b: string): boolean {
  return a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();
}

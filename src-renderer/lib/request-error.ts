/**
 * The sentence a person reads when a request to Backwatch is refused. Electron wraps a rejection
 * from the main process as "Error invoking remote method '<channel>': <Name>: <message>"; the
 * browser harness sends the message alone. Both come out as the message alone.
 */
const ELECTRON_WRAPPER = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/;

export function requestErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(ELECTRON_WRAPPER, '');
}

/** A certificate fingerprint as a card shows it: its first and last four octets; the whole one goes in a title and the clipboard. */
export function shortFingerprint(fingerprint: string): string {
  const octets = fingerprint.split(':');
  return octets.length <= 8 ? fingerprint : `${octets.slice(0, 4).join(':')} … ${octets.slice(-4).join(':')}`;
}

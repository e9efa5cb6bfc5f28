import type { PresentedCertificate } from '../../src-main/common/model.js';
import type { ApplianceView } from '../../src-main/common/snapshot.js';

/** A certificate fingerprint as a card shows it: its first and last four octets; the whole one goes in a title and the clipboard. */
export function shortFingerprint(fingerprint: string): string {
  const octets = fingerprint.split(':');
  return octets.length <= 8 ? fingerprint : `${octets.slice(0, 4).join(':')} … ${octets.slice(-4).join(':')}`;
}

/**
 * The certificate an appliance presents instead of the trusted one, while that is still to be
 * decided. Once the admin trusts it the pin matches it, so the question is gone before the next poll.
 */
export function undecidedCertificate(appliance: ApplianceView): PresentedCertificate | undefined {
  const { health } = appliance;
  if (health.state !== 'untrusted_certificate' || !health.presentedCertificate) return undefined;
  return health.presentedCertificate.fingerprint256 === appliance.certificateFingerprint ? undefined : health.presentedCertificate;
}

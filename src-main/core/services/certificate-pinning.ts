/**
 * Pinning an appliance's certificate: only to the one the admin accepted, read again from the
 * appliance at the moment it is saved, so a certificate swapped in between is never trusted.
 */
import type { ApplianceDraft } from '../../common/ipc-contract.js';
import type { Appliance, CertificatePin } from '../../common/model.js';
import { normalizeFingerprint } from '../http/tls-trust.js';
import { CertificateMismatchError, UserError } from './errors.js';
import type { ServiceDeps } from './service-context.js';

/** Reads the certificate again and pins it only if it is exactly the one the admin accepted. */
export async function pinFor(
  deps: Pick<ServiceDeps, 'probeCertificate'>,
  baseUrl: string,
  acceptedFingerprint: string,
): Promise<CertificatePin> {
  const accepted = normalizeFingerprint(acceptedFingerprint) ?? acceptedFingerprint;
  const probe = await deps.probeCertificate(baseUrl);
  const presented = probe.certificate;
  if (!presented) throw new UserError(`No certificate could be read from ${baseUrl}: ${probe.message}`);
  const fingerprint = normalizeFingerprint(presented.fingerprint256);
  if (fingerprint !== accepted) {
    throw new CertificateMismatchError(
      `The certificate ${baseUrl} presents now (${presented.fingerprint256}) is not the one you accepted (${accepted}). Check it again before trusting it.`,
      presented,
      accepted,
    );
  }
  return { fingerprint256: fingerprint, pem: presented.pem };
}

/** The pin for a draft: a newly accepted fingerprint is checked; otherwise the existing pin stays. */
export async function certificateFor(deps: ServiceDeps, draft: ApplianceDraft, existing?: Appliance): Promise<CertificatePin | undefined> {
  const accepted = draft.trustedFingerprint;
  if (accepted === undefined || normalizeFingerprint(accepted) === existing?.certificate?.fingerprint256) return existing?.certificate;
  return pinFor(deps, draft.baseUrl, accepted);
}

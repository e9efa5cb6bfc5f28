/**
 * Network and certificate failures in words an admin reads: what happened to which host. The
 * system's codes (EAI_AGAIN, DEPTH_ZERO_SELF_SIGNED_CERT...) go to the log with the error, not here.
 */

const UNREACHABLE_WORDS: Readonly<Record<string, string>> = {
  ENOTFOUND: 'does not resolve: check the name, or this computer’s DNS',
  EAI_AGAIN: 'does not resolve right now: the DNS server did not answer',
  ECONNREFUSED: 'refused the connection: nothing answers on that port',
  ECONNRESET: 'closed the connection',
  EHOSTUNREACH: 'cannot be reached from this computer (no route to it)',
  ENETUNREACH: 'cannot be reached from this computer (no network route)',
  EPROTO: 'answered with something that is not TLS: check the port',
};

/** "The name backup.example.test does not resolve: ..." */
export function unreachableWords(host: string, code: string | undefined): string {
  const words = code === undefined ? undefined : UNREACHABLE_WORDS[code];
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The name ${host} ${words}.`;
  return `${host} ${words ?? 'could not be reached'}.`;
}

const CERTIFICATE_WORDS: Readonly<Record<string, string>> = {
  CERT_PIN_MISMATCH: 'changed since you trusted it: compare the new fingerprint with the appliance, then trust it again',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'is self-signed and not trusted yet: compare its fingerprint with the appliance, then trust it',
  SELF_SIGNED_CERT_IN_CHAIN: 'comes from a certificate authority this computer does not trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'comes from a certificate authority this computer does not trust',
  CERT_HAS_EXPIRED: 'has expired',
  CERT_NOT_YET_VALID: 'is not valid yet (check this computer’s clock)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'is made out for another name than the one in the URL',
};

/** "The certificate of backup.example.test:443 changed since you trusted it: ..." */
export function untrustedCertificateWords(host: string, code: string | undefined): string {
  return `The certificate of ${host} ${(code === undefined ? undefined : CERTIFICATE_WORDS[code]) ?? 'is not trusted'}.`;
}

/**
 * Certificate trust for appliances. Verification is never switched off: an appliance with a pinned
 * certificate gets that certificate as its only trust anchor plus a fingerprint check; one without
 * a pin is verified against the system's CAs. To show the admin what an untrusted appliance presents,
 * we observe the peer certificate during the handshake (before Node rejects it), never accept it.
 */
import { X509Certificate, createHash } from 'node:crypto';
import type { ConnectionOptions, DetailedPeerCertificate, PeerCertificate, TLSSocket } from 'node:tls';
import type { CertificatePin, PresentedCertificate } from '../../common/model.js';

/** OpenSSL / Node error codes that mean "this certificate is not trusted". */
const UNTRUSTED_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_PIN_MISMATCH',
]);

export function isUntrustedCertificateError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNTRUSTED_CODES.has(code);
}

/**
 * Normalises a SHA-256 fingerprint typed by a person: hex with or without colons, any case,
 * optional `SHA256 Fingerprint=` prefix (as `openssl x509 -fingerprint -sha256` prints it).
 * Returns `AA:BB:...` or null when it is not 32 bytes of hex.
 */
export function normalizeFingerprint(input: string): string | null {
  const hex = input
    .trim()
    .replace(/^sha-?256\s*fingerprint\s*=\s*/i, '')
    .replace(/[:\s]/g, '')
    .toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

/** SHA-256 fingerprint of a DER or PEM certificate, in `AA:BB:...` form. */
export function fingerprintOf(certificate: Buffer | string): string {
  const der = typeof certificate === 'string' ? new X509Certificate(certificate).raw : certificate;
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}

function derToPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function distinguishedName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');
}

/** What the admin needs to decide whether to trust a certificate. */
export function describePeerCertificate(cert: PeerCertificate | DetailedPeerCertificate): PresentedCertificate | null {
  if (!cert || !cert.raw) return null;
  return {
    fingerprint256: fingerprintOf(cert.raw),
    pem: derToPem(cert.raw),
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: new Date(cert.valid_to).toISOString(),
  };
}

/** TLS options for a connection to an appliance with the given pin (or none). */
export function tlsOptionsFor(pin: CertificatePin | undefined): ConnectionOptions {
  if (!pin) return {};
  const expected = pin.fingerprint256;
  return {
    // The pinned certificate is the only trust anchor: chain verification still runs against it.
    ca: [pin.pem],
    // Self-signed appliance certificates rarely name the host they are reached by; the pin is the identity.
    checkServerIdentity: (_host, cert) => {
      if (cert.raw && fingerprintOf(cert.raw) === expected) return undefined;
      return Object.assign(new Error('The appliance presented a certificate other than the pinned one.'), {
        code: 'CERT_PIN_MISMATCH',
      });
    },
  };
}

const presented = new WeakMap<TLSSocket, PresentedCertificate>();

/**
 * Records the certificate a socket is shown during the handshake. Node's own handler runs after
 * ours and still rejects an untrusted certificate; we only keep a copy to show the admin.
 */
export function observePeerCertificate(socket: TLSSocket): void {
  socket.prependListener('secure', () => {
    const cert = describePeerCertificate(socket.getPeerCertificate(true));
    if (cert) presented.set(socket, cert);
  });
}

export function presentedCertificateOf(socket: TLSSocket): PresentedCertificate | undefined {
  return presented.get(socket);
}

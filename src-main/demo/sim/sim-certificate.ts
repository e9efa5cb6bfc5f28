/** The simulators' certificates: self-signed, as an appliance's factory one is. */
import { X509Certificate, createHash } from 'node:crypto';
import selfsigned from 'selfsigned';

export interface SimCertificate {
  readonly key: string;
  readonly cert: string;
}

/** Makes a self-signed certificate like an appliance's factory one. */
export async function makeSelfSignedCertificate(commonName = 'appliance.local'): Promise<SimCertificate> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    notBeforeDate: new Date(Date.now() - 86_400_000),
    notAfterDate: new Date(Date.now() + 365 * 86_400_000),
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: commonName },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** SHA-256 fingerprint of a certificate, `AA:BB:...`. */
export function fingerprint256Of(pem: string): string {
  return createHash('sha256').update(new X509Certificate(pem).raw).digest('hex').toUpperCase().match(/../g)!.join(':');
}

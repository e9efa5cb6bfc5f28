/**
 * The certificate and key `serve --tls-cert/--tls-key` name, read and checked before the server
 * starts: OpenSSL's own words (`error:05800074:x509 certificate routines::key values mismatch`)
 * name neither file nor what to do, so each problem is said of its file here.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServeTls } from '../serve/serve.js';
import { EXIT } from './exit-codes.js';
import { CliError } from './cli-error.js';

function read(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CliError(`Cannot read the TLS ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
}

/** PKCS#8 and the older OpenSSL form: OpenSSL's error for them differs between versions. */
const ENCRYPTED = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: *4,ENCRYPTED/;

function privateKeyOf(key: Buffer, file: string): KeyObject {
  if (ENCRYPTED.test(key.toString('latin1')))
    throw new CliError(
      `The TLS key ${file} is encrypted: give serve the key without its passphrase (openssl pkey -in ${file} -out plain.key).`,
    );
  try {
    return createPrivateKey(key);
  } catch {
    throw new CliError(`The TLS key ${file} is not a private key in PEM form.`);
  }
}

function certificateOf(cert: Buffer, file: string): X509Certificate {
  try {
    return new X509Certificate(cert);
  } catch {
    throw new CliError(`The TLS certificate ${file} is not a certificate in PEM form.`);
  }
}

/** The TLS files, or undefined without them; a `CliError` naming the file that is wrong and how. */
export function readTls(certFile: string | undefined, keyFile: string | undefined): ServeTls | undefined {
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined)
    throw new CliError('--tls-cert and --tls-key go together: give both files.', EXIT.usage);
  const cert = read(certFile, 'certificate');
  const key = read(keyFile, 'key');
  const privateKey = privateKeyOf(key, keyFile);
  if (!certificateOf(cert, certFile).checkPrivateKey(privateKey))
    throw new CliError(`The TLS key ${keyFile} does not belong to the certificate ${certFile}: give the key the certificate was made for.`);
  return { cert, key };
}

/** What a failed request (no HTTP answer at all) means for the poller, in words an admin reads. */
import { ConnectorError, isConnectorError } from './errors.js';
import { unreachableWords, untrustedCertificateWords } from './error-words.js';
import { isUntrustedCertificateError, type presentedCertificateOf } from './tls-trust.js';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

export function transportError(error: unknown, url: string): ConnectorError {
  if (isConnectorError(error)) return error;
  const e = error as { name?: string; code?: string; message?: string; presentedCertificate?: unknown };
  if (e?.name === 'AbortError' && e.message === 'canceled') return new ConnectorError('canceled', `Request to ${url} was canceled.`);
  if (isUntrustedCertificateError(error)) {
    const certificate = e.presentedCertificate as ReturnType<typeof presentedCertificateOf>;
    return new ConnectorError('untrusted_certificate', untrustedCertificateWords(new URL(url).host, e.code), {
      ...(certificate ? { certificate } : {}),
      cause: error,
    });
  }
  const reason = typeof e?.code === 'string' ? e.code : (e?.name ?? 'error');
  const timedOut = e?.name === 'TimeoutError' || TIMEOUT_CODES.has(reason);
  const host = new URL(url).host;
  return new ConnectorError('unreachable', timedOut ? `${host} did not answer in time.` : unreachableWords(host, e?.code), {
    cause: error,
  });
}

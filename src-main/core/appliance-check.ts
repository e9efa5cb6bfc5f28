/**
 * The two checks behind "add appliance": what certificate does it present, and do the URL and
 * credentials work. Both answer in words an admin understands and never throw.
 */
import tls from 'node:tls';
import net from 'node:net';
import { type Appliance } from '../common/model.js';
import { vendorLabel } from '../common/vendors/index.js';
import type { CertificateProbe, ConnectionTestResult } from '../common/ipc-contract.js';
import { connectAppliance, type ConnectDeps } from './connect.js';
import { unreachableWords } from './http/error-words.js';
import { isConnectorError } from './http/errors.js';
import { recogniseOtherVendor, WRONG_VENDOR_SYMPTOMS } from './vendor-recognition.js';
import { describePeerCertificate, isUntrustedCertificateError, observePeerCertificate, presentedCertificateOf } from './http/tls-trust.js';

const PROBE_TIMEOUT_MS = 10_000;

/** Connects with full verification and reports the certificate the appliance presents. */
export function probeCertificate(baseUrl: string): Promise<CertificateProbe> {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return Promise.resolve({ certificate: null, trustedBySystem: false, message: `"${baseUrl}" is not a valid URL.` });
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 443);
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }), timeout: PROBE_TIMEOUT_MS });
    observePeerCertificate(socket);
    const finish = (probe: CertificateProbe) => {
      socket.destroy();
      resolve(probe);
    };
    socket.once('secureConnect', () =>
      finish({
        certificate: describePeerCertificate(socket.getPeerCertificate(true)),
        trustedBySystem: true,
        message: 'The certificate is trusted by this computer.',
      }),
    );
    socket.once('timeout', () => finish({ certificate: null, trustedBySystem: false, message: `${url.host} did not answer in time.` }));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const certificate = presentedCertificateOf(socket) ?? null;
      if (isUntrustedCertificateError(error) && certificate) {
        finish({
          certificate,
          trustedBySystem: false,
          message:
            'The appliance presents a certificate this computer does not trust. Compare its fingerprint with the one the appliance shows, then trust it.',
        });
      } else {
        finish({
          certificate: null,
          trustedBySystem: false,
          message: unreachableWords(url.host, error.code),
        });
      }
    });
  });
}

/** Logs in and reads jobs and recent sessions, with the given password (or the stored one). */
export async function testConnection(appliance: Appliance, deps: ConnectDeps): Promise<ConnectionTestResult> {
  let connector;
  try {
    connector = connectAppliance(appliance, deps);
  } catch (error) {
    return { ok: false, reason: 'error', message: (error as Error).message };
  }
  try {
    await connector.authenticate();
    const jobs = await connector.listJobs();
    const batch = await connector.listSessions(null, { active: [], has: () => false });
    return {
      ok: true,
      message: `Connected to ${appliance.name}: ${jobs.length} jobs, ${batch.sessions.length} recent sessions.`,
      jobs: jobs.length,
      sessions: batch.sessions.length,
    };
  } catch (error) {
    if (!isConnectorError(error)) return { ok: false, reason: 'error', message: `Unexpected error: ${(error as Error).message}` };
    const other = WRONG_VENDOR_SYMPTOMS.has(error.kind) ? await recogniseOtherVendor(appliance, deps.log) : null;
    if (other) {
      const message = `This address answers like ${vendorLabel(other)}, not ${vendorLabel(appliance.vendor)}.`;
      return { ok: false, reason: 'error', message, suggestedVendor: other };
    }
    const reason =
      error.kind === 'unreachable' || error.kind === 'auth_failed' || error.kind === 'untrusted_certificate' ? error.kind : 'error';
    return {
      ok: false,
      reason,
      message: error.message,
      ...(error.extra.certificate ? { certificate: error.extra.certificate } : {}),
      ...(appliance.certificate ? { previousFingerprint: appliance.certificate.fingerprint256 } : {}),
    };
  } finally {
    await connector.close();
  }
}

/**
 * What the Node side knows about a vendor beyond its pure `VendorInfo`: how to make its connector,
 * and a cheap probe that recognises its API at an address without logging in. The registry
 * (./registry.ts) lists one per vendor; nothing outside a vendor's folder names the vendor.
 */
import type { Vendor } from '../../common/model.js';
import type { VendorInfo } from '../../common/vendors/vendor-info.js';
import type { HttpClient, HttpRequest } from '../http/http-client.js';
import type { ConnectorFactory } from './connector.js';

export interface ConnectorDescriptor<K extends Vendor = Vendor> {
  readonly info: VendorInfo<K>;
  readonly connect: ConnectorFactory;
  /**
   * Whether the address answers like this vendor's API, from unauthenticated requests (a login
   * without credentials, read for its error's shape). Resolves false for any other answer; rejects
   * only with the client's `ConnectorError` (unreachable, untrusted certificate).
   */
  probe(http: HttpClient, signal?: AbortSignal): Promise<boolean>;
}

/** Keeps the vendor key's literal type. */
export function defineConnector<K extends Vendor>(descriptor: ConnectorDescriptor<K>): ConnectorDescriptor<K> {
  return descriptor;
}

/** A probe's answer: its status and its body as a JSON object (null when it is not one). */
export interface ProbeAnswer {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>> | null;
}

const PROBE_TIMEOUT_MS = 5000;

/** Sends one probe request (no retries, a short timeout) and reads its body as a JSON object if it is one. */
export async function probeRequest(http: HttpClient, req: HttpRequest, signal?: AbortSignal): Promise<ProbeAnswer> {
  const response = await http.request({ ...req, retries: 0, timeoutMs: PROBE_TIMEOUT_MS, maxBytes: 65_536, ...(signal ? { signal } : {}) });
  let body: unknown = null;
  try {
    body = JSON.parse(response.text);
  } catch {
    // Not JSON: the shape tests below see null.
  }
  const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  return { status: response.status, body: record };
}

/** Whether every named field of the body is a string. */
export const hasStrings = (body: ProbeAnswer['body'], ...fields: string[]): boolean =>
  body !== null && fields.every((field) => typeof body[field] === 'string');

/**
 * VBR's answer to a REST API revision it does not speak: a 400 "Unsupported RESTAPI version" that
 * lists the ones it does. The list is read from the whole body, as an error message quotes only a
 * short, redacted excerpt of it, which a long list would outrun.
 */
import { ConnectorError, isConnectorError } from '../../http/errors.js';
import type { HttpResponse } from '../../http/http-client.js';
import { bestVbrRevision, type VbrRevision } from './vbr-requests.js';
import { readUnsupportedRevisions } from './vbr-values.js';

/** Revisions of an "Unsupported RESTAPI version" answer taken in (a server lists a handful). */
const MAX_LISTED_REVISIONS = 20;

/** The error of a token answer that refuses the revision, naming the ones listed; null for any other answer. */
export function revisionRefusal(response: HttpResponse): ConnectorError | null {
  const listed = response.status === 400 ? readUnsupportedRevisions(response.text) : null;
  if (!listed) return null;
  const named = listed.slice(0, MAX_LISTED_REVISIONS).map((r) => `v${r}`);
  const path = new URL(response.url).pathname;
  return new ConnectorError('http', `HTTP 400 from ${path}: Unsupported RESTAPI version: ${named.join(', ')}.`, { status: 400 });
}

/** The revisions a 400 "Unsupported RESTAPI version" lists; null for any other failure. */
export function unsupportedRevisions(e: unknown): string[] | null {
  return isConnectorError(e) && e.kind === 'http' && e.extra.status === 400 ? readUnsupportedRevisions(e.message) : null;
}

/** The server cannot speak `tried`: the best revision it lists instead, unless the user set one (`forced`). */
export function fallbackRevision(tried: VbrRevision, listed: readonly string[], forced: VbrRevision | null): VbrRevision {
  const best = bestVbrRevision(listed);
  const offered = listed.length > 0 ? listed.join(', ') : 'none';
  if (forced) {
    throw new ConnectorError('http', `VBR does not speak REST API revision ${tried} set for this appliance; it speaks ${offered}.`, {
      status: 400,
    });
  }
  if (!best || best === tried) {
    throw new ConnectorError('http', `VBR speaks none of the REST API revisions Backwatch knows (it speaks ${offered}).`, {
      status: 400,
    });
  }
  return best;
}

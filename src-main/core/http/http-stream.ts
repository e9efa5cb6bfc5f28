/** A long-lived answer (an event stream) of an appliance or team server, handed over as it arrives. */
import type { Dispatcher } from 'undici';
import { ConnectorError } from './errors.js';
import type { HttpRequest, HttpStats, HttpStream } from './http-client.js';
import { DEFAULT_TIMEOUT_MS, headersOf } from './http-request.js';
import { transportError } from './transport-error.js';

async function* chunksOf(body: AsyncIterable<Buffer>, url: URL, stats: HttpStats, signal?: AbortSignal): AsyncIterable<string> {
  const decoder = new TextDecoder();
  try {
    for await (const chunk of body) {
      stats.bytes += chunk.length;
      yield decoder.decode(chunk, { stream: true });
    }
  } catch (error) {
    if (signal?.aborted) throw new ConnectorError('canceled', `Request to ${url.href} was canceled.`);
    throw transportError(error, url.href);
  }
}

/** Sends `req` through `send` and hands its body over chunk by chunk; only the wait for the headers is bounded as a whole. */
export async function openStream(
  req: HttpRequest,
  url: URL,
  send: (signal: AbortSignal) => Promise<Dispatcher.ResponseData>,
  stats: HttpStats,
): Promise<HttpStream> {
  // The body may last for hours.
  const headersDue = AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const abort = new AbortController();
  const onHeadersDue = () => abort.abort(headersDue.reason);
  headersDue.addEventListener('abort', onHeadersDue, { once: true });
  const signal = req.signal ? AbortSignal.any([req.signal, abort.signal]) : abort.signal;
  try {
    const answer = await send(signal);
    return { status: answer.statusCode, headers: headersOf(answer), chunks: chunksOf(answer.body, url, stats, req.signal) };
  } catch (error) {
    if (req.signal?.aborted) throw new ConnectorError('canceled', `Request to ${url.href} was canceled.`);
    throw transportError(error, url.href);
  } finally {
    headersDue.removeEventListener('abort', onHeadersDue);
  }
}

/**
 * Reading a Server-Sent Events stream (the WHATWG `text/event-stream` format): text arrives in
 * chunks of any size, an event ends at a blank line, comment lines (keep-alives) are skipped.
 */

export interface StreamEvent {
  /** The `event:` field; `message` when the server named none. */
  readonly event: string;
  /** The `data:` lines joined with newlines. */
  readonly data: string;
  readonly id: string | null;
}

/**
 * The most characters an event (and so a line) may hold: a fleet's status frame is megabytes at
 * most, and a server that sends without end must not fill this process's memory.
 */
export const MAX_EVENT_CHARS = 32 * 1024 * 1024;

/** The stream broke the bound: the reader drops the connection. */
export class EventStreamTooLarge extends Error {
  override readonly name = 'EventStreamTooLarge';
}

/**
 * A parser fed with chunks of text; it calls `onEvent` for every complete event. `feed` throws
 * `EventStreamTooLarge` once an event or a line outgrows `maxChars`.
 */
export function createEventStreamParser(
  onEvent: (event: StreamEvent) => void,
  maxChars: number = MAX_EVENT_CHARS,
): { feed(text: string): void } {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let dataChars = 0;
  let id: string | null = null;
  const tooLarge = () => new EventStreamTooLarge(`The event stream sent an event of more than ${maxChars} characters.`);

  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onEvent({ event: event || 'message', data: data.join('\n'), id });
      event = '';
      data = [];
      dataChars = 0;
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') {
      dataChars += value.length + 1;
      if (dataChars > maxChars) throw tooLarge();
      data.push(value);
    } else if (field === 'id') id = value;
  };

  return {
    feed(text) {
      buffer += text;
      let end: number;
      while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const eol = buffer.startsWith('\r\n', end) ? 2 : 1;
        // A lone \r at the end of a chunk may be the first half of \r\n: wait for the next chunk.
        if (eol === 1 && buffer[end] === '\r' && end === buffer.length - 1) break;
        line(buffer.slice(0, end));
        buffer = buffer.slice(end + eol);
      }
      if (buffer.length > maxChars) throw tooLarge();
    },
  };
}

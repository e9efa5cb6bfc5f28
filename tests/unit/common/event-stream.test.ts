import { describe, expect, it } from 'vitest';
import { createEventStreamParser, EventStreamTooLarge, type StreamEvent } from '../../../src-main/common/event-stream.js';

function parse(chunks: readonly string[]): StreamEvent[] {
  const events: StreamEvent[] = [];
  const parser = createEventStreamParser((e) => events.push(e));
  chunks.forEach((chunk) => parser.feed(chunk));
  return events;
}

describe('the event-stream parser', () => {
  it('reads named events with ids, skipping keep-alive comments', () => {
    expect(parse(['id: 1\nevent: status\ndata: {"a":1}\n\n: keep-alive\n\nid: 2\nevent: changes\ndata: []\n\n'])).toEqual([
      { event: 'status', data: '{"a":1}', id: '1' },
      { event: 'changes', data: '[]', id: '2' },
    ]);
  });

  it('joins an event split anywhere across chunks, CRLF line ends included', () => {
    const text = 'event: sessions\r\ndata: {"reset":false}\r\n\r\ndata: x\r\ndata: y\r\n\r\n';
    const whole = parse([text]);
    expect(whole).toEqual([
      { event: 'sessions', data: '{"reset":false}', id: null },
      { event: 'message', data: 'x\ny', id: null },
    ]);
    for (let cut = 1; cut < text.length; cut++) expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
  });

  it('holds an event back until its blank line arrives', () => {
    expect(parse(['event: status\ndata: {}\n'])).toEqual([]);
  });
});

describe('the event-stream parser’s bounds', () => {
  it('refuses a line that never ends and an event of endless data lines', () => {
    const endless = createEventStreamParser(() => {}, 1000);
    endless.feed('data: ');
    expect(() => {
      for (let i = 0; i < 20; i++) endless.feed('x'.repeat(100));
    }).toThrow(EventStreamTooLarge);
    const many = createEventStreamParser(() => {}, 1000);
    expect(() => many.feed('data: 0123456789\n'.repeat(100))).toThrow(/more than 1000 characters/);
  });

  it('reads events up to the bound, one after another', () => {
    const events: StreamEvent[] = [];
    const parser = createEventStreamParser((e) => events.push(e), 1000);
    for (let i = 0; i < 10; i++) parser.feed(`data: ${'y'.repeat(900)}\n\n`);
    expect(events).toHaveLength(10);
  });
});

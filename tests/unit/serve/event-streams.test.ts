/**
 * Event streams against clients that do not read and tokens that open too many: frames queue in a
 * bounded way (a newer status replacing an older one), a stream past the bound is dropped, and the
 * streams per token and in all are capped.
 */
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../src-main/core/logger.js';
import { createEventStreams, MAX_QUEUED_BYTES, MAX_STREAMS, MAX_STREAMS_PER_TOKEN } from '../../../src-main/serve/event-streams.js';
import type { TokenEntry, TokenStore } from '../../../src-main/serve/token-store.js';

/** A response whose socket is full while `full` is set, and drains when told. */
class FakeResponse extends EventEmitter {
  full = false;
  destroyed = false;
  readonly written: string[] = [];
  writeHead() {
    return this;
  }
  write(bytes: Buffer) {
    this.written.push(bytes.toString());
    return !this.full;
  }
  drain() {
    this.full = false;
    this.emit('drain');
  }
  end() {
    this.emit('close');
  }
  destroy() {
    this.destroyed = true;
    this.emit('close');
  }
}

const entry = (name: string): TokenEntry => ({ name, scope: 'read', sha256: name.padEnd(64, '0'), createdAt: '' });
const tokens = { isCurrent: () => true } as unknown as TokenStore;
const open = () => createEventStreams({ tokens, log: silentLogger, heartbeatMs: 3_600_000, onFirst: () => {}, onEmpty: () => {} });
const asRes = (r: FakeResponse) => r as unknown as ServerResponse;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a client that does not read', () => {
  it('gets queued frames once it drains, an older status replaced by the newer', () => {
    const streams = open();
    const res = new FakeResponse();
    streams.open(asRes(res), entry('desk'));
    res.full = true;
    streams.broadcast(Buffer.from('status-0'), 'status');
    streams.broadcast(Buffer.from('status-1'), 'status');
    streams.broadcast(Buffer.from('sessions-1'));
    streams.broadcast(Buffer.from('status-2'), 'status');
    expect(res.written).toEqual(['status-0']);
    res.drain();
    expect(res.written).toEqual(['status-0', 'sessions-1', 'status-2']);
    streams.closeAll();
  });

  it('is dropped once more than the bound waits for it, and the others go on', () => {
    const streams = open();
    const slow = new FakeResponse();
    const fast = new FakeResponse();
    streams.open(asRes(slow), entry('slow'));
    streams.open(asRes(fast), entry('fast'));
    slow.full = true;
    const delta = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i <= MAX_QUEUED_BYTES / delta.length + 1; i++) streams.broadcast(delta);
    expect(slow.destroyed).toBe(true);
    expect(streams.isOpen(asRes(slow))).toBe(false);
    expect(streams.isOpen(asRes(fast))).toBe(true);
    expect(fast.written.length).toBeGreaterThan(MAX_QUEUED_BYTES / delta.length);
    streams.closeAll();
  });
});

describe('stream caps', () => {
  it('refuses a token past its streams, and every token past the total', () => {
    const streams = open();
    for (let i = 0; i < MAX_STREAMS_PER_TOKEN; i++) streams.open(asRes(new FakeResponse()), entry('wallboard'));
    expect(streams.refusal(entry('wallboard'))).toMatch(/has 20 event streams open already/);
    expect(streams.refusal(entry('other'))).toBeNull();
    for (let i = MAX_STREAMS_PER_TOKEN; i < MAX_STREAMS; i++) streams.open(asRes(new FakeResponse()), entry(`t${i % 40}`));
    expect(streams.refusal(entry('other'))).toMatch(/500 event streams open/);
    streams.closeAll();
    expect(streams.size).toBe(0);
  });
});

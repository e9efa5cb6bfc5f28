import { describe, expect, it } from 'vitest';
import { anyOf, Emitter, on, Relay, type Event } from '../../../src-main/common/event.js';

const collecting = () => {
  const errors: unknown[] = [];
  return { errors, onListenerError: (error: unknown) => errors.push(error) };
};

describe('Emitter', () => {
  it('calls every listener in order and stops calling one that unsubscribed', () => {
    const emitter = new Emitter<number>(collecting());
    const heard: string[] = [];
    const offA = emitter.event((n) => heard.push(`a${n}`));
    emitter.event((n) => heard.push(`b${n}`));
    emitter.fire(1);
    offA();
    offA();
    emitter.fire(2);
    expect(heard).toEqual(['a1', 'b1', 'b2']);
  });

  it('reports a listener that throws and still calls the listeners after it', () => {
    const policy = collecting();
    const emitter = new Emitter<string>(policy);
    const heard: string[] = [];
    emitter.event(() => {
      throw new Error('broken window');
    });
    emitter.event((value) => heard.push(value));
    emitter.fire('status');
    expect(heard).toEqual(['status']);
    expect(policy.errors).toEqual([new Error('broken window')]);
  });

  it('does not call a listener that an earlier one removed during the same fire', () => {
    const emitter = new Emitter<number>(collecting());
    const heard: string[] = [];
    let offB = () => {};
    emitter.event(() => offB());
    offB = emitter.event(() => heard.push('b'));
    emitter.fire(1);
    expect(heard).toEqual([]);
  });

  it('says when its first listener came and its last one left, and forgets all on dispose', () => {
    const seen: string[] = [];
    const emitter = new Emitter<number>({
      ...collecting(),
      onFirstListener: () => seen.push('first'),
      onLastListenerRemoved: () => seen.push('last'),
    });
    const off = emitter.event(() => undefined);
    expect(emitter.hasListeners()).toBe(true);
    off();
    expect(emitter.hasListeners()).toBe(false);
    emitter.event(() => seen.push('heard'));
    emitter.dispose();
    emitter.fire(1);
    emitter.event(() => seen.push('late'));
    emitter.fire(2);
    expect(seen).toEqual(['first', 'last', 'first', 'last']);
  });
});

describe('Relay', () => {
  it('keeps its listeners while its input is swapped, and hears only the current input', () => {
    const policy = collecting();
    const first = new Emitter<string>(policy);
    const second = new Emitter<string>(policy);
    const relay = new Relay<string>(policy.onListenerError);
    relay.input = first.event;
    const heard: string[] = [];
    relay.event((value) => heard.push(value));
    first.fire('appliances');
    relay.input = second.event;
    first.fire('stale');
    second.fire('team server');
    expect(heard).toEqual(['appliances', 'team server']);
    expect(first.hasListeners()).toBe(false);
  });

  it('listens upstream only while it has listeners of its own', () => {
    const policy = collecting();
    const upstream = new Emitter<number>(policy);
    const relay = new Relay<number>(policy.onListenerError);
    relay.input = upstream.event;
    expect(upstream.hasListeners()).toBe(false);
    const off = relay.event(() => undefined);
    expect(upstream.hasListeners()).toBe(true);
    off();
    expect(upstream.hasListeners()).toBe(false);
  });
});

describe('on', () => {
  it('passes the payload of one type of a typed stream', () => {
    type Typed = { type: 'notice'; payload: string } | { type: 'poll'; payload: number };
    const emitter = new Emitter<Typed>(collecting());
    const events: Event<Typed> = emitter.event;
    const notices: string[] = [];
    on(events, 'notice', (title) => notices.push(title));
    emitter.fire({ type: 'poll', payload: 3 });
    emitter.fire({ type: 'notice', payload: 'Backup failed' });
    expect(notices).toEqual(['Backup failed']);
  });
});

describe('anyOf', () => {
  it('carries what each event fires, and unsubscribes from all at once', () => {
    const policy = collecting();
    const windows = new Emitter<string>(policy);
    const notices = new Emitter<string>(policy);
    const heard: string[] = [];
    const off = anyOf(windows.event, notices.event)((value) => heard.push(value));
    windows.fire('status');
    notices.fire('notice');
    off();
    expect(heard).toEqual(['status', 'notice']);
    expect(windows.hasListeners() || notices.hasListeners()).toBe(false);
  });
});

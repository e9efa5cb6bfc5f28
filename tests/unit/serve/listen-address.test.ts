import { describe, expect, it } from 'vitest';
import { allowedHostNames, hostOfHeader, isLoopback, listenRefusal, parseListenAddress } from '../../../src-main/serve/listen-address.js';

describe('listen addresses', () => {
  it('parses HOST:PORT and [IPv6]:PORT, and refuses the rest in one sentence', () => {
    expect(parseListenAddress('127.0.0.1:9847')).toEqual({ host: '127.0.0.1', port: 9847 });
    expect(parseListenAddress('[::1]:0')).toEqual({ host: '::1', port: 0 });
    expect(parseListenAddress('Backwatch.Example.org:443')).toEqual({ host: 'backwatch.example.org', port: 443 });
    for (const bad of ['9847', 'host:', 'host:70000', '::1:9847', 'a b:1'])
      expect(() => parseListenAddress(bad), bad).toThrow(/--listen takes HOST:PORT/);
  });

  it('knows loopback, and refuses anything else without TLS', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost', '[::1]']) expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'backwatch.example.org']) expect(isLoopback(host), host).toBe(false);
    expect(listenRefusal({ host: '0.0.0.0', port: 1 }, false)).toMatch(/^Refusing to listen on 0\.0\.0\.0 without TLS/);
    expect(listenRefusal({ host: '0.0.0.0', port: 1 }, true)).toBeNull();
    expect(listenRefusal({ host: '127.0.0.1', port: 1 }, false)).toBeNull();
  });

  it('answers to loopback names, the listen host unless a wildcard, and the public names', () => {
    expect([...allowedHostNames({ host: '0.0.0.0', port: 1 }, ['Backwatch.example.org'])].sort()).toEqual(
      ['127.0.0.1', '::1', 'backwatch.example.org', 'localhost'].sort(),
    );
    expect(allowedHostNames({ host: '10.1.2.3', port: 1 }, []).has('10.1.2.3')).toBe(true);
    expect(hostOfHeader('LocalHost:9847')).toBe('localhost');
    expect(hostOfHeader('[::1]:9847')).toBe('::1');
    expect(hostOfHeader('a:b:c')).toBeNull();
    expect(hostOfHeader(undefined)).toBeNull();
  });
});

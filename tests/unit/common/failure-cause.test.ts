import { describe, expect, it } from 'vitest';
import { failureCause } from '../../../src-main/common/failure-cause.js';
import type { JobLogEntry, ResourceProgress } from '../../../src-main/common/model.js';

const resource = (resourceName: string, status: ResourceProgress['status'], message?: string): ResourceProgress => ({
  resourceName,
  type: 'vm',
  status,
  vendorStatus: status,
  percent: null,
  transferredText: null,
  throughputBytesPS: null,
  elapsedSec: null,
  ...(message === undefined ? {} : { message }),
});

const line = (level: JobLogEntry['level'], message: string): JobLogEntry => ({ time: null, level, message });

const failed = { status: 'failed', message: '1 of 5 vm failed' } as const;

describe('failureCause', () => {
  it('names the failed resource and its reason, not the count of failures', () => {
    const resources = [
      resource('web-prod-01', 'succeeded'),
      resource('web-prod-02', 'failed', 'the storage target is out of space'),
      resource('erp-app-01', 'canceled'),
    ];
    expect(failureCause(failed, resources, null)).toBe('web-prod-02: the storage target is out of space');
  });

  it('keeps a vendor message that already names its resource as it is', () => {
    const resources = [resource('web-prod-02', 'failed', 'web-prod-02: snapshot creation timed out')];
    expect(failureCause(failed, resources, null)).toBe('web-prod-02: snapshot creation timed out');
    // A longer name that merely starts like the resource's is another resource.
    expect(failureCause(failed, [resource('web', 'failed', 'web-prod-02 timed out')], null)).toBe('web: web-prod-02 timed out');
  });

  it('names two causes and counts the rest', () => {
    const resources = ['a', 'b', 'c', 'd'].map((n) => resource(n, 'failed', 'quiesce failed'));
    expect(failureCause(failed, resources, null)).toBe('a: quiesce failed; b: quiesce failed and 2 more');
  });

  it('says a resource failed when its vendor gives no reason', () => {
    expect(failureCause(failed, [resource('db-01', 'failed')], null)).toBe('db-01 failed');
  });

  it('takes the warnings of a run that warned, and leads with failures over warnings', () => {
    const resources = [resource('fs-01', 'warning', 'a file was locked'), resource('fs-02', 'succeeded')];
    expect(failureCause({ status: 'warning', message: null }, resources, null)).toBe('fs-01: a file was locked');
    expect(failureCause(failed, [...resources, resource('fs-03', 'failed', 'disk gone')], null)).toBe('fs-03: disk gone');
  });

  it('falls back to the log’s errors, then its warnings, once, when no resource says why', () => {
    const log = [
      line('info', 'Job started'),
      line('warning', 'slow target'),
      line('error', 'mailbox-group-02: the connection to the proxy was lost'),
      line('error', 'mailbox-group-02: the connection to the proxy was lost'),
    ];
    expect(failureCause(failed, [resource('vm', 'succeeded')], log)).toBe('mailbox-group-02: the connection to the proxy was lost');
    expect(failureCause({ status: 'warning', message: null }, [], log.slice(0, 2))).toBe('slow target');
  });

  it('falls back to the session’s own message, and says nothing for a run that did not fail or warn', () => {
    expect(failureCause(failed, null, [line('info', 'done')])).toBe('1 of 5 vm failed');
    expect(failureCause({ status: 'failed', message: '  ' }, null, null)).toBeNull();
    expect(failureCause({ status: 'succeeded', message: 'x' }, [resource('vm', 'failed', 'boom')], null)).toBeNull();
    expect(failureCause({ status: 'canceled', message: 'canceled by the administrator' }, null, null)).toBeNull();
  });
});

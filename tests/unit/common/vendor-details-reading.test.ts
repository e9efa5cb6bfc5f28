/**
 * A session's vendor details come back from the history file or a team server as an opaque
 * record: each vendor's detail sections read it field by field, so numbers sent as text, nulls and
 * stray values show as the clean record would, and nothing throws.
 */
import { describe, expect, it } from 'vitest';
import type { VendorDetails } from '../../../src-main/common/model.js';
import { VENDORS, vendorInfo } from '../../../src-main/common/vendors/index.js';

/** What the session detail view would show for `details`: each shown section's title and lines. */
function shown(vendor: string, details: VendorDetails): string[][] {
  return vendorInfo(vendor).detailSections.flatMap((section) => {
    if (section.kind === 'fields') {
      if (!section.shown(details)) return [];
      return [[section.title, ...section.fields.map((field) => `${field.label}: ${field.value(details) ?? '(hidden)'}`)]];
    }
    if (section.kind === 'list') return [[section.title, ...section.items(details)]];
    return [[section.title, ...section.rows(details).map((row) => row.join(' | '))]];
  });
}

const vendorWithSection = (title: string): string => {
  const vendor = VENDORS.find((key) => vendorInfo(key).detailSections.some((section) => section.title === title));
  if (!vendor) throw new Error(`no vendor shows ${title}`);
  return vendor;
};

describe('vendor details read from a stored record', () => {
  it('shows numbers sent as text as the numbers, and skips list items that are no text', () => {
    const vendor = vendorWithSection('Backup');
    const odd = { sizeBytes: '2048', location: 'sftp://b/1', messages: ['Done', 7, null, {}], user: '' };
    const clean = { sizeBytes: 2048, location: 'sftp://b/1', messages: ['Done', '7'], user: null };
    expect(shown(vendor, odd)).toEqual(shown(vendor, clean));
    expect(shown(vendor, odd).flat()).toContain('Size: 2.0 KB');
  });

  it('reads a task table whose counts are text and whose rows may be junk, and no table at all from a non-list', () => {
    const vendor = vendorWithSection('Tasks');
    const odd = { taskStatistics: [{ resourceType: 'vm', total: '3', success: 3, failed: null }, 'junk'] };
    const clean = { taskStatistics: [{ resourceType: 'vm', total: 3, success: 3, failed: null, skipped: null }] };
    expect(shown(vendor, odd)).toEqual(shown(vendor, clean));
    expect(shown(vendor, { taskStatistics: 'not a list' })).toEqual([['Tasks']]);
  });

  it('reads statistics and retries sent as text', () => {
    const vendor = vendorWithSection('Statistics');
    const stats = { processingRateItemsPS: 9, readRateBytesPS: null, writeRateBytesPS: null, processedObjects: 4, bottleneck: 'Source' };
    const odd = {
      statistics: { ...stats, processingRateBytesPS: '1500', transferredDataBytes: '2048' },
      retryCount: '2',
      willBeRetried: 'true',
    };
    const clean = { statistics: { ...stats, processingRateBytesPS: 1500, transferredDataBytes: 2048 }, retryCount: 2, willBeRetried: true };
    expect(shown(vendor, odd)).toEqual(shown(vendor, clean));
    expect(shown(vendor, odd).flat()).toContain('Retries: 2 (will be retried)');
  });

  it.each([...VENDORS])('%s shows an empty or hostile record without throwing', (vendor) => {
    for (const details of [{}, { statistics: 'x', taskStatistics: 5, messages: 'x', sizeBytes: {}, retryCount: [] }]) {
      expect(() => shown(vendor, details)).not.toThrow();
    }
  });
});

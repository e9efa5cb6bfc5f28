import { describe, expect, it } from 'vitest';
import { vb365Info } from '../../../src-main/common/vendors/vb365/vb365-info.js';
import type { VendorDetails } from '../../../src-main/common/model.js';

const field = (label: string, details: VendorDetails): string | null => {
  for (const section of vb365Info.detailSections) {
    if (section.kind !== 'fields') continue;
    const found = section.fields.find((f) => f.label === label);
    if (found) return found.value(details);
  }
  throw new Error(`no field ${label}`);
};

const rates = (itemsPerSec: number): VendorDetails => ({
  statistics: {
    processingRateBytesPS: 1_500,
    processingRateItemsPS: itemsPerSec,
    readRateBytesPS: null,
    writeRateBytesPS: null,
    transferredDataBytes: null,
    processedObjects: null,
    bottleneck: null,
  },
});

describe('VB365 session details', () => {
  it('say one item per second in the singular', () => {
    expect(field('Processing rate', rates(1))).toBe('1.5 KB/s · 1 item/s');
    expect(field('Processing rate', rates(9))).toBe('1.5 KB/s · 9 items/s');
  });

  it('say what they count: items, beside the objects of the session’s progress', () => {
    const processed = (processedObjects: number | null): VendorDetails => ({
      statistics: { ...(rates(1)['statistics'] as object), processedObjects },
    });
    expect(field('Items processed', processed(51))).toBe('51 items (mails, files, list items)');
    expect(field('Items processed', processed(1))).toBe('1 item (mails, files, list items)');
    expect(field('Items processed', processed(null))).toBe('—');
    expect(() => field('Processed objects', processed(51))).toThrow();
  });
});

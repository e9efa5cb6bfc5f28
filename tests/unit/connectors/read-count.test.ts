/** Sizes and counts read defensively: what no size can be (-1e308, 1e308, -1) is no size at all. */
import { describe, expect, it } from 'vitest';
import { readCount } from '../../../src-main/common/read-fields.js';
import { readVb365Quantity } from '../../../src-main/core/connectors/vb365/vb365-parser.js';
import { parseDetailsEntry } from '../../../src-main/core/connectors/vcsa/vcsa-parser.js';
import { silentLogger } from '../../../src-main/core/logger.js';

describe('readCount', () => {
  it.each([
    [0, 0],
    [217081904, 217081904],
    ['42', 42],
    [' 12.5 ', 12.5],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  ])('%s → %s', (v, n) => expect(readCount(v)).toBe(n));

  it.each([-1e308, 1e308, -1, '-1e308', '1e308', Number.MAX_SAFE_INTEGER + 2, Number.NaN, 'big', null])('%s → null', (v) =>
    expect(readCount(v)).toBeNull(),
  );
});

describe('readVb365Quantity at the edges', () => {
  it.each(['1e308 TB', '-5 MB', -1e308])('%s → null', (v) => expect(readVb365Quantity(v)).toBeNull());
});

describe('a vCenter backup of size -1e308', () => {
  it('has no size, rather than one no JSON reader can take', () => {
    const session = parseDetailsEntry('j', { status: 'SUCCEEDED', size: -1e308 }, { applianceId: 'a1', log: silentLogger });
    expect(session?.details?.['sizeBytes']).toBeNull();
  });
});

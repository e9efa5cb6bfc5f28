/**
 * What VB365's sessions keep beyond the model: the job session's statistics and retries. One reader
 * serves the parser (the answer's `statistics`, whose quantities may be text with units) and the
 * detail view (the stored record, which may come back from the history file or a team server in
 * any shape): both name the fields alike, and each says how a quantity is read.
 */
import type { VendorDetails } from '../../model.js';
import { asRecord, readBoolean, readCount, readString, type JsonRecord } from '../../read-fields.js';

type Vb365Statistics = {
  readonly processingRateBytesPS: number | null;
  readonly processingRateItemsPS: number | null;
  readonly readRateBytesPS: number | null;
  readonly writeRateBytesPS: number | null;
  readonly transferredDataBytes: number | null;
  readonly processedObjects: number | null;
  readonly bottleneck: string | null;
};

/** A type, not an interface: the parser stores it as the session's opaque record. */
export type Vb365Details = {
  readonly statistics?: Vb365Statistics;
  readonly retryCount: number | null;
  readonly willBeRetried?: boolean;
};

type QuantityReader = (v: unknown) => number | null;

/** `statistics` with each quantity read by `quantity`; absent when it is no object. */
function readStatistics(v: unknown, quantity: QuantityReader): Vb365Statistics | undefined {
  const s = asRecord(v);
  if (!s) return undefined;
  return {
    processingRateBytesPS: quantity(s['processingRateBytesPS']),
    processingRateItemsPS: quantity(s['processingRateItemsPS']),
    readRateBytesPS: quantity(s['readRateBytesPS']),
    writeRateBytesPS: quantity(s['writeRateBytesPS']),
    transferredDataBytes: quantity(s['transferredDataBytes']),
    processedObjects: quantity(s['processedObjects']),
    bottleneck: readString(s['bottleneck']),
  };
}

/** The details from `record`, under its own names for the two retry fields. */
export function readVb365Fields(
  record: JsonRecord,
  keys: { readonly retryCount: string; readonly willBeRetried: string },
  quantity: QuantityReader,
): Vb365Details {
  const statistics = readStatistics(record['statistics'], quantity);
  const willBeRetried = readBoolean(record[keys.willBeRetried]);
  return {
    ...(statistics ? { statistics } : {}),
    retryCount: readCount(record[keys.retryCount]),
    ...(willBeRetried === null ? {} : { willBeRetried }),
  };
}

export function readVb365Details(details: VendorDetails): Vb365Details {
  return readVb365Fields(details, { retryCount: 'retryCount', willBeRetried: 'willBeRetried' }, readCount);
}

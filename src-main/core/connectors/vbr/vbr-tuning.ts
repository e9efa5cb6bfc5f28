/** Windows, page sizes and bounds of the VBR connector; the defaults suit production, tests may shrink them. */
export interface VbrTuning {
  /** The first poll reads sessions created this long ago or later. */
  readonly firstWindowMs: number;
  /** Most sessions the first poll reads from that window. */
  readonly firstWindow: number;
  /** Page size of every list. */
  readonly pageSize: number;
  /** Most sessions a later poll reads; a burst beyond is the next poll's backlog. */
  readonly pollLimit: number;
  /** First poll: most jobs without a session in the window whose last session is read by id. */
  readonly quietJobLookups: number;
  /** Most pages read from any list. */
  readonly maxPages: number;
  /** Refresh the token this long before it expires (at most a fifth of its lifetime). */
  readonly refreshMarginMs: number;
  readonly logPageSize: number;
}

export const VBR_TUNING: VbrTuning = {
  firstWindowMs: 48 * 3_600_000,
  firstWindow: 300,
  pageSize: 100,
  pollLimit: 500,
  quietJobLookups: 50,
  maxPages: 20,
  refreshMarginMs: 2 * 60_000,
  logPageSize: 100,
};

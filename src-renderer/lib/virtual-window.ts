/** The slice of a fixed-row-height list that must be in the DOM for a given scroll position. */
export interface VirtualWindow {
  /** First row index rendered. */
  readonly start: number;
  /** One past the last row index rendered. */
  readonly end: number;
  /** Pixels above the first rendered row (the spacer that keeps the scrollbar honest). */
  readonly offsetTop: number;
  /** Total height of the whole list in pixels. */
  readonly totalHeight: number;
}

/**
 * Visible rows plus `overscan` rows either side, so fast scrolling does not show blank gaps.
 * Never throws on odd input (zero height before the first layout, scroll past the end).
 */
export function virtualWindow(count: number, rowHeight: number, scrollTop: number, viewportHeight: number, overscan = 8): VirtualWindow {
  const totalHeight = Math.max(0, count) * rowHeight;
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, offsetTop: 0, totalHeight };
  const firstVisible = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visibleCount = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const start = Math.min(Math.max(0, firstVisible - overscan), count - 1);
  const end = Math.min(count, firstVisible + visibleCount + overscan);
  return { start, end: Math.max(start, end), offsetTop: start * rowHeight, totalHeight };
}

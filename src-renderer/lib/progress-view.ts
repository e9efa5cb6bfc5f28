/** How a session's progress is drawn: a percent bar, an object counter, or nothing. */
import { countOf } from '../../src-main/common/format.js';
import type { Progress } from '../../src-main/common/model.js';

export type ProgressView =
  | { readonly kind: 'percent'; readonly percent: number; readonly text: string }
  | { readonly kind: 'count'; readonly completed: number; readonly text: string }
  | { readonly kind: 'none'; readonly text: string };

const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);

/**
 * A percent wins when the vendor gives one (SPP), else completed/total (VCSA); VB365 gives only a
 * running count, which gets an indeterminate bar with "1,234 objects".
 */
export function progressView(p: Progress): ProgressView {
  const unit = p.unit ?? 'items';
  if (finite(p.percent)) {
    const percent = Math.min(100, Math.max(0, Math.round(p.percent)));
    return { kind: 'percent', percent, text: `${percent}%` };
  }
  if (finite(p.completed) && finite(p.total) && p.total > 0) {
    const percent = Math.min(100, Math.max(0, Math.round((p.completed / p.total) * 100)));
    return {
      kind: 'percent',
      percent,
      text: `${percent}% (${p.completed.toLocaleString('en-US')} of ${countOf(p.total, unit)})`,
    };
  }
  if (finite(p.completed)) {
    return { kind: 'count', completed: p.completed, text: `${countOf(p.completed, unit)} processed` };
  }
  return { kind: 'none', text: 'No progress reported' };
}

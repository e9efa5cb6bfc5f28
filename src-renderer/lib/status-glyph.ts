/**
 * One picture per overall status, shared by the in-window icon and the browser-mode favicon.
 * Each state differs by shape and mark, not only by colour (like the tray icons).
 */
import type { SessionStatus } from '../../src-main/common/model.js';
import type { OverallStatus } from '../../src-main/common/snapshot.js';
import { SESSION_STATUS_SEVERITY } from '../../src-main/common/severity.js';

export interface Glyph {
  /** The custom property (app.css) holding the state's colour in the current theme. */
  readonly colorToken: string;
  /** Outline in a 16×16 box (SVG path data). */
  readonly shape: string;
  /** The mark drawn on top, stroked (SVG path data), in the colour of MARK_TOKEN. */
  readonly mark: string;
}

/** The custom property holding the colour of every glyph's mark (its contrast is tested against each fill). */
export const MARK_TOKEN = '--state-mark';

const CIRCLE = 'M8 1a7 7 0 1 1 0 14A7 7 0 1 1 8 1z';

export const GLYPHS: Readonly<Record<OverallStatus, Glyph>> = {
  failed: { colorToken: '--state-failed', shape: 'M5 1h6l4 4v6l-4 4H5l-4-4V5z', mark: 'M5.5 5.5l5 5M10.5 5.5l-5 5' },
  // A clock: no successful backup within the RPO, red like a failure but its own shape.
  at_risk: { colorToken: '--state-at-risk', shape: 'M3 1h10l2 2v10l-2 2H3l-2-2V3z', mark: 'M8 4v4.5l3 1.5' },
  appliance_problem: { colorToken: '--state-appliance-problem', shape: 'M8 .5L15.5 8 8 15.5.5 8z', mark: 'M8 4.5v4.5M8 11v1' },
  warning: { colorToken: '--state-warning', shape: 'M8 1l7.5 13.5H.5z', mark: 'M8 6v4M8 12v.5' },
  // A spanner on a rounded square: planned work, neither a problem nor fine.
  maintenance: { colorToken: '--state-maintenance', shape: 'M4 1h8l3 3v8l-3 3H4l-3-3V4z', mark: 'M4.5 11.5l4.5-4.5M9 7a2.2 2.2 0 1 0 2-2' },
  running: { colorToken: '--state-running', shape: CIRCLE, mark: 'M6.5 5v6l4.5-3z' },
  ok: { colorToken: '--state-ok', shape: CIRCLE, mark: 'M4.5 8.5l2.3 2.3 4.7-5' },
  no_data: { colorToken: '--state-no-data', shape: CIRCLE, mark: 'M5 8h6' },
};

/** The severity a session status shows with (a running session is "running", a canceled one "warning"...). */
export function sessionSeverity(status: SessionStatus): OverallStatus {
  return SESSION_STATUS_SEVERITY[status];
}

/** Reads a custom property's value, e.g. from the document's computed style. */
export type ResolveToken = (token: string) => string;

/** A standalone SVG document, e.g. for a favicon data URL, in the colours the tokens resolve to. */
export function glyphSvg(status: OverallStatus, resolve: ResolveToken, size = 32): string {
  const g = GLYPHS[status];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 16 16">` +
    `<path d="${g.shape}" fill="${resolve(g.colorToken)}"/>` +
    `<path d="${g.mark}" fill="none" stroke="${resolve(MARK_TOKEN)}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/></svg>`
  );
}

export function glyphDataUrl(status: OverallStatus, resolve: ResolveToken): string {
  return `data:image/svg+xml,${encodeURIComponent(glyphSvg(status, resolve))}`;
}

/** A job's compliance band as the job's page draws it and says it: each piece's place and words. Pure. */
import type { BandKind, JobComplianceBand } from '../../src-main/common/compliance-band.js';
import { formatDateTime } from '../../src-main/common/format.js';
import { shareText } from './report-view.js';

export const BAND_WORDS: Readonly<Record<BandKind, string>> = {
  protected: 'Protected',
  'at-risk': 'At risk',
  maintenance: 'Maintenance',
};

export interface BandPieceView {
  readonly key: string;
  readonly kind: BandKind;
  /** Left edge and width as percentages of the band. */
  readonly left: number;
  readonly width: number;
  /** "At risk: 3 Dec 2026, 04:00 – 4 Dec 2026, 02:00". */
  readonly text: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function bandPieces(band: JobComplianceBand): BandPieceView[] {
  const span = band.endMs - band.startMs;
  if (!(span > 0)) return [];
  return band.pieces.map((piece) => ({
    key: `${piece.kind}-${piece.startMs}`,
    kind: piece.kind,
    left: ((piece.startMs - band.startMs) / span) * 100,
    width: ((piece.endMs - piece.startMs) / span) * 100,
    text: `${BAND_WORDS[piece.kind]}: ${formatDateTime(iso(piece.startMs))} – ${formatDateTime(iso(piece.endMs))}`,
  }));
}

/** The band in one sentence, for its image role. */
export function bandSummary(band: JobComplianceBand, days: number): string {
  const atRisk = band.pieces.filter((p) => p.kind === 'at-risk').length;
  const maintenance = band.pieces.filter((p) => p.kind === 'maintenance').length;
  return `Last ${days} days: ${shareText(band.share)} of the time protected; ${atRisk} at-risk ${atRisk === 1 ? 'period' : 'periods'}, ${maintenance} in maintenance`;
}

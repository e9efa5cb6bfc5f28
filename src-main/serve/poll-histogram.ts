/**
 * The poll duration histogram of `/metrics`, one series set per appliance, written in the text
 * exposition format by Backwatch itself. prom-client renders every bucket of every appliance at
 * each scrape (about 13,000 lines for a fleet of 1,000, hundreds of milliseconds); here an
 * appliance's lines are written again only after one of its polls, and a scrape copies the rest.
 */
import { escapeLabelValue, familyHeader, labelPairs, numberText } from './exposition.js';

export const POLL_DURATION_BUCKETS: readonly number[] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

const NAME = 'backwatch_appliance_poll_duration_seconds';
const HELP = 'How long one poll of the appliance took.';

interface Series {
  readonly labels: string;
  /** Observations at or below each bucket's bound (cumulative, as the format has them). */
  readonly buckets: number[];
  count: number;
  sum: number;
  lines: Buffer | null;
}

export interface PollHistogram {
  observe(labels: Readonly<Record<string, string>>, seconds: number): void;
  /** The family's header and every series' lines, as UTF-8 pieces in order. */
  render(): Buffer[];
  clear(): void;
}

function linesOf(series: Series): Buffer {
  let text = '';
  POLL_DURATION_BUCKETS.forEach((bound, i) => {
    text += `${NAME}_bucket{${series.labels},le="${escapeLabelValue(String(bound))}"} ${series.buckets[i]}\n`;
  });
  text += `${NAME}_bucket{${series.labels},le="+Inf"} ${series.count}\n`;
  text += `${NAME}_sum{${series.labels}} ${numberText(series.sum)}\n${NAME}_count{${series.labels}} ${series.count}\n`;
  return Buffer.from(text, 'utf8');
}

export function createPollHistogram(): PollHistogram {
  const series = new Map<string, Series>();
  const header = Buffer.from(familyHeader(NAME, HELP, 'histogram'), 'utf8');
  return {
    observe(labels, seconds) {
      const key = labelPairs(labels);
      const own = series.get(key) ?? { labels: key, buckets: POLL_DURATION_BUCKETS.map(() => 0), count: 0, sum: 0, lines: null };
      series.set(key, own);
      for (let i = 0; i < POLL_DURATION_BUCKETS.length; i++) if (seconds <= POLL_DURATION_BUCKETS[i]!) own.buckets[i] = own.buckets[i]! + 1;
      own.count += 1;
      own.sum += seconds;
      own.lines = null;
    },
    render() {
      const pieces: Buffer[] = [header];
      for (const own of series.values()) pieces.push((own.lines ??= linesOf(own)));
      return pieces;
    },
    clear: () => series.clear(),
  };
}

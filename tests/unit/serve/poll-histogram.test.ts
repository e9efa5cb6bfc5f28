import { describe, expect, it } from 'vitest';
import { createPollHistogram } from '../../../src-main/serve/poll-histogram.js';

const text = (histogram: ReturnType<typeof createPollHistogram>) => Buffer.concat(histogram.render()).toString('utf8');

/** The value of one series in an exposition, or undefined when it is absent. */
const sample = (exposition: string, series: string) => {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

const NAME = 'backwatch_appliance_poll_duration_seconds';

describe('poll duration histogram', () => {
  it('counts each observation in every bucket at or above it, with sum and count', () => {
    const histogram = createPollHistogram();
    const spp = { appliance: 'SPP "prod"', vendor: 'spp' };
    histogram.observe(spp, 0.07);
    histogram.observe(spp, 3);
    histogram.observe(spp, 120);
    const exposition = text(histogram);
    const labels = 'appliance="SPP \\"prod\\"",vendor="spp"';
    expect(exposition.match(new RegExp(`^# TYPE ${NAME} histogram$`, 'gm'))).toHaveLength(1);
    expect(sample(exposition, `${NAME}_bucket{${labels},le="0.05"}`)).toBe(0);
    expect(sample(exposition, `${NAME}_bucket{${labels},le="0.1"}`)).toBe(1);
    expect(sample(exposition, `${NAME}_bucket{${labels},le="2.5"}`)).toBe(1);
    expect(sample(exposition, `${NAME}_bucket{${labels},le="5"}`)).toBe(2);
    expect(sample(exposition, `${NAME}_bucket{${labels},le="60"}`)).toBe(2);
    expect(sample(exposition, `${NAME}_bucket{${labels},le="+Inf"}`)).toBe(3);
    expect(sample(exposition, `${NAME}_sum{${labels}}`)).toBeCloseTo(123.07);
    expect(sample(exposition, `${NAME}_count{${labels}}`)).toBe(3);
  });

  it('keeps an appliance’s lines until it is observed again, and writes them again then', () => {
    const histogram = createPollHistogram();
    const a = { appliance: 'A', vendor: 'spp' };
    const b = { appliance: 'B', vendor: 'vbr' };
    histogram.observe(a, 1);
    histogram.observe(b, 1);
    const [, aLines, bLines] = histogram.render();
    histogram.observe(b, 2);
    const [, aAgain, bAgain] = histogram.render();
    expect(aAgain).toBe(aLines);
    expect(bAgain).not.toBe(bLines);
    expect(sample(text(histogram), `${NAME}_count{appliance="B",vendor="vbr"}`)).toBe(2);
    expect(sample(text(histogram), `${NAME}_count{appliance="A",vendor="spp"}`)).toBe(1);
  });
});

/**
 * Gauges written straight in Prometheus' text exposition format. A fleet has tens of thousands of
 * job series, rebuilt from the core's state at every scrape; setting each through prom-client's
 * labelled gauges costs more than a scrape may take, while writing the lines costs little.
 */

/** A label value as the text format wants it: backslash, double quote and newline escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** `name="value",…` for the label pairs given, in order (inside the braces of a series). */
export function labelPairs(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([name, value]) => `${name}="${escapeLabelValue(value)}"`)
    .join(',');
}

/** One series of a gauge: its label pairs as `labelPairs` writes them, and its value. */
export interface GaugeSample {
  readonly labels: string;
  readonly value: number;
}

/** A row of a gauge family (a job, an appliance) with its label pairs, written once for all its series. */
export interface Labelled<T> {
  readonly row: T;
  readonly labels: string;
}

/** A family of gauges: its name, its help text, and the series a set of rows gives. */
export interface GaugeFamily<T> {
  readonly name: string;
  readonly help: string;
  samples(rows: readonly Labelled<T>[]): GaugeSample[];
}

export const numberText = (n: number) => (Number.isNaN(n) ? 'NaN' : n === Infinity ? '+Inf' : n === -Infinity ? '-Inf' : String(n));

/** The HELP and TYPE lines of a metric family. */
export function familyHeader(name: string, help: string, type: 'gauge' | 'counter' | 'histogram'): string {
  return `# HELP ${name} ${help.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'))}\n# TYPE ${name} ${type}\n`;
}

/** The HELP and TYPE lines of a gauge family. */
export const gaugeHeader = (family: GaugeFamily<never>): string => familyHeader(family.name, family.help, 'gauge');

/** The sample lines of a family for `rows`, each ended by a newline. */
export function sampleLines<T>(family: GaugeFamily<T>, rows: readonly Labelled<T>[]): string {
  let text = '';
  for (const { labels, value } of family.samples(rows)) text += `${family.name}{${labels}} ${numberText(value)}\n`;
  return text;
}

/** One series per row, none for a row whose value is null. */
export function each<T>(value: (row: T) => number | null): (rows: readonly Labelled<T>[]) => GaugeSample[] {
  return (rows) => {
    const samples: GaugeSample[] = [];
    for (const { row, labels } of rows) {
      const v = value(row);
      if (v !== null) samples.push({ labels, value: v });
    }
    return samples;
  };
}

/** One series per row and word (`label="word"`): 1 for the row's current word, 0 for the others. */
export function oneHot<T>(label: string, words: readonly string[], current: (row: T) => string | null) {
  return (rows: readonly Labelled<T>[]): GaugeSample[] => {
    const samples: GaugeSample[] = [];
    for (const { row, labels } of rows) {
      const word = current(row);
      for (const w of words) samples.push({ labels: `${labels},${label}="${escapeLabelValue(w)}"`, value: word === w ? 1 : 0 });
    }
    return samples;
  };
}

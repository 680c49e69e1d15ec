// The benchmark's results (ARCHITECTURE §8, issue 7): one row per measurement with the baseline measured
// in the same run, the ratio between them and whether the target holds; results.json's schema; and the
// table the run prints. Pure, so the unit tests cover what the numbers mean.
import { z } from 'zod';

export type BenchUnit = 'ms' | 'MB';

/**
 * What a measurement is held to: with a baseline, the largest allowed ratio value / baseline; without
 * one, the largest allowed value (in the row's unit).
 */
export type RowSpec = {
  name: string;
  unit: BenchUnit;
  target: number;
};

export const rowSchema = z.object({
  name: z.string().min(1),
  value: z.number().nonnegative(),
  unit: z.enum(['ms', 'MB']),
  baseline: z.number().nonnegative().nullable(),
  ratio: z.number().nonnegative().nullable(),
  target: z.number().positive(),
  pass: z.boolean(),
  /** Where the time went (name → value in the row's unit), when the run could tell. */
  details: z.record(z.string(), z.number()).optional(),
  /** Why the measurement could not be taken (then value is 0 and pass false). */
  error: z.string().optional(),
  /**
   * Memory, where the issue asks for it to be reported (the Excel export): the peak of the page's used
   * JS heap above where it started, for the measurement and its baseline, and the size of what was made.
   */
  memory: z.object({ peakMb: z.number().nonnegative(), baselinePeakMb: z.number().nonnegative().nullable(), fileMb: z.number().nonnegative().optional() }).optional(),
});
export type BenchRow = z.infer<typeof rowSchema>;

export const resultsSchema = z.object({
  date: z.iso.datetime(),
  scale: z.enum(['full', 'quick']),
  machine: z.object({ cores: z.number().int().positive(), memoryGb: z.number().positive() }),
  versions: z.object({ chromium: z.string().min(1), node: z.string().min(1) }),
  /** What was measured on: record counts of the campaign's packages. */
  data: z.record(z.string(), z.number().int().nonnegative()),
  rows: z.array(rowSchema),
});
export type BenchResults = z.infer<typeof resultsSchema>;

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** The nearest-rank percentile of `xs` (p from 0 to 100); 0 for no values. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
}

/** A measured row: the ratio (two decimals) and pass follow from the spec; values keep 0.1 ms. */
export function benchRow(spec: RowSpec, value: number, baseline: number | null = null, details?: Record<string, number>): BenchRow {
  if (!(value >= 0) || (baseline !== null && !(baseline >= 0))) throw new RangeError(`${spec.name}: measurements must be numbers ≥ 0`);
  const ratio = baseline === null ? null : baseline === 0 ? null : round(value / baseline, 2);
  // A baseline of zero cannot be compared against: the row fails rather than passing by accident.
  const pass = baseline === null ? value <= spec.target : ratio !== null && ratio <= spec.target;
  return {
    name: spec.name,
    value: round(value, 1),
    unit: spec.unit,
    baseline: baseline === null ? null : round(baseline, 1),
    ratio,
    target: spec.target,
    pass,
    ...(details === undefined ? {} : { details: Object.fromEntries(Object.entries(details).map(([k, v]) => [k, round(v, 1)])) }),
  };
}

/** A row whose measurement could not be taken (the import crashed, say): failed, value 0, with the reason. */
export function failedRow(spec: RowSpec, error: string, baseline: number | null = null): BenchRow {
  return { name: spec.name, value: 0, unit: spec.unit, baseline: baseline === null ? null : round(baseline, 1), ratio: null, target: spec.target, pass: false, error };
}

/** 0 when every target is met, 1 otherwise (also for a run with no rows: nothing was shown to pass). */
export const exitCodeOf = (results: BenchResults): 0 | 1 => (results.rows.length > 0 && results.rows.every((r) => r.pass) ? 0 : 1);

const num = (x: number): string => (Number.isInteger(x) ? x.toLocaleString('en-US') : x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 2 }));

/** The target as people read it: "ratio ≤ 1.25" or "≤ 500 ms". */
export function targetText(row: Pick<BenchRow, 'baseline' | 'target' | 'unit'>): string {
  return row.baseline === null ? `≤ ${num(row.target)} ${row.unit}` : `ratio ≤ ${num(row.target)}`;
}

/** The rows as a Markdown table, the same in the terminal and in the README. */
export function formatTable(rows: readonly BenchRow[]): string {
  const lines = [
    '| measurement | value | baseline | ratio | target | pass |',
    '|---|---:|---:|---:|---|---|',
    ...rows.map((r) => {
      const value = r.error === undefined ? `${num(r.value)} ${r.unit}` : 'not measured';
      const baseline = r.baseline === null ? '–' : `${num(r.baseline)} ${r.unit}`;
      const ratio = r.ratio === null ? '–' : num(r.ratio);
      return `| ${r.name} | ${value} | ${baseline} | ${ratio} | ${targetText(r)} | ${r.pass ? 'yes' : 'no'} |`;
    }),
  ];
  return lines.join('\n');
}

/** "peak JS heap +48.2 MB (baseline +310.5 MB), file 21.3 MB". */
export function memoryText(m: NonNullable<BenchRow['memory']>): string {
  return [
    `peak JS heap +${num(m.peakMb)} MB${m.baselinePeakMb === null ? '' : ` (baseline +${num(m.baselinePeakMb)} MB)`}`,
    ...(m.fileMb === undefined ? [] : [`file ${num(m.fileMb)} MB`]),
  ].join(', ');
}

/** A detail that counts something rather than measuring it in the row's unit (printed without the unit). */
export const COUNT_PREFIX = 'number of ';

/** Lines under the table: where the time went, and why a row could not be measured. */
export function formatDetails(rows: readonly BenchRow[]): string {
  return rows
    .flatMap((r) => [
      ...(r.error === undefined ? [] : [`${r.name}: not measured: ${r.error}`]),
      ...(r.details === undefined || Object.keys(r.details).length === 0 ? [] : [`${r.name}: ${Object.entries(r.details).map(([k, v]) => (k.startsWith(COUNT_PREFIX) ? `${k} ${num(v)}` : `${k} ${num(v)} ${r.unit}`)).join(', ')}`]),
      ...(r.memory === undefined ? [] : [`${r.name}: ${memoryText(r.memory)}`]),
    ])
    .join('\n');
}

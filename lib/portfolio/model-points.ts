/**
 * Model points: a book too big for a browser, compressed into a few tens of thousands of its own
 * loans, each with a weight (the loans it stands for), so every sum the engine makes estimates the
 * full book's without bias.
 *
 * Method: priority sampling (Duffield, Lund and Thorup, "Priority sampling for estimation of arbitrary
 * subset sums", J. ACM 54(6), 2007) with each loan's size its exposure at default. Loan i gets
 * u_i uniform on (0, 1] (a hash of its row number, so the points do not depend on how the tape was cut
 * or on the threads) and priority q_i = size_i / u_i; the k loans of highest priority are the points,
 * τ is the (k+1)-th highest priority, and point i stands for max(size_i, τ) / size_i loans. For any
 * per-loan figure x (exposure, expected loss, capital, ECL, a count) Σ weight_i · x_i over the points
 * is an unbiased estimate of Σ x_i over the book; large exposures are kept with weight 1, and the
 * estimate of total exposure has the least variance of any k-sample scheme of its kind (ibid.). Real
 * loans are kept, not averaged: the model scores real inputs, so its non-linearity biases nothing.
 *
 * A points file is a loan tape with a `model_point_weight` column and a first line
 * `# riskdial-model-points {…}`: the method, the book it came from (its hash), and the error of the
 * points against the full book on the KPIs, measured by the batch face when it made them.
 */
import { z } from 'zod';

export const MODEL_POINT_WEIGHT = 'model_point_weight';
export const MODEL_POINTS_LINE = '# riskdial-model-points ';

const KpiError = z.object({
  /** The scenario the KPI was measured under (a scenario of the set, or the run's own). */
  scenario: z.string(),
  metric: z.string(),
  /** The full book's value and the points' estimate. */
  full: z.number(),
  points: z.number(),
});

export const ModelPointsReportSchema = z.object({
  method: z.literal('priority sampling by exposure × √PD (Duffield, Lund and Thorup 2007)'),
  points: z.number().int().positive(),
  /** Loans of the full book. */
  loans: z.number().int().positive(),
  source: z.object({ file: z.string(), sha256: z.string() }),
  model: z.object({ sha256: z.string(), cardSha256: z.string() }),
  errors: z.array(KpiError),
});
export type ModelPointsReport = z.infer<typeof ModelPointsReportSchema>;

/** The report as the first line of a points file. */
export const modelPointsLine = (report: ModelPointsReport): string => `${MODEL_POINTS_LINE}${JSON.stringify(report)}\n`;

export type ReadModelPoints = { text: string; report?: ModelPointsReport } | { error: string };

/** A tape's text without its model-points line, and the report that line holds (a tape without one is returned as it is). */
export function readModelPointsLine(text: string): ReadModelPoints {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith(MODEL_POINTS_LINE, start)) return { text };
  const end = text.indexOf('\n', start);
  const line = text.slice(start + MODEL_POINTS_LINE.length, end < 0 ? text.length : end);
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { error: 'The model-points line (the first line) is not valid JSON: the file was changed after `npm run score` made it.' };
  }
  const report = ModelPointsReportSchema.safeParse(json);
  if (!report.success) {
    const issue = report.error.issues[0]!;
    return {
      error: `The model-points line (the first line) is not a model-points report: ${issue.path.join('.') || 'it'}: ${issue.message}.`,
    };
  }
  return { text: text.slice(end < 0 ? text.length : end + 1), report: report.data };
}

/** u in (0, 1] for a row: murmur3's 32-bit finaliser of the row number and a seed, so a row draws the same however the tape is cut. */
export function rowUniform(row: number, seed = 0x9e3779b9): number {
  let h = (row ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return (h + 1) / 4294967296;
}

/** A candidate point: its row in the file, its size and priority, and its record as the file has it. */
export interface PointCandidate {
  row: number;
  size: number;
  priority: number;
  record: string;
}

/**
 * A loan's size: exposure × √(baseline PD). Exposure alone keeps the exposure sum exact-ish but samples
 * losses poorly (they go with PD); exposure × PD the reverse. The square root sits between, and near how
 * IRB capital grows with PD. A loan with nothing outstanding is sized as a dollar, a PD below 0.01% as
 * 0.01%: every loan can be drawn.
 */
export const pointSize = (ead: number, pd: number): number => Math.max(ead, 1) * Math.sqrt(Math.max(pd, 1e-4));

export const priorityOf = (row: number, size: number, seed?: number): number => size / rowUniform(row, seed);

/**
 * The k + 1 candidates of highest priority (ties by row): what a part of the book keeps, and what the
 * parts' candidates together keep, since the book's top k + 1 are among the parts' own.
 */
export function topCandidates(candidates: PointCandidate[], k: number): PointCandidate[] {
  return candidates.sort((a, b) => b.priority - a.priority || a.row - b.row).slice(0, k + 1);
}

/** The points and their weights from the book's top k + 1 candidates: τ is the (k+1)-th priority (0 when the book has k loans or fewer: every loan is kept as itself). */
export function weightedPoints(top: PointCandidate[], k: number): { record: string; row: number; weight: number }[] {
  const tau = top.length > k ? top[k]!.priority : 0;
  return top
    .slice(0, k)
    .sort((a, b) => a.row - b.row)
    .map((c) => ({ record: c.record, row: c.row, weight: Math.max(c.size, tau) / c.size }));
}

/** A record (or the header) with one more field at the end, before its line break. */
export function withLastField(record: string, field: string | number): string {
  const body = record.replace(/\r?\n$/, '');
  return `${body},${field}${record.slice(body.length) || '\n'}`;
}

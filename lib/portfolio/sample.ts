/**
 * A stratified sample of a big tape, for a preview while the exact figures are computed. Strata are
 * given per loan (e.g. grade × term); each stratum keeps its share of the sample (proportional
 * allocation), drawn systematically in tape order, so the sample is the same on every run and every
 * loan stands for about the same number of loans of the book (the expansion factor).
 */
import type { LoanTape } from './parse';

export interface TapeSample {
  tape: LoanTape;
  /** Each sampled loan's row in the full tape, ascending. */
  rows: Uint32Array;
  /** Loans of the full tape per sampled loan: sums over the sample times this estimate the book's. */
  expansion: number;
  /** How the sample was drawn, in words for the page. */
  method: string;
}

/** Rows of a proportional, systematic sample of about `size` loans, stratum by stratum (strata: a key per loan). */
export function stratifiedRows(strata: ArrayLike<number>, size: number): Uint32Array {
  const n = strata.length;
  if (size >= n) return Uint32Array.from({ length: n }, (_, i) => i);
  const fraction = size / n;
  const seen = new Map<number, number>();
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = strata[i]!;
    const j = seen.get(k) ?? 0;
    seen.set(k, j + 1);
    // The stratum's j-th loan is taken when it crosses the next multiple of 1/fraction: every stratum gets its share, rounded.
    if (Math.floor((j + 1) * fraction + 0.5) > Math.floor(j * fraction + 0.5)) rows.push(i);
  }
  return Uint32Array.from(rows);
}

/** The tape's loans at `rows`, as a tape of their own. */
export function subsetTape(tape: LoanTape, rows: Uint32Array): LoanTape {
  return {
    ...tape,
    loanCount: rows.length,
    numbers: Object.fromEntries(Object.entries(tape.numbers).map(([c, v]) => [c, Float64Array.from(rows, (i) => v[i]!)])),
    categories: Object.fromEntries(Object.entries(tape.categories).map(([c, v]) => [c, Array.from(rows, (i) => v[i]!)])),
    missingCounts: Object.fromEntries(
      Object.entries(tape.missingCounts).map(([c]) => {
        const values = tape.numbers[c];
        return [c, values ? rows.reduce((s, i) => s + (Number.isNaN(values[i]!) ? 1 : 0), 0) : 0];
      }),
    ),
  };
}

export function stratifiedSample(tape: LoanTape, strata: ArrayLike<number>, size: number, strataName: string): TapeSample {
  const rows = stratifiedRows(strata, size);
  return {
    tape: subsetTape(tape, rows),
    rows,
    expansion: tape.loanCount / rows.length,
    method: `a stratified sample of ${rows.length.toLocaleString('en-US')} of the ${tape.loanCount.toLocaleString('en-US')} loans (by ${strataName}, each in proportion, drawn systematically), every figure scaled by ${(tape.loanCount / rows.length).toFixed(1)}`,
  };
}

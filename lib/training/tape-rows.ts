/** Loan-tape rows as the training code reads them, and the reference loans of the model card. */
import type { LoanTape } from '../portfolio';
import type { ChampionModel } from './champion';
import type { RawRow } from './expression';
import { modelInputs } from './onnx-graph';

export function tapeRows(tape: LoanTape): RawRow[] {
  return Array.from({ length: tape.loanCount }, (_, i) => ({
    ...Object.fromEntries(Object.entries(tape.numbers).map(([k, col]) => [k, col[i]!])),
    ...Object.fromEntries(Object.entries(tape.categories).map(([k, col]) => [k, col[i]!])),
  }));
}

/**
 * The self-test loans: the first loan of each grade, the extremes of income and utilisation, and
 * two loans with missing values (null) so the graph's imputation is checked too.
 */
export function referenceLoans(tape: LoanTape, rows: readonly RawRow[], model: ChampionModel) {
  const { numeric, categorical } = modelInputs(model);
  const fields = [...numeric, ...categorical];
  const pick = (row: RawRow) => Object.fromEntries(fields.map((f) => [f, row[f]!])) as Record<string, number | string | null>;
  const chosen = new Set<number>();
  for (const grade of 'ABCDEFG') chosen.add(rows.findIndex((r) => String(r.sub_grade).startsWith(grade)));
  const argBy = (column: string, better: (a: number, b: number) => boolean) =>
    rows.reduce((best, r, i) => (better(r[column] as number, rows[best]![column] as number) ? i : best), 0);
  chosen.add(argBy('annual_inc', (a, b) => a < b));
  chosen.add(argBy('annual_inc', (a, b) => a > b));
  chosen.add(argBy('all_util', (a, b) => a > b));
  const loans = [...chosen]
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)
    .map((i) => pick(rows[i]!));
  const withMissing = (i: number, columns: string[]) => ({ ...pick(rows[i]!), ...Object.fromEntries(columns.map((c) => [c, null])) });
  loans.push(withMissing(0, ['revol_util', 'all_util']), withMissing(1, ['inq_last_6mths', 'total_il_high_credit_limit']));
  if (tape.loanCount === 0) throw new Error('no loans to draw reference rows from');
  return loans;
}

/**
 * Checks across columns that a single column's spec cannot make: a loan cannot owe more than it was
 * lent, and one still performing has months of its term left (a loan past its term is in default).
 * Each problem names the row, the column, the value and what was expected.
 */
import { stateColumns, termLabelsMonths, type BookColumns } from './book-columns';
import { MAX_LISTED_ISSUES, type LoanTape, type TapeIssue } from './parse';

/** Each loan's term in months where the tape says it; undefined for a label that holds no months (reported). */
function termMonths(
  tape: LoanTape,
  term: BookColumns['termMonths'],
  report: (row: number, column: string, value: string, expected: string) => void,
) {
  if (!('column' in term)) return () => term.constant;
  if (!term.text) return (i: number) => tape.numbers[term.column]![i];
  const labels = tape.categories[term.column]!;
  const months = termLabelsMonths(labels);
  months.forEach((m, i) => {
    if (m === undefined)
      report(i + 1, term.column, JSON.stringify(labels[i]), 'a term label that holds its months, such as "term_36" or "60 months"');
  });
  return (i: number) => months[i];
}

export function bookStateIssues(tape: LoanTape, book: BookColumns): { issues: TapeIssue[]; totalIssues: number } {
  const issues: TapeIssue[] = [];
  let totalIssues = 0;
  const report = (row: number, column: string, value: number | string, expected: string) => {
    totalIssues++;
    if (issues.length < MAX_LISTED_ISSUES) {
      issues.push({
        row,
        column,
        value: String(value),
        expected,
        message: `Row ${row}, column "${column}": ${value}; expected ${expected}.`,
      });
    }
  };
  const names = stateColumns(book);
  const { [names.balance]: balance, [names.monthsOnBook]: age, [names.daysPastDue]: arrears } = tape.numbers;
  const lent = 'column' in book.exposure ? book.exposure.column : undefined;
  const funded = lent ? tape.numbers[lent] : undefined;
  const termOf = termMonths(tape, book.termMonths, report);
  for (let i = 0; i < tape.loanCount; i++) {
    if (balance && funded && balance[i]! > funded[i]!)
      report(i + 1, names.balance, balance[i]!, `at most the amount lent (${lent} ${funded[i]})`);
    const term = termOf(i);
    const defaulted = (arrears?.[i] ?? 0) >= 90;
    if (age && term !== undefined && age[i]! >= term && !defaulted) {
      report(i + 1, names.monthsOnBook, age[i]!, `fewer than the term (${term} months) for a loan not 90 or more days past due`);
    }
  }
  return { issues, totalIssues };
}

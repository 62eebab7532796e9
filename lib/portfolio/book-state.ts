/**
 * Checks across columns that a single column's spec cannot make: a loan cannot owe more than it was
 * lent, and one still performing has months of its term left (a loan past its term is in default).
 * Each problem names the row, the column, the value and what was expected.
 */
import { MAX_LISTED_ISSUES, type LoanTape, type TapeIssue } from './parse';
import { TERM_MONTHS } from './lending-club';

export function bookStateIssues(tape: LoanTape): { issues: TapeIssue[]; totalIssues: number } {
  const issues: TapeIssue[] = [];
  let totalIssues = 0;
  const report = (row: number, column: string, value: number, expected: string) => {
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
  const { funded_amnt: funded, outstanding_balance: balance, months_on_book: age, days_past_due: arrears } = tape.numbers;
  const terms = tape.categories.term;
  for (let i = 0; i < tape.loanCount; i++) {
    if (balance && funded && balance[i]! > funded[i]!)
      report(i + 1, 'outstanding_balance', balance[i]!, `at most the amount lent (funded_amnt ${funded[i]})`);
    const term = terms ? TERM_MONTHS[terms[i]!] : undefined;
    const defaulted = (arrears?.[i] ?? 0) >= 90;
    if (age && term !== undefined && age[i]! >= term && !defaulted) {
      report(i + 1, 'months_on_book', age[i]!, `fewer than the term (${term} months) for a loan not 90 or more days past due`);
    }
  }
  return { issues, totalIssues };
}

/**
 * Checks across columns that a single column's spec cannot make: a loan cannot owe more than it was
 * lent, nor be older than its term. Each problem names the row, the column, the value and what was expected.
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
  const { funded_amnt: funded, outstanding_balance: balance, months_on_book: age } = tape.numbers;
  const terms = tape.categories.term;
  for (let i = 0; i < tape.loanCount; i++) {
    if (balance && funded && balance[i]! > funded[i]!)
      report(i + 1, 'outstanding_balance', balance[i]!, `at most the amount lent (funded_amnt ${funded[i]})`);
    const term = terms ? TERM_MONTHS[terms[i]!] : undefined;
    if (age && term !== undefined && age[i]! > term) report(i + 1, 'months_on_book', age[i]!, `at most the term (${term} months)`);
  }
  return { issues, totalIssues };
}

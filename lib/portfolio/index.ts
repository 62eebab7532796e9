export { describeExpectation, type ColumnSpec } from './columns';
export { parseLoanTape, MAX_LISTED_ISSUES, type LoanTape, type ParseResult, type TapeIssue } from './parse';
export { LOAN_TAPE_COLUMNS } from './lending-club';

export type { ColumnSpec } from './columns';
export { tooLargeForBrowser } from './limits';
export { mergeTapeNotes, tapeNotes, type TapeNotes } from './notes';
export {
  MAX_LISTED_ISSUES,
  fileIssue,
  parseLoanTape,
  parseTapePart,
  type LoanTape,
  type ParsedPart,
  type ParseResult,
  type TapeIssue,
} from './parse';
export { joinParsedParts, partForTransit, partFromTransit, tapeParts, type PartInTransit } from './parts';
export { bookStateIssues } from './book-state';
export {
  BOOK_STATE_COLUMNS,
  EMP_LENGTHS,
  GRADES,
  LOAN_TAPE_COLUMNS,
  SUB_GRADES,
  TERM_MONTHS,
  TERMS,
  VERIFICATION_STATUSES,
  gradeOf,
} from './lending-club';
export { tapeColumns, type TapeColumn } from './sniff';
export {
  BookColumnsSchema,
  LENDING_CLUB_BOOK_COLUMNS,
  bookColumnSpecs,
  stateColumns,
  termLabelsMonths,
  type BookColumns,
  type ColumnOrConstant,
} from './book-columns';
export { stratifiedRows, stratifiedSample, subsetTape, type TapeSample } from './sample';
export { CsvChunker, csvRecords, issuesOfFile, type CsvChunk } from './chunks';
export {
  MODEL_POINT_WEIGHT,
  modelPointsLine,
  pointSize,
  priorityOf,
  readModelPointsLine,
  topCandidates,
  weightedPoints,
  withLastField,
  type ModelPointsReport,
  type PointCandidate,
} from './model-points';

/**
 * The loan-tape columns Riskdial reads, in Lending Club's format (see data/README.md). Valid ranges
 * are what a real tape can hold, wider than what the model was trained on; the model card records
 * the training ranges separately.
 */
import type { ColumnSpec } from './columns';

/** Lending Club's risk grades, best first, and their five sub-grades each (A1 … G5). */
export const GRADES = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export const SUB_GRADES: readonly string[] = GRADES.flatMap((g) => [1, 2, 3, 4, 5].map((n) => `${g}${n}`));
/** The grade a sub-grade belongs to: its letter. */
export const gradeOf = (subGrade: string): string => subGrade.charAt(0);

/** The tape's term categories and the months each stands for. */
export const TERM_MONTHS: Readonly<Record<string, number>> = { term_36: 36, term_60: 60 };
export const TERMS: readonly string[] = Object.keys(TERM_MONTHS);

export const EMP_LENGTHS: readonly string[] = [
  'emp_lt_1',
  'emp_1',
  'emp_2',
  'emp_3',
  'emp_4',
  'emp_5',
  'emp_6',
  'emp_7',
  'emp_8',
  'emp_9',
  'emp_ge_10',
  'emp_unk',
];
export const VERIFICATION_STATUSES: readonly string[] = ['Not_Verified', 'Source_Verified', 'Verified'];

const US_STATES = (
  'AK AL AR AZ CA CO CT DC DE FL GA HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE NH NJ NM NV NY ' +
  'OH OK OR PA RI SC SD TN TX UT VA VT WA WI WV WY'
).split(' ');
const count = (column: string, description: string): ColumnSpec => ({
  column,
  kind: 'number',
  description,
  unit: 'count',
  min: 0,
  max: 1000,
  integer: true,
  allowMissing: true,
});

export const LOAN_TAPE_COLUMNS: readonly ColumnSpec[] = [
  { column: 'funded_amnt', kind: 'number', description: 'amount lent (exposure at default)', unit: 'USD', min: 1, max: 10_000_000 },
  { column: 'term', kind: 'category', description: 'loan term', categories: TERMS },
  { column: 'int_rate', kind: 'number', description: 'interest rate', unit: '% a year', min: 0, max: 100 },
  { column: 'sub_grade', kind: 'category', description: 'Lending Club risk grade', categories: SUB_GRADES },
  {
    column: 'addr_state',
    kind: 'category',
    description: 'borrower state',
    categories: US_STATES,
    optional: true,
    withoutIt: 'figures by state read “n/a”',
  },
  {
    column: 'verification_status',
    kind: 'category',
    description: 'income verification',
    categories: VERIFICATION_STATUSES,
  },
  { column: 'annual_inc', kind: 'number', description: 'annual income', unit: 'USD', min: 0, max: 100_000_000 },
  {
    column: 'emp_length',
    kind: 'category',
    description: 'years employed',
    categories: EMP_LENGTHS,
  },
  count('delinq_2yrs', 'delinquencies in the last 2 years'),
  count('inq_last_6mths', 'credit inquiries in the last 6 months'),
  count('inq_fi', 'personal-finance inquiries'),
  { column: 'revol_util', kind: 'number', description: 'revolving utilisation', unit: '%', min: 0, max: 1000, allowMissing: true },
  { column: 'all_util', kind: 'number', description: 'utilisation across all trades', unit: '%', min: 0, max: 1000, allowMissing: true },
  count('open_il_24m', 'instalment accounts opened in the last 24 months'),
  { column: 'total_bal_il', kind: 'number', description: 'instalment balances', unit: 'USD', min: 0, max: 100_000_000, allowMissing: true },
  {
    column: 'total_il_high_credit_limit',
    kind: 'number',
    description: 'instalment credit limits',
    unit: 'USD',
    min: 0,
    max: 100_000_000,
    allowMissing: true,
  },
  {
    column: 'Class',
    kind: 'category',
    description: 'observed outcome',
    categories: ['good', 'bad'],
    optional: true,
    withoutIt: 'observed bad rates read “n/a”',
  },
  // A seasoned book's state today; without them the tape is read as a book at origination.
  {
    column: 'outstanding_balance',
    kind: 'number',
    description: 'balance outstanding today (exposure at default)',
    unit: 'USD',
    min: 0,
    max: 10_000_000,
    optional: true,
    withoutIt: 'the book is read at origination: exposure is the amount lent',
  },
  {
    column: 'months_on_book',
    kind: 'number',
    description: 'months since origination',
    unit: 'months',
    min: 0,
    max: 600,
    integer: true,
    optional: true,
    withoutIt: 'every loan is read as new, with its full term ahead',
  },
  {
    column: 'days_past_due',
    kind: 'number',
    description: 'days past due today',
    unit: 'days',
    min: 0,
    max: 100_000,
    integer: true,
    optional: true,
    withoutIt: 'no loan is in stage 3 and the 30-days-past-due backstop is not applied',
  },
  {
    column: 'origination_pd',
    kind: 'number',
    description: '12-month PD at origination (the IFRS 9 staging reference)',
    unit: 'probability',
    min: 0,
    max: 1,
    optional: true,
    withoutIt: 'stage 2 compares the scenario PD with the baseline PD',
  },
];

/** Columns that describe a seasoned book; the engine does without each and says so. */
export const BOOK_STATE_COLUMNS = ['outstanding_balance', 'months_on_book', 'days_past_due', 'origination_pd'] as const;

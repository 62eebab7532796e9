/**
 * The champion PD model's preprocessing, written once as expressions. Everything a raw loan field
 * goes through before the logistic regression lives here and is exported into the ONNX graph.
 */
import { EMP_LENGTHS, SUB_GRADES, TERM_MONTHS, TERMS, VERIFICATION_STATUSES } from '../portfolio';
import { add, clip, constant, div, impute, input, log, lookup, max, mul, pow, sub, type Expr } from './expression';

/** Income is floored before the log and the burden ratio: the tape holds a few zero incomes. */
export const INCOME_FLOOR = 10_000;
export const INCOME_CAP = 1_000_000;

const termMonths = lookup('term', TERM_MONTHS);
const monthlyRate = div(max(input('int_rate'), constant(0.01)), constant(1200));
const income = clip(input('annual_inc'), INCOME_FLOOR, INCOME_CAP);

/** Monthly instalment of a fully amortising loan: P·r / (1 − (1 + r)^−n). */
export const instalment: Expr = div(
  mul(input('funded_amnt'), monthlyRate),
  sub(constant(1), pow(add(constant(1), monthlyRate), sub(constant(0), termMonths))),
);

/**
 * The model is fitted in two stages (see docs/model.md): stage 1 fits borrower attributes alone, so
 * their coefficients carry their total effect on default, including the part Lending Club's grade
 * would absorb; stage 2 fits the grade on top of the stage-1 logit. Scenario levers move borrower
 * attributes, so this keeps their sensitivities economically meaningful.
 */
export type Stage = 'borrower' | 'grade';

export interface NumericFeature {
  name: string;
  description: string;
  stage: Stage;
  expr: Expr;
  /** The sign a scenario channel must have; training fails if the fit contradicts it. */
  expectedSign?: 1 | -1;
}

export interface CategoricalEffect {
  name: string;
  stage: Stage;
  description: string;
  input: string;
  levels: readonly string[];
  /** Groups levels that share one coefficient (e.g. sub-grade → grade letter). */
  groupOf: (level: string) => string;
}

export function numericFeatures(medians: Readonly<Record<string, number>>): NumericFeature[] {
  const imputed = (name: string) => impute(input(name), medians[name] ?? Number.NaN);
  return [
    {
      name: 'sub_grade_rank',
      description: 'Lending Club sub-grade as a rank, A1 = 1 … G5 = 35',
      stage: 'grade',
      expr: lookup('sub_grade', Object.fromEntries(SUB_GRADES.map((g, i) => [g, i + 1]))),
    },
    {
      name: 'log_income',
      stage: 'borrower',
      expectedSign: -1,
      description: 'log of annual income, floored at $10k and capped at $1M',
      expr: log(income),
    },
    {
      name: 'payment_burden',
      description: 'annual instalment (from amount, rate and term) / annual income, clipped to [0, 1]',
      stage: 'borrower',
      expectedSign: 1,
      expr: clip(div(mul(instalment, constant(12)), income), 0, 1),
    },
    {
      name: 'revol_util',
      stage: 'borrower',
      expectedSign: 1,
      description: 'revolving utilisation %, clipped to [0, 150]',
      expr: clip(imputed('revol_util'), 0, 150),
    },
    {
      name: 'all_util',
      stage: 'borrower',
      expectedSign: 1,
      description: 'utilisation across all trades %, clipped to [0, 150]',
      expr: clip(imputed('all_util'), 0, 150),
    },
    {
      name: 'inq_last_6mths',
      stage: 'borrower',
      description: 'inquiries in 6 months, clipped to [0, 5]',
      expr: clip(imputed('inq_last_6mths'), 0, 5),
    },
    {
      name: 'inq_fi',
      stage: 'borrower',
      description: 'personal-finance inquiries, clipped to [0, 10]',
      expr: clip(imputed('inq_fi'), 0, 10),
    },
    {
      name: 'delinq_2yrs',
      stage: 'borrower',
      description: 'delinquencies in 2 years, clipped to [0, 5]',
      expr: clip(imputed('delinq_2yrs'), 0, 5),
    },
    {
      name: 'il_utilisation',
      description: 'instalment balance / instalment credit limit, clipped to [0, 2]',
      stage: 'borrower',
      expr: clip(div(imputed('total_bal_il'), max(imputed('total_il_high_credit_limit'), constant(1))), 0, 2),
    },
    {
      name: 'open_il_24m',
      stage: 'borrower',
      description: 'instalment accounts opened in 24 months, clipped to [0, 10]',
      expr: clip(imputed('open_il_24m'), 0, 10),
    },
  ];
}

export const CATEGORICAL_EFFECTS: CategoricalEffect[] = [
  { name: 'term', stage: 'borrower', description: 'loan term', input: 'term', levels: TERMS, groupOf: (v) => v },
  { name: 'emp_length', stage: 'borrower', description: 'years employed', input: 'emp_length', levels: EMP_LENGTHS, groupOf: (v) => v },
  {
    name: 'verification_status',
    stage: 'borrower',
    description: 'income verification',
    input: 'verification_status',
    levels: VERIFICATION_STATUSES,
    groupOf: (v) => v,
  },
];

/** Numeric inputs whose missing values the graph imputes with the training median. */
export const IMPUTED_INPUTS = [
  'revol_util',
  'all_util',
  'inq_last_6mths',
  'inq_fi',
  'delinq_2yrs',
  'total_bal_il',
  'total_il_high_credit_limit',
  'open_il_24m',
];

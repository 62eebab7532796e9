/**
 * What each exported figure is called and how its number reads, for files people open rather than
 * parse (a workbook, slides, a board page): the same words as the page and docs/metrics.md.
 */
import type { ReportRow } from '../engine';

/** usd: an amount; share: a fraction shown as a percentage; count: loans; index: a unitless statistic; percent: already in percent (weights). */
export type FigureUnit = 'usd' | 'share' | 'count' | 'index' | 'percent';

export const FIGURES: Record<ReportRow['metric'], { label: string; unit: FigureUnit }> = {
  loans: { label: 'Loans', unit: 'count' },
  approvedLoans: { label: 'Approved loans', unit: 'count' },
  approvalRate: { label: 'Approval rate', unit: 'share' },
  exposure: { label: 'Exposure at default', unit: 'usd' },
  meanPd: { label: 'Mean PD (exposure-weighted)', unit: 'share' },
  expectedDefaults: { label: 'Expected defaults', unit: 'count' },
  expectedBadRate: { label: 'Expected bad rate', unit: 'share' },
  expectedLoss: { label: 'Expected loss (12 months)', unit: 'usd' },
  elRate: { label: 'Expected loss rate', unit: 'share' },
  ecl12Month: { label: '12-month ECL', unit: 'usd' },
  ifrs9Ecl: { label: 'IFRS 9 ECL', unit: 'usd' },
  ceclEcl: { label: 'CECL allowance', unit: 'usd' },
  stage2Share: { label: 'Stage 2 share of exposure', unit: 'share' },
  stage3Share: { label: 'Stage 3 share of exposure', unit: 'share' },
  irbCapital: { label: 'IRB capital', unit: 'usd' },
  rwa: { label: 'Risk-weighted assets', unit: 'usd' },
  capitalHeld: { label: 'Capital held', unit: 'usd' },
  regulatoryEl: { label: 'Regulatory expected loss (Basel)', unit: 'usd' },
  elMinusProvisions: { label: 'Basel EL − provisions (shortfall > 0)', unit: 'usd' },
  loansPastCapitalPeak: { label: 'Loans past the capital peak', unit: 'count' },
  performingBalance: { label: 'Performing balance (12-month average)', unit: 'usd' },
  averageRate: { label: 'Average contract rate', unit: 'share' },
  netInterestIncome: { label: 'Net interest income', unit: 'usd' },
  feeIncome: { label: 'Fee income', unit: 'usd' },
  operatingCost: { label: 'Operating cost', unit: 'usd' },
  profitBeforeTax: { label: 'Profit before tax', unit: 'usd' },
  profitAfterTax: { label: 'Profit after tax', unit: 'usd' },
  returnOnCapital: { label: 'Return on capital', unit: 'share' },
  economicProfit: { label: 'Economic profit', unit: 'usd' },
  breakEvenRate: { label: 'Break-even rate', unit: 'share' },
  observedBadRate: { label: 'Observed bad rate', unit: 'share' },
  weightedIfrs9Ecl: { label: 'Weighted IFRS 9 ECL', unit: 'usd' },
  weightedCeclEcl: { label: 'Weighted CECL allowance', unit: 'usd' },
  nonLinearityGap: { label: 'Non-linearity gap (weighted − central)', unit: 'usd' },
  weight: { label: 'Weight', unit: 'percent' },
  declined: { label: 'Applicants declined', unit: 'count' },
  declinedExpectedLoss: { label: 'Expected loss declined', unit: 'usd' },
  declinedObservedBadRate: { label: 'Observed bad rate of the declined', unit: 'share' },
  approvedObservedBadRate: { label: 'Observed bad rate of the approved', unit: 'share' },
  auc: { label: 'AUC', unit: 'index' },
  aucCiLow: { label: 'AUC 95% CI low', unit: 'index' },
  aucCiHigh: { label: 'AUC 95% CI high', unit: 'index' },
  gini: { label: 'Gini', unit: 'index' },
  ks: { label: 'KS', unit: 'index' },
  defaults: { label: 'Observed bads', unit: 'count' },
  calibrationZ: { label: 'Calibration z (observed − predicted)', unit: 'index' },
  psi: { label: 'Population stability index', unit: 'index' },
};

/** Spreadsheet number formats (Excel's codes) for each unit: whole dollars with separators, percentages to two places. */
export const NUMBER_FORMATS: Record<FigureUnit, string> = {
  usd: '"$"#,##0;[Red]-"$"#,##0',
  share: '0.00%',
  count: '#,##0',
  index: '0.000',
  percent: '0"%"',
};

/** The scopes of a report, as a reader names them. */
export const SCOPE_LABELS: Record<ReportRow['scope'], string> = {
  book: 'Existing book',
  'new-business': 'New business at the cut-off',
  combined: 'Book and new business',
  policy: 'Cut-off policy',
  'scenario-set': 'Weighted scenario set',
  validation: 'Model on this tape',
  stability: 'Population stability',
  grade: 'Grade',
  term: 'Term',
  state: 'State',
};

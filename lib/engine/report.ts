/**
 * The view a risk manager exports: every figure with what it rests on (assumptions, model and its
 * hash, portfolio and its hash), so a number in a board pack can be traced and reproduced with
 * `npm run score`.
 */
import Papa from 'papaparse';
import { SEGMENT_KINDS, pairSegments, type BookMetrics, type SegmentKind, type SegmentedMetrics } from '../metrics';
import type { TapeNotes } from '../portfolio';
import { FIXED_RULES, SETTINGS, type Assumptions, type ClampReport, type ScenarioSet, type Settings } from '../scenario';
import type { ScenarioEvaluation } from './engine';

export interface ReportProvenance {
  model: {
    name: string;
    version: string;
    /** SHA-256 of the model file's bytes and of its card's. */
    sha256: string;
    cardSha256: string;
    selfTest: { rows: number; maxAbsDiff: number; tolerance: number };
    /** How each lever reaches the model, from its card. */
    leverChannels: string[];
  };
  /** The tape by the SHA-256 of its bytes, and what the engine did to it. */
  portfolio: { name: string; loans: number; sha256: string; notes: TapeNotes };
  /** ISO time the export was made. */
  generatedAt: string;
  /** The Riskdial release that made it. */
  appVersion?: string;
  /** The link that opens this view again (levers, scenario, focus, data fingerprints), where the page made the export. */
  link?: string;
}

export interface ReportRow {
  /** The existing book (and its segments), new business at the cut-off, both together, or the weighted scenario set. */
  scope: 'book' | 'new-business' | 'combined' | 'policy' | 'scenario-set' | 'validation' | 'stability' | SegmentKind;
  segment: string;
  metric:
    | keyof BookMetrics
    | 'weightedIfrs9Ecl'
    | 'weightedCeclEcl'
    | 'nonLinearityGap'
    | 'weight'
    | 'declined'
    | 'declinedExpectedLoss'
    | 'declinedObservedBadRate'
    | 'approvedObservedBadRate'
    | 'auc'
    | 'aucCiLow'
    | 'aucCiHigh'
    | 'gini'
    | 'ks'
    | 'defaults'
    | 'observedBadRate'
    | 'calibrationZ'
    | 'psi';
  baseline: number;
  scenario: number;
  change: number;
}

export interface ScenarioReport extends ReportProvenance {
  assumptions: Assumptions;
  settings: Settings;
  scenarioSet: ScenarioSet;
  exposureBasis: ScenarioEvaluation['exposureBasis'];
  clamped: ClampReport[];
  rows: ReportRow[];
}

/** Every figure of a book, in the order the page reads them. */
const METRICS = [
  'loans',
  'approvedLoans',
  'approvalRate',
  'exposure',
  'meanPd',
  'expectedDefaults',
  'expectedBadRate',
  'expectedLoss',
  'elRate',
  'ecl12Month',
  'ifrs9Ecl',
  'ceclEcl',
  'stage2Share',
  'stage3Share',
  'irbCapital',
  'rwa',
  'capitalHeld',
  'elMinusProvisions',
  'loansPastCapitalPeak',
  'performingBalance',
  'averageRate',
  'netInterestIncome',
  'feeIncome',
  'operatingCost',
  'profitBeforeTax',
  'profitAfterTax',
  'returnOnCapital',
  'economicProfit',
  'breakEvenRate',
  'observedBadRate',
] as const satisfies readonly (keyof BookMetrics)[];

function rowsOf(scope: ReportRow['scope'], segment: string, baseline: BookMetrics, scenario: BookMetrics): ReportRow[] {
  return METRICS.map((metric) => ({
    scope,
    segment,
    metric,
    baseline: baseline[metric],
    scenario: scenario[metric],
    change: scenario[metric] - baseline[metric],
  }));
}

function segmentRows(baseline: SegmentedMetrics, scenario: SegmentedMetrics): ReportRow[] {
  return SEGMENT_KINDS.flatMap((kind) =>
    pairSegments(baseline, scenario, kind).flatMap((pair) => rowsOf(kind, pair.label, pair.baseline, pair.scenario)),
  );
}

const row = (scope: ReportRow['scope'], segment: string, metric: ReportRow['metric'], baseline: number, scenario: number): ReportRow => ({
  scope,
  segment,
  metric,
  baseline,
  scenario,
  change: scenario - baseline,
});

/** The weighted ECL: each scenario against the central one, then the weighted figures. */
function scenarioSetRows({ weighted }: ScenarioEvaluation): ReportRow[] {
  const central = weighted.centralIfrs9Ecl;
  return [
    ...weighted.scenarios.flatMap((s) => [
      row('scenario-set', s.name, 'weight', s.weight, s.weight),
      row('scenario-set', s.name, 'ifrs9Ecl', central, s.ifrs9Ecl),
      row('scenario-set', s.name, 'ceclEcl', weighted.scenarios.find((c) => c.central)?.ceclEcl ?? Number.NaN, s.ceclEcl),
    ]),
    row('scenario-set', 'weighted', 'weightedIfrs9Ecl', central, weighted.ifrs9Ecl),
    row('scenario-set', 'weighted', 'weightedCeclEcl', weighted.scenarios.find((c) => c.central)?.ceclEcl ?? Number.NaN, weighted.ceclEcl),
    row('scenario-set', 'weighted', 'nonLinearityGap', 0, weighted.nonLinearityGap),
  ];
}

/** What the cut-off does against approving every applicant (scenario column; baseline: approving all). */
function policyRows({ policy }: ScenarioEvaluation): ReportRow[] {
  return [
    row('policy', 'cut-off', 'declined', 0, policy.declined),
    row('policy', 'cut-off', 'declinedExpectedLoss', 0, policy.declinedExpectedLoss),
    row('policy', 'cut-off', 'declinedObservedBadRate', Number.NaN, policy.declinedObservedBadRate),
    row('policy', 'cut-off', 'approvedObservedBadRate', Number.NaN, policy.approvedObservedBadRate),
  ];
}

/**
 * How the model does on the tape (its baseline PDs against the outcomes) and how far each input has
 * moved from the training data: figures of the model, not of the scenario, so in the baseline column.
 */
function validationRows({ validation }: ScenarioEvaluation): ReportRow[] {
  if (!validation) return []; // not computed yet: the page's export waits for it, the command line computes it first
  const of = (scope: 'validation' | 'stability', segment: string, metric: ReportRow['metric'], value: number) =>
    row(scope, segment, metric, value, Number.NaN);
  const t = validation.onTape;
  const onTape = t
    ? [
        of('validation', 'tape', 'loans', t.loans),
        of('validation', 'tape', 'defaults', t.defaults),
        of('validation', 'tape', 'auc', t.auc),
        of('validation', 'tape', 'aucCiLow', t.confidence.auc[0]),
        of('validation', 'tape', 'aucCiHigh', t.confidence.auc[1]),
        of('validation', 'tape', 'gini', t.gini),
        of('validation', 'tape', 'ks', t.ks),
        ...t.calibrationByDecile.flatMap((d) => [
          of('validation', `PD decile ${d.decile}`, 'meanPd', d.meanPd),
          of('validation', `PD decile ${d.decile}`, 'observedBadRate', d.observedRate),
        ]),
        ...t.calibrationBySegment.flatMap((c) => [
          of('validation', `${c.kind} ${c.label}`, 'meanPd', c.meanPd),
          of('validation', `${c.kind} ${c.label}`, 'observedBadRate', c.observedRate),
          of('validation', `${c.kind} ${c.label}`, 'calibrationZ', c.z),
        ]),
      ]
    : [];
  return [...onTape, ...validation.stability.map((s) => of('stability', s.input, 'psi', s.psi))];
}

export function scenarioReport(evaluation: ScenarioEvaluation, provenance: ReportProvenance): ScenarioReport {
  return {
    ...provenance,
    assumptions: evaluation.assumptions,
    settings: evaluation.settings,
    scenarioSet: evaluation.scenarioSet,
    exposureBasis: evaluation.exposureBasis,
    clamped: evaluation.clamped,
    rows: [
      ...rowsOf('book', 'all', evaluation.baseline.book, evaluation.scenario.book),
      ...rowsOf('new-business', 'at cut-off', evaluation.newBusiness.baseline, evaluation.newBusiness.scenario),
      ...rowsOf('combined', 'book + new business', evaluation.combined.baseline, evaluation.combined.scenario),
      ...policyRows(evaluation),
      ...scenarioSetRows(evaluation),
      ...segmentRows(evaluation.baseline, evaluation.scenario),
      ...validationRows(evaluation),
    ],
  };
}

/** Every fixed assumption with its value and source, one line each. */
export function settingLines(settings: Settings): string[] {
  return [
    `regime=${settings.regime}`,
    ...SETTINGS.map((d) => `${d.id}=${settings[d.id]} (${d.unit})`),
    ...FIXED_RULES.map((r) => `${r.label}: ${r.value}`),
  ];
}

/** The scenario set one line each: name; weight; levers that differ from the baseline. */
export function scenarioSetLines(set: ScenarioSet): string[] {
  return set.map(
    (s) =>
      `${s.name}${s.central ? ' (central)' : ''} ${s.weight}%: ${Object.entries(s.assumptions)
        .map(([id, v]) => `${id}=${v}`)
        .join(' ')}`,
  );
}

/** What the engine did to the data, one line each: columns absent or not used, cells imputed, inputs clamped. */
function dataNoteLines(report: ScenarioReport): string[] {
  const { notes } = report.portfolio;
  return [
    ...notes.absentColumns.map(
      (a) =>
        `absent column: ${a.column} (${a.description}); ${a.withoutIt}${a.suggestion ? `; the file has ${a.suggestion} which is not used` : ''}`,
    ),
    ...(notes.ignoredColumns.length ? [`columns not used: ${notes.ignoredColumns.join(' ')}`] : []),
    ...notes.imputedCells.map((c) => `imputed: ${c.cells} blank ${c.column} cells filled with the model's training median`),
    ...report.clamped.map((c) => `clamped: ${c.loans} loans' ${c.input} held in ${c.range[0]}–${c.range[1]} (${c.levers.join(' ')})`),
  ];
}

/**
 * What a CSV export rests on, as comment lines before its table: the release and time, the link, the
 * model and tape with their SHA-256, every lever and setting, the scenario set, what the engine did to
 * the data, the units, and last what the table's rows are.
 */
export function csvPreamble(report: ScenarioReport, table: string): string {
  return [
    `# Riskdial${report.appVersion ? ` ${report.appVersion}` : ''} scenario export; ${report.generatedAt}`,
    // A comment line cannot hold a comma; in a link %2C reads back as one.
    ...(report.link ? [`# link: ${report.link.replace(/,/g, '%2C')}`] : []),
    `# model: ${report.model.name} v${report.model.version}; SHA-256 ${report.model.sha256}; card SHA-256 ${report.model.cardSha256}`,
    `# portfolio: ${report.portfolio.name}; ${report.portfolio.loans} loans; SHA-256 ${report.portfolio.sha256}`,
    `# assumptions: ${Object.entries(report.assumptions)
      .map(([id, v]) => `${id}=${v}`)
      .join(' ')}`,
    `# exposure: ${report.exposureBasis === 'outstanding' ? 'outstanding balance' : 'at origination (the tape has no outstanding_balance column)'}`,
    ...report.model.leverChannels.map((line) => `# lever channel: ${line}`),
    ...settingLines(report.settings).map((line) => `# setting: ${line}`),
    ...scenarioSetLines(report.scenarioSet).map((line) => `# scenario set: ${line}`),
    ...dataNoteLines(report).map((line) => `# data: ${line}`),
    '# units: shares as fractions (0.05 = 5%); amounts in USD; n/a where a figure does not exist; formulas in docs/metrics.md',
    table,
  ]
    .map(commentLine)
    .join('\r\n');
}

/** The three figures a row of the CSV gives for its scope and segment: one column per metric each. */
const FIGURES = ['baseline', 'scenario', 'change'] as const;

/**
 * The report as CSV, wide: one row per scope, segment and figure (baseline, scenario, change), one
 * column per metric, so a spreadsheet filters and charts it without a pivot. Provenance, assumptions
 * and data notes come first as comment lines (a blank line after them would read as the table's header
 * in CSV readers that skip comments), the last saying how the table is laid out. Text from users (file
 * names, column names) can reach a spreadsheet, so no cell may start a formula: every comment line is
 * one cell starting with "#", and text cells of the table that start with = + - @ are prefixed with an
 * apostrophe.
 */
export function reportCsv(report: ScenarioReport): string {
  const preamble = csvPreamble(
    report,
    '# table: one row per scope and segment and figure (baseline or scenario or change); one column per metric',
  );
  const metrics = [...new Set(report.rows.map((r) => r.metric))];
  const groups = new Map<string, ReportRow[]>();
  for (const r of report.rows) {
    const key = `${r.scope}\u0000${r.segment}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const rows = [...groups.values()].flatMap((group) =>
    FIGURES.map((figure) => ({
      scope: group[0]!.scope,
      segment: group[0]!.segment,
      figure,
      ...Object.fromEntries(group.map((r) => [r.metric, notANumberAsNa(r[figure])])),
    })),
  );
  // CRLF throughout, as RFC 4180 and spreadsheets expect (Papa writes its rows so).
  const table = Papa.unparse(rows, { columns: ['scope', 'segment', 'figure', ...metrics], escapeFormulae: true, newline: '\r\n' });
  return `${preamble}\r\n${table}\r\n`;
}

/**
 * One comment line as CSV readers skip it (pandas' `comment`, Papa's `comments`): a line that starts
 * with "#" unquoted. A comma or a double quote (from a file name, a card) would make a CSV writer quote
 * the line, and a quoted line is no comment, so they are written as ";" and "'".
 */
const commentLine = (line: string) =>
  line
    .replace(/[\r\n]+/g, ' ')
    .replace(/,/g, ';')
    .replace(/"/g, "'");

/** A figure that does not exist (a return on no capital, a bad rate with no outcomes) is written "n/a", not NaN. */
const notANumberAsNa = (v: number) => (Number.isNaN(v) ? 'n/a' : v);

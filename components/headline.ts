/**
 * The scenario in one sentence, for the executive who reads nothing else: which levers moved, and
 * what that does to the book's expected loss and return on capital, and to new business approvals.
 */
import { formatAssumption, formatPercent, formatRelativeChange, formatUsd, isNegligibleChange } from './format';

export interface HeadlineLever {
  label: string;
  symbol: string;
  value: number;
  defaultValue: number;
  signed: boolean;
}

/** The existing book's figures. */
export interface HeadlineFigures {
  expectedLoss: number;
  returnOnCapital: number;
  exposure: number;
}

/** New business approval rates at the cut-off: baseline PDs against the scenario's. */
export interface HeadlineApprovals {
  baseline: number;
  scenario: number;
}

export interface Headline {
  /** "Income shock −20% · Unemployment change +3 pp", or "Baseline". */
  levers: string;
  sentence: string;
}

function lossClause(base: number, scenario: number): string {
  if (isNegligibleChange(base, scenario)) return `The book's expected loss is unchanged at ${formatUsd(scenario)}`;
  const verb = scenario > base ? 'rises' : 'falls';
  return `The book's expected loss ${verb} by ${formatUsd(Math.abs(scenario - base))} (${formatRelativeChange(base, scenario)}) to ${formatUsd(scenario)}`;
}

function returnClause(base: number, scenario: number): string {
  if (isNegligibleChange(base, scenario)) return `return on capital holds at ${formatPercent(scenario)}`;
  if (Number.isNaN(scenario) || Number.isNaN(base)) return `return on capital is ${formatPercent(scenario)} (was ${formatPercent(base)})`;
  return `return on capital ${scenario > base ? 'rises' : 'falls'} from ${formatPercent(base)} to ${formatPercent(scenario)}`;
}

function approvalClause({ baseline, scenario }: HeadlineApprovals): string | undefined {
  if (scenario === 1 && baseline === 1) return undefined;
  const was = isNegligibleChange(baseline, scenario) ? '' : ` (${formatPercent(baseline)} at baseline PDs)`;
  return `new business at the cut-off approves ${formatPercent(scenario)} of applicants${was}`;
}

export function scenarioHeadline(
  levers: HeadlineLever[],
  baseline: HeadlineFigures,
  scenario: HeadlineFigures,
  approvals: HeadlineApprovals,
): Headline {
  const moved = levers.filter((l) => l.value !== l.defaultValue);
  if (moved.length === 0) {
    return {
      levers: 'Baseline',
      sentence:
        `The book's expected loss is ${formatUsd(baseline.expectedLoss)} on ${formatUsd(baseline.exposure)} of exposure; ` +
        `return on capital ${formatPercent(baseline.returnOnCapital)}. Move a lever to see what changes.`,
    };
  }
  const clauses = [
    lossClause(baseline.expectedLoss, scenario.expectedLoss),
    returnClause(baseline.returnOnCapital, scenario.returnOnCapital),
  ];
  const approval = approvalClause(approvals);
  if (approval) clauses.push(approval);
  const last = clauses.pop()!;
  return {
    levers: moved.map((l) => `${l.label} ${formatAssumption(l.value, l.symbol, l.signed)}`).join(' · '),
    sentence: `${clauses.join(', ')} and ${last}.`,
  };
}

/**
 * The scenario in one sentence, for the executive who reads nothing else: which levers moved, and
 * what that does to expected loss, return on capital and approvals.
 */
import { formatAssumption, formatPercent, formatRelativeChange, formatUsd, isNegligibleChange } from './format';

export interface HeadlineLever {
  label: string;
  symbol: string;
  value: number;
  defaultValue: number;
  signed: boolean;
}

export interface HeadlineFigures {
  expectedLoss: number;
  riskAdjustedReturn: number;
  approvalRate: number;
  exposure: number;
}

export interface Headline {
  /** "Income shock −20% · Unemployment change +3 pp", or "Baseline". */
  levers: string;
  sentence: string;
}

function lossClause(base: number, scenario: number): string {
  if (isNegligibleChange(base, scenario)) return `Expected loss is unchanged at ${formatUsd(scenario)}`;
  const verb = scenario > base ? 'rises' : 'falls';
  return `Expected loss ${verb} by ${formatUsd(Math.abs(scenario - base))} (${formatRelativeChange(base, scenario)}) to ${formatUsd(scenario)}`;
}

function returnClause(base: number, scenario: number): string {
  if (isNegligibleChange(base, scenario)) return `return on capital holds at ${formatPercent(scenario)}`;
  return `return on capital ${scenario > base ? 'rises' : 'falls'} from ${formatPercent(base)} to ${formatPercent(scenario)}`;
}

export function scenarioHeadline(levers: HeadlineLever[], baseline: HeadlineFigures, scenario: HeadlineFigures): Headline {
  const moved = levers.filter((l) => l.value !== l.defaultValue);
  if (moved.length === 0) {
    return {
      levers: 'Baseline',
      sentence:
        `Expected loss ${formatUsd(baseline.expectedLoss)} on ${formatUsd(baseline.exposure)} of exposure; ` +
        `return on capital ${formatPercent(baseline.riskAdjustedReturn)}. Move a lever to see what changes.`,
    };
  }
  const declined = 1 - scenario.approvalRate;
  const clauses = [
    lossClause(baseline.expectedLoss, scenario.expectedLoss),
    returnClause(baseline.riskAdjustedReturn, scenario.riskAdjustedReturn),
  ];
  if (declined > 0) clauses.push(`the cut-off declines ${formatPercent(declined)} of loans`);
  const last = clauses.pop()!;
  return {
    levers: moved.map((l) => `${l.label} ${formatAssumption(l.value, l.symbol, l.signed)}`).join(' · '),
    sentence: `${clauses.join(', ')} and ${last}.`,
  };
}

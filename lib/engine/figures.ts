/**
 * The figures the page shows, from the engine's sums: the existing book, new business at the cut-off,
 * both together, and what the cut-off itself does. Pure and cheap: the page re-runs it from the last
 * answer when only LGD or the cut-off moved, in the frame of the key press.
 */
import {
  addSums,
  bookMetricsFromSums,
  ladderRung,
  repriceFunding,
  segmentedMetrics,
  type ApprovalLadder,
  type BookMetrics,
  type BookSums,
  type SegmentedMetrics,
  type SegmentedSums,
  type SegmentLabels,
} from '../metrics';
import type { Book } from '../metrics';
import { BASELINE_ASSUMPTIONS, type Assumptions, type Settings } from '../scenario';
import { bookFundingShock, metricParams, newBusinessFundingShock } from './parameters';

export interface FigureSources {
  segmentLabels: SegmentLabels;
  book: { baseline: SegmentedSums; scenario: SegmentedSums };
  /** New business at every cut-off rung, under the baseline's and the scenario's PDs. */
  ladders: { baseline: ApprovalLadder; scenario: ApprovalLadder };
}

/** What the cut-off does to the scenario's applicants, against approving them all. */
export interface PolicyEffect {
  declined: number;
  declinedExposure: number;
  /** Expected loss the cut-off avoids, USD. */
  declinedExpectedLoss: number;
  /** Observed bad rates (where the tape has outcomes; NaN otherwise). */
  declinedObservedBadRate: number;
  approvedObservedBadRate: number;
}

export interface Figures {
  /** The existing book: every loan, baseline against scenario, with its segments. */
  baseline: SegmentedMetrics;
  scenario: SegmentedMetrics;
  /** Next period's applicants at the cut-off: baseline PDs against scenario PDs at the same cut-off (like for like). */
  newBusiness: { baseline: BookMetrics; scenario: BookMetrics };
  /** The book and the approved new business together. */
  combined: { baseline: BookMetrics; scenario: BookMetrics };
  policy: PolicyEffect;
}

const observedBadRate = (bad: number, known: number) => (known > 0 ? bad / known : Number.NaN);

function policyEffect(all: BookSums, approved: BookSums, lgd: number): PolicyEffect {
  return {
    declined: all.approved - approved.approved,
    declinedExposure: all.ead - approved.ead,
    declinedExpectedLoss: (all.pdEad - approved.pdEad) * lgd,
    declinedObservedBadRate: observedBadRate(all.observedBad - approved.observedBad, all.withOutcome - approved.withOutcome),
    approvedObservedBadRate: observedBadRate(approved.observedBad, approved.withOutcome),
  };
}

/** New business at one cut-off, under baseline and scenario PDs, and every applicant approved. */
export interface NewBusinessSums {
  baseline: BookSums;
  scenario: BookSums;
  approveAll: BookSums;
}

/** New business at a cut-off (PD in percent) from the ladders, or undefined for a cut-off between their rungs. */
export function ladderSums(sources: FigureSources, cutoff: number): NewBusinessSums | undefined {
  const baseline = ladderRung(sources.ladders.baseline, cutoff);
  const scenario = ladderRung(sources.ladders.scenario, cutoff);
  const approveAll = sources.ladders.scenario.sums.at(-1);
  return baseline && scenario && approveAll ? { baseline, scenario, approveAll } : undefined;
}

/** The figures for `a` from the sums; new business from the ladders unless given (undefined when the cut-off is off them). */
export function figuresFrom(
  sources: FigureSources,
  a: Assumptions,
  settings: Settings,
  newBusinessSums: NewBusinessSums | undefined = ladderSums(sources, a.cutoff),
): Figures | undefined {
  if (!newBusinessSums) return undefined;
  const { baseline: newBaseline, scenario: newScenario, approveAll } = newBusinessSums;
  const params = metricParams(a, settings);
  const baselineParams = metricParams(BASELINE_ASSUMPTIONS, settings);
  const bookShock = bookFundingShock(a, settings);
  const newShock = newBusinessFundingShock(a);
  const nb = {
    baseline: repriceFunding(newBaseline, 0),
    scenario: repriceFunding(newScenario, newShock),
  };
  const bookTotal = {
    baseline: sources.book.baseline.total,
    scenario: repriceFunding(sources.book.scenario.total, bookShock),
  };
  return {
    baseline: segmentedMetrics(sources.segmentLabels, sources.book.baseline, baselineParams, 0),
    scenario: segmentedMetrics(sources.segmentLabels, sources.book.scenario, params, bookShock),
    newBusiness: { baseline: bookMetricsFromSums(nb.baseline, baselineParams), scenario: bookMetricsFromSums(nb.scenario, params) },
    combined: {
      baseline: bookMetricsFromSums(addSums(bookTotal.baseline, nb.baseline), baselineParams),
      scenario: bookMetricsFromSums(addSums(bookTotal.scenario, nb.scenario), params),
    },
    policy: policyEffect(approveAll, newScenario, params.lgd),
  };
}

export interface SwapGroup {
  loans: number;
  exposure: number;
  observedBadRate: number;
}

/** At one cut-off: applicants the scenario declines that the baseline approved (swap-outs), and the reverse (swap-ins). */
export interface SwapSet {
  swapOut: SwapGroup;
  swapIn: SwapGroup;
  /** Approved under both. */
  kept: SwapGroup;
}

/** A swap group as sums (bad loans among those with a known outcome): what partitions add up. */
export interface SwapCount {
  loans: number;
  exposure: number;
  bad: number;
  known: number;
}

export type SwapCounts = Record<keyof SwapSet, SwapCount>;

export function swapCounts(baselinePd: Float64Array, scenarioPd: Float64Array, book: Book, cutoff: number): SwapCounts {
  const counts = { swapOut: emptySwapCount(), swapIn: emptySwapCount(), kept: emptySwapCount() };
  const { weight, observedBad } = book;
  for (let i = 0; i < book.loanCount; i++) {
    const before = baselinePd[i]! <= cutoff;
    const after = scenarioPd[i]! <= cutoff;
    const g = before && !after ? counts.swapOut : !before && after ? counts.swapIn : before && after ? counts.kept : undefined;
    if (!g) continue;
    const w = weight ? weight[i]! : 1;
    g.loans += w;
    g.exposure += w * book.amountLent[i]!;
    if (observedBad) {
      g.known += w;
      g.bad += w * observedBad[i]!;
    }
  }
  return counts;
}

export const emptySwapCount = (): SwapCount => ({ loans: 0, exposure: 0, bad: 0, known: 0 });

/** Each group through `f`: scaled by a sample's weight, or added to another partition's. */
export const mapSwapCounts = (c: SwapCounts, f: (g: SwapCount, key: keyof SwapSet) => SwapCount): SwapCounts => ({
  swapOut: f(c.swapOut, 'swapOut'),
  swapIn: f(c.swapIn, 'swapIn'),
  kept: f(c.kept, 'kept'),
});

const swapGroup = (g: SwapCount): SwapGroup => ({ loans: g.loans, exposure: g.exposure, observedBadRate: observedBadRate(g.bad, g.known) });

export const swapSet = (c: SwapCounts): SwapSet => ({
  swapOut: swapGroup(c.swapOut),
  swapIn: swapGroup(c.swapIn),
  kept: swapGroup(c.kept),
});

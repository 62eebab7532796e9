/**
 * The reported IFRS 9 ECL: Σ weight × ECL(scenario) over the scenario set (IFRS 9 5.5.17(a), B5.5.42),
 * each scenario's own ECL beside it, and the gap to the central scenario: what a single-scenario ECL
 * would miss because losses rise faster in a downturn than they fall in an upturn.
 */
import { bookMetricsFromSums, type BookSums, type MetricParams } from '../metrics';
import type { AssumptionId, Assumptions, ScenarioSet } from '../scenario';

export interface ScenarioEcl {
  id: string;
  name: string;
  narrative: string;
  /** Share, 0–1. */
  weight: number;
  central: boolean;
  ifrs9Ecl: number;
  ceclEcl: number;
  stage2Share: number;
}

export interface WeightedEcl {
  scenarios: ScenarioEcl[];
  /** Σ weight × IFRS 9 ECL: the reported figure. */
  ifrs9Ecl: number;
  ceclEcl: number;
  /** The central scenario's IFRS 9 ECL. */
  centralIfrs9Ecl: number;
  /** Weighted − central: what a single central scenario misses. */
  nonLinearityGap: number;
  /** ECL at the set's weighted-mean levers. */
  meanScenarioIfrs9Ecl: number;
  /** Mean − central: the part of the gap that is the set's weighted mean lying away from the central scenario. */
  meanShift: number;
  /** Weighted − mean: the part that is convexity, losses rising faster in a downturn than they fall in an upturn. */
  convexity: number;
}

/** The set's weighted-mean levers: where a single scenario with the same average would sit. */
export function weightedMeanAssumptions(set: ScenarioSet): Assumptions {
  const ids = Object.keys(set[0]!.assumptions) as AssumptionId[];
  return Object.fromEntries(ids.map((id) => [id, set.reduce((sum, s) => sum + (s.weight / 100) * s.assumptions[id], 0)])) as Assumptions;
}

type Run = { sums: BookSums; params: MetricParams };

export function weightedEcl(set: ScenarioSet, runs: Run[], mean: Run): WeightedEcl {
  const scenarios = set.map((s, k) => {
    const m = bookMetricsFromSums(runs[k]!.sums, runs[k]!.params);
    return {
      id: s.id,
      name: s.name,
      narrative: s.narrative,
      weight: s.weight / 100,
      central: s.central,
      ifrs9Ecl: m.ifrs9Ecl,
      ceclEcl: m.ceclEcl,
      stage2Share: m.stage2Share,
    };
  });
  const weighted = (f: (s: ScenarioEcl) => number) => scenarios.reduce((sum, s) => sum + s.weight * f(s), 0);
  const ifrs9Ecl = weighted((s) => s.ifrs9Ecl);
  const centralIfrs9Ecl = scenarios.find((s) => s.central)?.ifrs9Ecl ?? Number.NaN;
  const meanScenarioIfrs9Ecl = bookMetricsFromSums(mean.sums, mean.params).ifrs9Ecl;
  return {
    scenarios,
    ifrs9Ecl,
    ceclEcl: weighted((s) => s.ceclEcl),
    centralIfrs9Ecl,
    nonLinearityGap: ifrs9Ecl - centralIfrs9Ecl,
    meanScenarioIfrs9Ecl,
    meanShift: meanScenarioIfrs9Ecl - centralIfrs9Ecl,
    convexity: ifrs9Ecl - meanScenarioIfrs9Ecl,
  };
}

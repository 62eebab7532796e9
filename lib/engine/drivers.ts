/**
 * What drove it: the change of a KPI of the existing book from baseline to scenario, shared out among
 * the levers that moved, and how far each lever swings a KPI over the range the scenario set spans.
 *
 * Attribution is the Shapley value (Shapley 1953): each lever gets its marginal effect averaged over
 * every order in which the levers could have been moved, so the shares sum exactly to the total change,
 * do not depend on an arbitrary order, and a lever that changes nothing gets nothing. With n levers
 * moved it takes the KPI at all 2^n mixes of baseline and scenario values (at most 64; the model runs
 * for at most 8 of them, as LGD, the cut-off and funding act after the model).
 */
import type { BookMetrics } from '../metrics';
import { ASSUMPTION_IDS, BASELINE_ASSUMPTIONS, type AssumptionId, type Assumptions, type ScenarioSet, type Settings } from '../scenario';
import type { ScenarioEngine } from './engine';
import { bookMetricsOf } from './scenario-comparison';

/** The KPIs attributed: what a board asks "why" about. */
export const DRIVEN_KPIS = ['expectedLoss', 'irbCapital', 'returnOnCapital'] as const satisfies readonly (keyof BookMetrics)[];
export type DrivenKpi = (typeof DRIVEN_KPIS)[number];

export interface KpiAttribution {
  kpi: DrivenKpi;
  baseline: number;
  scenario: number;
  /** One share per lever moved, in the sliders' order; they sum to scenario − baseline. */
  contributions: { lever: AssumptionId; contribution: number }[];
}

export interface TornadoBar {
  lever: AssumptionId;
  /** The lever's lowest and highest value in the scenario set, and the KPI there (the other levers as in the scenario). */
  low: { value: number; kpi: number };
  high: { value: number; kpi: number };
}

export interface Drivers {
  method: string;
  attributions: KpiAttribution[];
  tornado: { kpi: DrivenKpi; current: number; bars: TornadoBar[] };
}

export const ATTRIBUTION_METHOD =
  'Shapley values: each lever’s effect averaged over every order in which the moved levers could be applied; the shares sum to the total change.';

/** Shapley values of n players for a game given on every coalition (bit j of the mask: player j in). */
export function shapleyValues(n: number, value: (mask: number) => number): number[] {
  const v = Array.from({ length: 1 << n }, (_, mask) => value(mask));
  const factorial = [1];
  for (let k = 1; k <= n; k++) factorial.push(factorial[k - 1]! * k);
  const bits = (mask: number) => {
    let count = 0;
    for (let m = mask; m; m &= m - 1) count++;
    return count;
  };
  return Array.from({ length: n }, (_, j) => {
    let phi = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      if (mask & (1 << j)) continue;
      const s = bits(mask);
      phi += ((factorial[s]! * factorial[n - s - 1]!) / factorial[n]!) * (v[mask | (1 << j)]! - v[mask]!);
    }
    return phi;
  });
}

/** The levers at their scenario value where the mask says, at the baseline elsewhere. */
const mix = (levers: readonly AssumptionId[], mask: number, scenario: Assumptions): Assumptions => {
  const out: Record<string, number> = { ...BASELINE_ASSUMPTIONS };
  levers.forEach((id, j) => {
    if (mask & (1 << j)) out[id] = scenario[id];
  });
  return out as Assumptions;
};

export async function drivers(
  engine: ScenarioEngine,
  scenario: Assumptions,
  settings: Settings,
  set: ScenarioSet,
  tornadoKpi: DrivenKpi = 'expectedLoss',
  checkpoint?: () => Promise<void>,
): Promise<Drivers> {
  const moved = ASSUMPTION_IDS.filter((id) => scenario[id] !== BASELINE_ASSUMPTIONS[id]);
  const masks = Array.from({ length: 1 << moved.length }, (_, mask) => mask);
  const tornadoPoints = ASSUMPTION_IDS.flatMap((id) => {
    const values = set.map((s) => s.assumptions[id]);
    return [Math.min(...values), Math.max(...values)].map((value) => ({ id, value, levers: { ...scenario, [id]: value } as Assumptions }));
  });
  const wanted = [...masks.map((mask) => mix(moved, mask, scenario)), ...tornadoPoints.map((p) => p.levers)];
  const at = await bookMetricsOf(engine, wanted, settings, checkpoint);
  const attributions = DRIVEN_KPIS.map((kpi) => {
    const phi = shapleyValues(moved.length, (mask) => at(mix(moved, mask, scenario))[kpi]);
    return {
      kpi,
      baseline: at(BASELINE_ASSUMPTIONS)[kpi],
      scenario: at(scenario)[kpi],
      contributions: moved.map((lever, j) => ({ lever, contribution: phi[j]! })),
    };
  });
  const bars = ASSUMPTION_IDS.map((lever, k) => {
    const [low, high] = [tornadoPoints[2 * k]!, tornadoPoints[2 * k + 1]!];
    return {
      lever,
      low: { value: low.value, kpi: at(low.levers)[tornadoKpi] },
      high: { value: high.value, kpi: at(high.levers)[tornadoKpi] },
    };
  }).sort((a, b) => Math.abs(b.high.kpi - b.low.kpi) - Math.abs(a.high.kpi - a.low.kpi));
  return { method: ATTRIBUTION_METHOD, attributions, tornado: { kpi: tornadoKpi, current: at(scenario)[tornadoKpi], bars } };
}

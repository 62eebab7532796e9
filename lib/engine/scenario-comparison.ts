/**
 * Two to four scenarios side by side: the existing book's KPIs under each, and the probability-weighted
 * result over the scenario set (Σ weight × KPI of each of the set's scenarios; for IFRS 9 ECL that is
 * the reported, weighted ECL). Every scenario is evaluated whole under the same settings.
 */
import type { BookMetrics } from '../metrics';
import { ASSUMPTION_IDS, type Assumptions, type ScenarioSet, type Settings } from '../scenario';
import type { ScenarioEngine } from './engine';

/** At most this many scenarios are compared at once: more do not fit a projector's width. */
export const MAX_COMPARED = 4;

export interface ComparedScenario {
  name: string;
  assumptions: Assumptions;
}

export interface ScenarioComparison {
  columns: { name: string; assumptions: Assumptions; book: BookMetrics }[];
  /** Σ weight × each KPI over the set's scenarios (weights as shares). */
  weighted: { book: BookMetrics; weights: { name: string; weight: number }[] };
}

const leversKey = (a: Assumptions) => JSON.stringify(ASSUMPTION_IDS.map((id) => a[id]));

/**
 * The book's metrics under each of `wanted`, evaluated in the order of the engine's per-loan work so a
 * big book (one stage kept) computes each stage once; `checkpoint` between them gives way to a request.
 */
export async function bookMetricsOf(
  engine: ScenarioEngine,
  wanted: readonly Assumptions[],
  settings: Settings,
  checkpoint?: () => Promise<void>,
): Promise<(a: Assumptions) => BookMetrics> {
  const metrics = new Map<string, BookMetrics>();
  for (const a of [...wanted].sort((x, y) => engine.bookStageKey(x).localeCompare(engine.bookStageKey(y)))) {
    if (metrics.has(leversKey(a))) continue;
    metrics.set(leversKey(a), await engine.bookMetrics(a, settings, checkpoint));
    await checkpoint?.();
  }
  return (a) => metrics.get(leversKey(a))!;
}

export async function compareScenarios(
  engine: ScenarioEngine,
  compared: readonly ComparedScenario[],
  settings: Settings,
  set: ScenarioSet,
  checkpoint?: () => Promise<void>,
): Promise<ScenarioComparison> {
  if (compared.length < 2 || compared.length > MAX_COMPARED)
    throw new RangeError(`Compare 2 to ${MAX_COMPARED} scenarios; ${compared.length} were chosen.`);
  const at = await bookMetricsOf(engine, [...compared.map((c) => c.assumptions), ...set.map((s) => s.assumptions)], settings, checkpoint);
  const weights = set.map((s) => ({ name: s.name, weight: s.weight / 100 }));
  const first = at(set[0]!.assumptions);
  const weighted = Object.fromEntries(
    (Object.keys(first) as (keyof BookMetrics)[]).map((k) => [
      k,
      set.reduce((sum, s, i) => sum + weights[i]!.weight * at(s.assumptions)[k], 0),
    ]),
  ) as unknown as BookMetrics;
  return {
    columns: compared.map((c) => ({ name: c.name, assumptions: c.assumptions, book: at(c.assumptions) })),
    weighted: { book: weighted, weights },
  };
}

/**
 * Goal seek: which value of one lever brings a KPI of the existing book to a target, the other levers
 * as in the scenario. The answer is a position of the lever's slider (a value the page can apply), found
 * by bisection on the slider's grid: the lowest position at which the KPI has reached the target (for a
 * KPI that falls as the lever rises, the lowest at which it has fallen to it). It takes about log2(positions) evaluations (six for unemployment's 53). The
 * levers move the book's KPIs one way (tested for the shipped model's levers by lib/scenario's checks),
 * so the KPIs at the grid's two ends say whether any position reaches the target; when none does, the
 * answer says which end comes closest and what the KPI is there.
 */
import type { BookMetrics } from '../metrics';
import { assumptionGrid, type AssumptionId, type Assumptions, type Settings } from '../scenario';
import type { ScenarioEngine } from './engine';

/** The KPIs a target can be set on: the existing book's. */
export const SEEKABLE_KPIS = [
  'expectedLoss',
  'ifrs9Ecl',
  'ceclEcl',
  'irbCapital',
  'returnOnCapital',
  'economicProfit',
] as const satisfies readonly (keyof BookMetrics)[];
export type SeekableKpi = (typeof SEEKABLE_KPIS)[number];

export interface Seek {
  lever: AssumptionId;
  kpi: SeekableKpi;
  /** In the KPI's own unit: USD, or a share for return on capital. */
  target: number;
}

export type SeekAnswer = Seek &
  (
    | { reached: true; value: number; kpiAtValue: number; evaluations: number }
    | { reached: false; closest: { value: number; kpi: number }; evaluations: number }
  );

export async function goalSeek(
  engine: ScenarioEngine,
  scenario: Assumptions,
  settings: Settings,
  seek: Seek,
  checkpoint?: () => Promise<void>,
): Promise<SeekAnswer> {
  const grid = assumptionGrid(seek.lever);
  let evaluations = 0;
  const kpiAt = async (k: number) => {
    evaluations++;
    const value = (await engine.bookMetrics({ ...scenario, [seek.lever]: grid[k]! }, settings, checkpoint))[seek.kpi];
    await checkpoint?.();
    return value;
  };
  const [first, last] = [await kpiAt(0), await kpiAt(grid.length - 1)];
  const rising = last >= first;
  // "Reached" on the side the KPI moves to: a rising KPI reaches a target at or above it.
  const reaches = (v: number) => (rising ? v >= seek.target : v <= seek.target);
  if (!reaches(last) || Number.isNaN(first) || Number.isNaN(last)) {
    const closest = Math.abs(last - seek.target) <= Math.abs(first - seek.target) ? { k: grid.length - 1, v: last } : { k: 0, v: first };
    return { ...seek, reached: false, closest: { value: grid[closest.k]!, kpi: closest.v }, evaluations };
  }
  if (reaches(first)) return { ...seek, reached: true, value: grid[0]!, kpiAtValue: first, evaluations };
  // Invariant: the KPI does not reach the target at lo, and does at hi.
  let [lo, hi, atHi] = [0, grid.length - 1, last];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const v = await kpiAt(mid);
    if (reaches(v)) [hi, atHi] = [mid, v];
    else lo = mid;
  }
  return { ...seek, reached: true, value: grid[hi]!, kpiAtValue: atHi, evaluations };
}

/**
 * The breaking points a board asks for on this book: the unemployment change at which return on capital
 * falls to the hurdle rate, and (given a limit) at which the IFRS 9 ECL reaches it.
 */
export function breakingPointSeeks(settings: Settings, eclLimit?: number): Seek[] {
  return [
    { lever: 'unemployment-change', kpi: 'returnOnCapital', target: settings['hurdle-rate'] / 100 },
    ...(eclLimit !== undefined ? [{ lever: 'unemployment-change' as const, kpi: 'ifrs9Ecl' as const, target: eclLimit }] : []),
  ];
}

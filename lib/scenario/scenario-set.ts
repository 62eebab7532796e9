/**
 * The probability-weighted scenario set behind the reported IFRS 9 ECL (5.5.17(a), B5.5.42): each
 * scenario a full set of lever values with a weight and a one-line narrative; weights sum to 100%.
 * Reported ECL = Σ weight × ECL(scenario); the gap to the central scenario's ECL is the non-linearity.
 */
import { shorten } from '../util';
import { BASELINE_ASSUMPTIONS, type Assumptions } from './assumptions';
import { parseScenario } from './scenario-file';

export interface WeightedScenario {
  readonly id: string;
  readonly name: string;
  /** Percent; the set's weights sum to 100. */
  readonly weight: number;
  readonly narrative: string;
  /** The central (most likely) scenario: the one a single-scenario ECL would use. */
  readonly central: boolean;
  readonly assumptions: Readonly<Assumptions>;
}

export type ScenarioSet = readonly WeightedScenario[];

export const SCENARIO_SET_SOURCE =
  'Severely adverse follows the Federal Reserve’s 2025 supervisory severely adverse scenario (February 2025): US unemployment rises 5.9 pp, from 4.1% to a peak of 10% in 2026 Q3. ' +
  'Adverse sits near the 2001–03 downturn (unemployment peaked at 6.3%, +2.3 pp). Weights are illustrative: set them to the bank’s approved weights.';

const scenario = (
  id: string,
  name: string,
  weight: number,
  narrative: string,
  levers: Partial<Assumptions>,
  central = false,
): WeightedScenario => ({
  id,
  name,
  weight,
  narrative,
  central,
  assumptions: { ...BASELINE_ASSUMPTIONS, ...levers },
});

export const DEFAULT_SCENARIO_SET: ScenarioSet = [
  scenario('upside', 'Upside', 10, 'Soft landing: unemployment eases half a point, incomes edge up.', {
    'unemployment-change': -0.5,
    'income-shock': 2,
  }),
  scenario('base', 'Base', 55, 'Today’s conditions persist: no change to unemployment, incomes or utilisation.', {}, true),
  scenario('adverse', 'Adverse', 25, 'Mild recession like 2001–03: unemployment +2.5 pp, incomes −5%, utilisation +5 pp.', {
    'unemployment-change': 2.5,
    'income-shock': -5,
    'utilization-shift': 5,
  }),
  scenario(
    'severely-adverse',
    'Severely adverse',
    10,
    'Fed 2025 severely adverse: unemployment +5.9 pp to 10%, incomes −10%, utilisation +10 pp, LGD 90%.',
    {
      'unemployment-change': 6,
      'income-shock': -10,
      'utilization-shift': 10,
      lgd: 90,
    },
  ),
];

/** Keys already made, by set: the page compares the same sets on every key press (a set is never changed in place, only replaced). */
const setKeys = new WeakMap<ScenarioSet, string>();

/** The set's weights, central scenario and levers as one string: equal for equal sets. */
export function scenarioSetKey(set: ScenarioSet): string {
  let key = setKeys.get(set);
  if (key === undefined) {
    key = JSON.stringify(set.map((s) => [s.weight, s.central, Object.entries(s.assumptions).sort()]));
    setKeys.set(set, key);
  }
  return key;
}

/** Weights must be non-negative and sum to 100%; exactly one scenario is central. */
export function scenarioSetProblems(set: ScenarioSet): string[] {
  const problems: string[] = [];
  if (set.length < 2) problems.push('A scenario set needs at least two scenarios.');
  const total = set.reduce((s, x) => s + x.weight, 0);
  if (set.some((s) => !(s.weight >= 0))) problems.push('Every weight must be a number of at least 0%.');
  else if (Math.abs(total - 100) > 1e-6) problems.push(`The weights sum to ${Number(total.toFixed(4))}%; they must sum to 100%.`);
  const names = set.map((s) => s.name);
  for (const name of new Set(names.filter((n, k) => names.indexOf(n) !== k)))
    problems.push(`Scenario names must differ; "${shorten(name)}" appears more than once.`);
  const central = set.filter((s) => s.central).length;
  if (central !== 1) problems.push(`Exactly one scenario must be central; ${central} are.`);
  return problems;
}

export type ScenarioSetResult = { ok: true; set: ScenarioSet } | { ok: false; errors: string[] };

/** A scenario set from JSON: [{ "name", "weight", "narrative", "central"?, "levers": { lever id: value } }]. */
export function parseScenarioSet(json: unknown): ScenarioSetResult {
  if (!Array.isArray(json)) return { ok: false, errors: ['"scenarioSet" must be a JSON array of scenarios.'] };
  const errors: string[] = [];
  const set: WeightedScenario[] = [];
  json.forEach((item: unknown, k) => {
    const where = `Scenario ${k + 1}`;
    if (typeof item !== 'object' || item === null) return void errors.push(`${where} is not an object.`);
    const { name, weight, narrative, central, levers } = item as Record<string, unknown>;
    if (typeof name !== 'string' || !name.trim()) errors.push(`${where} has no "name".`);
    if (typeof weight !== 'number') errors.push(`${where} has weight ${shorten(JSON.stringify(weight) ?? 'none')}; expected a percentage.`);
    const parsed = parseScenario(levers ?? {});
    if (!parsed.ok) errors.push(...parsed.errors.map((e) => `${where}: ${e}`));
    else if (typeof name === 'string' && typeof weight === 'number') {
      const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      set.push({
        id,
        name,
        weight,
        narrative: typeof narrative === 'string' ? narrative : '',
        central: central === true,
        assumptions: parsed.assumptions,
      });
    }
  });
  if (errors.length) return { ok: false, errors };
  const problems = scenarioSetProblems(set);
  return problems.length ? { ok: false, errors: problems } : { ok: true, set };
}

/** The set as a scenario file writes it (the inverse of parseScenarioSet). */
export function scenarioSetToJson(set: ScenarioSet): unknown[] {
  return set.map((s) => ({
    name: s.name,
    weight: s.weight,
    narrative: s.narrative,
    central: s.central,
    levers: Object.fromEntries(Object.entries(s.assumptions).filter(([id, v]) => BASELINE_ASSUMPTIONS[id as keyof Assumptions] !== v)),
  }));
}

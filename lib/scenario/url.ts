/**
 * The scenario in a URL: only what differs from the defaults, keyed by id
 * (?income-shock=-30&lgd=60&cpr=10&regime=basel-ii&weights=10,50,30,10). A link that names an unknown
 * id or a bad value still opens; the offending parts are ignored and reported, echoed as given but shortened.
 */
import { shorten } from '../util';
import {
  ASSUMPTION_IDS,
  ASSUMPTIONS,
  BASELINE_ASSUMPTIONS,
  assumptionById,
  isAssumptionId,
  type AssumptionId,
  type Assumptions,
} from './assumptions';
import { DEFAULT_SCENARIO_SET, scenarioSetProblems, type ScenarioSet } from './scenario-set';
import { DEFAULT_SETTINGS, SETTINGS, isSettingId, settingRefusal, type Settings } from './settings';

const WEIGHTS_KEY = 'weights';

export function scenarioToQuery(
  assumptions: Assumptions,
  settings: Settings = DEFAULT_SETTINGS,
  set: ScenarioSet = DEFAULT_SCENARIO_SET,
): string {
  const params = new URLSearchParams();
  for (const { id } of ASSUMPTIONS) {
    if (assumptions[id] !== BASELINE_ASSUMPTIONS[id]) params.set(id, String(assumptions[id]));
  }
  if (settings.regime !== DEFAULT_SETTINGS.regime) params.set('regime', settings.regime);
  for (const { id } of SETTINGS) if (settings[id] !== DEFAULT_SETTINGS[id]) params.set(id, String(settings[id]));
  if (set.some((s, k) => s.weight !== DEFAULT_SCENARIO_SET[k]?.weight)) params.set(WEIGHTS_KEY, set.map((s) => s.weight).join(','));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Why one link parameter is ignored, echoing it as given (shortened), or undefined when it is good. */
function leverRefusal(key: AssumptionId, raw: string): string | undefined {
  const { min, max, unit } = assumptionById(key);
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  const expected = `expected ${min} to ${max} ${unit}`;
  if (!Number.isFinite(value)) return `${key}=${shorten(raw)} is not a number; ${expected}.`;
  if (value < min || value > max) return `${key}=${shorten(raw)} is out of range; ${expected}.`;
  return undefined;
}

/** The default set with the link's weights, or why they are refused. */
function weightedSet(raw: string): { set: ScenarioSet } | { refused: string } {
  const weights = raw.split(',').map((w) => (w.trim() === '' ? Number.NaN : Number(w)));
  const set = DEFAULT_SCENARIO_SET.map((s, k) => ({ ...s, weight: weights[k]! }));
  const problems = weights.length === set.length ? scenarioSetProblems(set) : [`expected ${set.length} weights`];
  return problems.length ? { refused: `${WEIGHTS_KEY}=${shorten(raw)} is refused: ${problems.join(' ')}` } : { set };
}

export interface LinkScenario {
  assumptions: Assumptions;
  settings: Settings;
  scenarioSet: ScenarioSet;
  ignored: string[];
}

export function scenarioFromQuery(search: string): LinkScenario {
  const values: Partial<Record<AssumptionId, number>> = {};
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  let scenarioSet = DEFAULT_SCENARIO_SET;
  const ignored: string[] = [];
  for (const [key, raw] of new URLSearchParams(search)) {
    if (isAssumptionId(key)) {
      const why = leverRefusal(key, raw);
      if (why) ignored.push(why);
      else values[key] = Number(raw);
    } else if (key === 'regime' || isSettingId(key)) {
      const value = key === 'regime' ? raw : raw.trim() === '' ? Number.NaN : Number(raw);
      const why = settingRefusal(key, value);
      if (why) ignored.push(`${key}=${shorten(raw)}: ${why}`);
      else settings[key] = value;
    } else if (key === WEIGHTS_KEY) {
      const weighted = weightedSet(raw);
      if ('refused' in weighted) ignored.push(weighted.refused);
      else scenarioSet = weighted.set;
    } else ignored.push(`"${shorten(key)}" is not a lever or setting; expected one of ${ASSUMPTION_IDS.join(', ')}, or a setting id.`);
  }
  return { assumptions: { ...BASELINE_ASSUMPTIONS, ...values }, settings: settings as Settings, scenarioSet, ignored };
}

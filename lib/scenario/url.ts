/**
 * The scenario in a URL: only what differs from the defaults, keyed by id
 * (?income-shock=-30&lgd=60&cpr=10&regime=basel-ii&weights=10,50,30,10), or a scenario of the set by
 * name (?scenario=adverse, then any lever given moves from there). A link that names an unknown id or a
 * bad value still opens; the offending parts are ignored and reported, echoed as given but shortened.
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
const SCENARIO_KEY = 'scenario';

/**
 * Names a link may use for the set's scenarios besides their ids: the supervisory words (the Federal
 * Reserve's and the EBA's "adverse" and "severely adverse") for the downside and severe scenarios.
 */
const SCENARIO_ALIASES: Record<string, string> = { adverse: 'downside', 'severely-adverse': 'severe', baseline: 'base' };

/** The set's scenario a link names (by id, name or alias, in any case), or why none is. */
function namedScenario(raw: string, set: ScenarioSet): { assumptions: Assumptions } | { refused: string } {
  const key = raw
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  const id = SCENARIO_ALIASES[key] ?? key;
  const found = set.find((s) => s.id === id || s.name.toLowerCase().replace(/\s+/g, '-') === id);
  if (found) return { assumptions: found.assumptions };
  const names = [...set.map((s) => s.id), ...Object.keys(SCENARIO_ALIASES)].join(', ');
  return { refused: `${SCENARIO_KEY}=${shorten(raw)} is not a scenario of the set; expected one of ${names}.` };
}

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
  let named: Assumptions | undefined;
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
    } else if (key === SCENARIO_KEY) {
      const found = namedScenario(raw, DEFAULT_SCENARIO_SET);
      if ('refused' in found) ignored.push(found.refused);
      else named = found.assumptions;
    } else ignored.push(`"${shorten(key)}" is not a lever or setting; expected one of ${ASSUMPTION_IDS.join(', ')}, or a setting id.`);
  }
  // A named scenario sets every lever; levers the link gives as well are moved from there.
  return { assumptions: { ...BASELINE_ASSUMPTIONS, ...named, ...values }, settings: settings as Settings, scenarioSet, ignored };
}

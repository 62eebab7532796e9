/**
 * A scenario is a JSON object of assumption ids to values in the assumptions' units; anything not
 * given stays at its baseline. Unknown ids, non-numbers and out-of-range values are refused.
 */
import { shorten } from '../util';
import { ASSUMPTION_IDS, BASELINE_ASSUMPTIONS, assumptionById, isAssumptionId, type AssumptionId, type Assumptions } from './assumptions';
import { DEFAULT_SCENARIO_SET, parseScenarioSet, scenarioSetToJson, type ScenarioSet } from './scenario-set';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from './settings';
import { namedScenarioJson, parseNamedScenarios, type NamedScenario } from './named';

export type ScenarioResult = { ok: true; assumptions: Assumptions } | { ok: false; errors: string[] };

export function parseScenario(json: unknown): ScenarioResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, errors: ['A scenario must be a JSON object of assumption ids to numbers, e.g. {"income-shock": -30}.'] };
  }
  const errors: string[] = [];
  const values: Record<AssumptionId, number> = { ...BASELINE_ASSUMPTIONS };
  for (const [id, value] of Object.entries(json)) {
    if (!isAssumptionId(id)) {
      errors.push(`Unknown assumption "${shorten(id)}"; expected one of ${ASSUMPTION_IDS.join(', ')}.`);
      continue;
    }
    const def = assumptionById(id);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      errors.push(
        `Assumption "${id}" is ${shorten(JSON.stringify(value) ?? String(value))}; expected a number in ${def.unit} from ${def.min} to ${def.max}.`,
      );
    } else if (value < def.min || value > def.max) {
      errors.push(`Assumption "${id}" is ${value} ${def.symbol}, out of range; expected ${def.min} to ${def.max} ${def.unit}.`);
    } else values[id] = value;
  }
  return errors.length ? { ok: false, errors } : { ok: true, assumptions: values };
}

/** Everything a scenario file may hold: the levers at the top level, plus "settings", "scenarioSet" and the user's named "scenarios". */
export interface ScenarioFile {
  assumptions: Assumptions;
  settings: Settings;
  scenarioSet: ScenarioSet;
  named?: NamedScenario[];
}

export type ScenarioFileResult = ({ ok: true } & ScenarioFile) | { ok: false; errors: string[] };

/** A scenario file: {"income-shock": -30, "settings": {"cpr": 10}, "scenarioSet": [...]}; every part optional. */
export function parseScenarioFile(json: unknown): ScenarioFileResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return parseScenario(json) as ScenarioFileResult;
  const { settings, scenarioSet, scenarios, format, ...levers } = json as Record<string, unknown>;
  if (format !== undefined && format !== SCENARIO_FILE_FORMAT)
    return { ok: false, errors: [`The file's "format" is ${shorten(JSON.stringify(format) ?? '')}; expected "${SCENARIO_FILE_FORMAT}".`] };
  const a = parseScenario(levers);
  const named = scenarios === undefined ? { ok: true as const, scenarios: [] as NamedScenario[] } : parseNamedScenarios(scenarios);
  const s = settings === undefined ? ({ ok: true, settings: DEFAULT_SETTINGS } as const) : parseSettings(settings);
  const set = scenarioSet === undefined ? ({ ok: true, set: DEFAULT_SCENARIO_SET } as const) : parseScenarioSet(scenarioSet);
  const errors = [...(a.ok ? [] : a.errors), ...(s.ok ? [] : s.errors), ...(set.ok ? [] : set.errors), ...(named.ok ? [] : named.errors)];
  if (!a.ok || !s.ok || !set.ok || !named.ok) return { ok: false, errors };
  return {
    ok: true,
    assumptions: a.assumptions,
    settings: s.settings,
    scenarioSet: set.set,
    ...(named.scenarios.length ? { named: named.scenarios } : {}),
  };
}

/** What a scenario file's first key says it is: the page's exports carry it; a hand-written file need not. */
export const SCENARIO_FILE_FORMAT = 'riskdial-scenarios/1';

/** The scenario file that reproduces a view: what `parseScenarioFile` reads back. */
export function scenarioFileJson(file: ScenarioFile): unknown {
  return {
    ...file.assumptions,
    settings: file.settings,
    scenarioSet: scenarioSetToJson(file.scenarioSet),
    ...(file.named?.length ? { scenarios: file.named.map(namedScenarioJson) } : {}),
  };
}

/** A file of the user's named scenarios with the view they were exported from: the page imports it, `npm run score` reads it. */
export const scenarioLibraryJson = (file: ScenarioFile): unknown => ({
  format: SCENARIO_FILE_FORMAT,
  ...(scenarioFileJson(file) as object),
});

/**
 * The user's own named scenarios: a set of lever values under a name, with a note saying why, kept in
 * the browser and carried in a scenario file's "scenarios" list, which `npm run score --name` reads too.
 * Names are matched loosely (case, spaces, dashes and underscores aside), as links and keys are typed.
 */
import { shorten } from '../util';
import { BASELINE_ASSUMPTIONS, type Assumptions } from './assumptions';
import { parseScenario } from './scenario-file';
import type { ScenarioSet } from './scenario-set';

/**
 * Names a link or the command line may use for the set's scenarios besides their ids (the supervisory
 * words of the Federal Reserve and the EBA): the plain words, and the ids of links made before the set
 * took the supervisory names.
 */
const SCENARIO_ALIASES: Record<string, string> = { downside: 'adverse', severe: 'severely-adverse', baseline: 'base' };

export interface NamedScenario {
  name: string;
  note: string;
  assumptions: Assumptions;
  /** ISO 8601; when it was saved (or imported). */
  savedAt: string;
  /** The tape it was made on, where known: the same levers give other figures on another book. */
  tape?: { name: string; sha256: string };
}

/** A name's key: what two names that should not both exist share. */
export const scenarioKey = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-');

const MAX_NAME = 60;
const MAX_NOTE = 500;

/** Why a name cannot be given to a scenario (empty, too long, or taken by another), or undefined. */
export function nameRefusal(name: string, taken: readonly string[], set: ScenarioSet = []): string | undefined {
  const key = scenarioKey(name);
  if (!key) return 'Give the scenario a name.';
  if (name.trim().length > MAX_NAME) return `The name is ${name.trim().length} characters long; keep it to ${MAX_NAME}.`;
  if (presetNamed(name, set)) return `"${shorten(name.trim())}" is a scenario of the weighted set; choose another name.`;
  if (taken.some((t) => scenarioKey(t) === key))
    return `A scenario named "${shorten(name.trim())}" exists; choose another name or delete it first.`;
  return undefined;
}

/** The list with `scenario` added, or the same name's scenario replaced in place. */
export function withScenario(list: readonly NamedScenario[], scenario: NamedScenario): NamedScenario[] {
  const k = list.findIndex((s) => scenarioKey(s.name) === scenarioKey(scenario.name));
  return k < 0 ? [...list, scenario] : list.map((s, i) => (i === k ? scenario : s));
}

export const renamed = (list: readonly NamedScenario[], from: string, to: string): NamedScenario[] =>
  list.map((s) => (s.name === from ? { ...s, name: to.trim() } : s));

export const without = (list: readonly NamedScenario[], name: string): NamedScenario[] => list.filter((s) => s.name !== name);

export const findScenario = (list: readonly NamedScenario[], name: string): NamedScenario | undefined =>
  list.find((s) => scenarioKey(s.name) === scenarioKey(name));

/** A scenario as a file writes it: only the levers that differ from the baseline. */
export function namedScenarioJson(s: NamedScenario): unknown {
  return {
    name: s.name,
    note: s.note,
    savedAt: s.savedAt,
    ...(s.tape ? { tape: s.tape } : {}),
    levers: Object.fromEntries(Object.entries(s.assumptions).filter(([id, v]) => BASELINE_ASSUMPTIONS[id as keyof Assumptions] !== v)),
  };
}

export type NamedScenariosResult = { ok: true; scenarios: NamedScenario[] } | { ok: false; errors: string[] };

const isHex64 = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

/** A file's "scenarios": [{ "name", "note"?, "savedAt"?, "tape"?, "levers": { lever id: value } }]; names must differ. */
export function parseNamedScenarios(json: unknown, now = new Date().toISOString()): NamedScenariosResult {
  if (!Array.isArray(json)) return { ok: false, errors: ['"scenarios" must be a JSON array of named scenarios.'] };
  const errors: string[] = [];
  const scenarios: NamedScenario[] = [];
  const seen: string[] = [];
  json.forEach((item: unknown, k) => {
    const where = `Named scenario ${k + 1}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return void errors.push(`${where} is not an object.`);
    const { name, note, savedAt, tape, levers } = item as Record<string, unknown>;
    const label = typeof name === 'string' ? `${where} ("${shorten(name)}")` : where;
    if (typeof name !== 'string') return void errors.push(`${where} has no "name"; expected a string.`);
    const refusal = nameRefusal(name, seen);
    seen.push(name);
    if (refusal) errors.push(`${label}: ${refusal}`);
    if (note !== undefined && (typeof note !== 'string' || note.length > MAX_NOTE))
      errors.push(`${label}: "note" must be text of at most ${MAX_NOTE} characters.`);
    if (savedAt !== undefined && (typeof savedAt !== 'string' || Number.isNaN(Date.parse(savedAt))))
      errors.push(`${label}: "savedAt" is ${shorten(JSON.stringify(savedAt) ?? '')}; expected an ISO 8601 date and time.`);
    const t = tape as Record<string, unknown> | undefined;
    const goodTape = t === undefined || (typeof t === 'object' && t !== null && typeof t.name === 'string' && isHex64(t.sha256));
    if (!goodTape) errors.push(`${label}: "tape" must be {"name": text, "sha256": 64 lower-case hex digits}.`);
    const parsed = parseScenario(levers ?? {});
    if (!parsed.ok) errors.push(...parsed.errors.map((e) => `${label}: ${e}`));
    else if (!refusal)
      scenarios.push({
        name: name.trim(),
        note: typeof note === 'string' ? note : '',
        savedAt: typeof savedAt === 'string' ? savedAt : now,
        assumptions: parsed.assumptions,
        ...(t && goodTape ? { tape: { name: t.name as string, sha256: t.sha256 as string } } : {}),
      });
  });
  return errors.length ? { ok: false, errors } : { ok: true, scenarios };
}

/** The set's scenario a name means: by id, name or alias, case and spacing aside. */
function presetNamed(raw: string, set: ScenarioSet) {
  const key = scenarioKey(raw);
  const id = SCENARIO_ALIASES[key] ?? key;
  return set.find((s) => s.id === id || scenarioKey(s.name) === id);
}

/** The scenario a name means: one of the set's (by id, name or alias) first, then the user's own; or why none is (to follow the name). */
export function lookUpScenario(
  raw: string,
  set: ScenarioSet,
  named: readonly NamedScenario[] = [],
): { name: string; assumptions: Assumptions } | { refused: string } {
  const preset = presetNamed(raw, set);
  if (preset) return { name: preset.name, assumptions: preset.assumptions };
  const own = findScenario(named, raw);
  if (own) return { name: own.name, assumptions: own.assumptions };
  const names = [...set.map((s) => s.id), ...Object.keys(SCENARIO_ALIASES), ...named.map((s) => s.name)].join(', ');
  return { refused: `is not a scenario of the set${named.length ? ' nor a saved one' : ''}; expected one of ${names}.` };
}

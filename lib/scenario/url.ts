/**
 * The scenario in a URL: only what differs from the defaults, keyed by id
 * (?income-shock=-30&lgd=60&cpr=10&regime=basel-ii&weights=10,50,30,10), or a scenario of the set by
 * name (?scenario=adverse, then any lever given moves from there). A scenario the user saved travels
 * as its name and its levers, so it opens the same in a browser that never saw it; `tape` and `model`
 * carry the start of the SHA-256 of the files it was made on, so the page can say when they differ.
 * A link that names an unknown id or a bad value still opens; the offending parts are ignored and
 * reported, echoed as given but shortened.
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
import { lookUpScenario, type NamedScenario } from './named';

const WEIGHTS_KEY = 'weights';
const SCENARIO_KEY = 'scenario';
const TAPE_KEY = 'tape';
const MODEL_KEY = 'model';
const FOCUS_KEY = 'focus';
/** The cuts a link may drill into (lib/metrics' segment kinds, named here: the scenario module stands below the metrics). */
const FOCUS_KINDS = ['grade', 'term', 'state'] as const;
/** Hex digits of a SHA-256 a link carries: enough to tell two files apart, short enough to read. */
const LINK_HASH_DIGITS = 12;

/** What a link says besides the figures' inputs: the scenario's name, and the tape and model it was made on. */
export interface LinkContext {
  scenario?: string;
  /** A segment drilled into: `focus=grade:B`. */
  focus?: { kind: (typeof FOCUS_KINDS)[number]; label: string };
  tapeSha256?: string;
  modelSha256?: string;
}

export function scenarioToQuery(
  assumptions: Assumptions,
  settings: Settings = DEFAULT_SETTINGS,
  set: ScenarioSet = DEFAULT_SCENARIO_SET,
  context: LinkContext = {},
): string {
  const params = new URLSearchParams();
  if (context.scenario) params.set(SCENARIO_KEY, context.scenario);
  for (const { id } of ASSUMPTIONS) {
    if (assumptions[id] !== BASELINE_ASSUMPTIONS[id]) params.set(id, String(assumptions[id]));
  }
  if (settings.regime !== DEFAULT_SETTINGS.regime) params.set('regime', settings.regime);
  for (const { id } of SETTINGS) if (settings[id] !== DEFAULT_SETTINGS[id]) params.set(id, String(settings[id]));
  if (set.some((s, k) => s.weight !== DEFAULT_SCENARIO_SET[k]?.weight)) params.set(WEIGHTS_KEY, set.map((s) => s.weight).join(','));
  if (context.focus) params.set(FOCUS_KEY, `${context.focus.kind}:${context.focus.label}`);
  if (context.tapeSha256) params.set(TAPE_KEY, context.tapeSha256.slice(0, LINK_HASH_DIGITS));
  if (context.modelSha256) params.set(MODEL_KEY, context.modelSha256.slice(0, LINK_HASH_DIGITS));
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
  /** The scenario the link names: one of the set's, a saved one, or the name its levers were saved under elsewhere. */
  scenarioName?: string;
  /** A name found neither in the set nor among `named`, with no levers beside it: it may be among scenarios saved here, read later. */
  unresolved?: string;
  /** The first hex digits of the SHA-256 of the tape and the model the link was made on. */
  madeOn?: { tape?: string; model?: string };
  focus?: LinkContext['focus'];
}

const isLinkHash = (raw: string) => /^[0-9a-f]{6,64}$/.test(raw);

export function scenarioFromQuery(search: string, named: readonly NamedScenario[] = []): LinkScenario {
  const values: Partial<Record<AssumptionId, number>> = {};
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  let scenarioSet = DEFAULT_SCENARIO_SET;
  let fromName: Assumptions | undefined;
  let scenarioName: string | undefined;
  let unknownName: string | undefined;
  const madeOn: { tape?: string; model?: string } = {};
  let focus: LinkContext['focus'];
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
      const found = lookUpScenario(raw, DEFAULT_SCENARIO_SET, named);
      if ('refused' in found) unknownName = raw;
      else [scenarioName, fromName] = [found.name, found.assumptions];
    } else if (key === FOCUS_KEY) {
      const [kind, ...label] = raw.split(':');
      if ((FOCUS_KINDS as readonly string[]).includes(kind!) && label.join(':').trim())
        focus = { kind: kind as (typeof FOCUS_KINDS)[number], label: label.join(':') };
      else ignored.push(`${FOCUS_KEY}=${shorten(raw)} is not a segment; expected ${FOCUS_KINDS.map((k) => `${k}:<label>`).join(', ')}.`);
    } else if (key === TAPE_KEY || key === MODEL_KEY) {
      const hash = raw.trim().toLowerCase();
      if (isLinkHash(hash)) madeOn[key] = hash;
      else ignored.push(`${key}=${shorten(raw)} is not the start of a SHA-256; expected 6 to 64 hex digits.`);
    } else ignored.push(`"${shorten(key)}" is not a lever or setting; expected one of ${ASSUMPTION_IDS.join(', ')}, or a setting id.`);
  }
  // A name this browser does not know, beside the levers it was saved with: the levers are the scenario.
  const leversGiven = Object.keys(values).length > 0;
  if (unknownName !== undefined && leversGiven) scenarioName = unknownName.trim();
  else if (unknownName !== undefined)
    ignored.push(
      `${SCENARIO_KEY}=${shorten(unknownName)} ${(lookUpScenario(unknownName, DEFAULT_SCENARIO_SET, named) as { refused: string }).refused}`,
    );
  // A named scenario sets every lever; levers the link gives as well are moved from there.
  return {
    assumptions: { ...BASELINE_ASSUMPTIONS, ...fromName, ...values },
    settings: settings as Settings,
    scenarioSet,
    ignored,
    ...(scenarioName ? { scenarioName } : {}),
    ...(unknownName !== undefined && !leversGiven ? { unresolved: unknownName } : {}),
    ...(madeOn.tape || madeOn.model ? { madeOn } : {}),
    ...(focus ? { focus } : {}),
  };
}

import { describe, expect, it } from 'vitest';
import {
  BASELINE_ASSUMPTIONS,
  DEFAULT_SCENARIO_SET,
  DEFAULT_SETTINGS,
  SETTINGS,
  bookAssumptions,
  fundingRate,
  newBusinessAssumptions,
  parseScenarioFile,
  parseScenarioSet,
  parseSettings,
  scenarioFileJson,
  scenarioSetProblems,
  scenarioSetToJson,
  settingRefusal,
} from '.';

describe('settings', () => {
  it('every setting has a source and a default inside its range', () => {
    for (const d of SETTINGS) {
      expect(d.source.length, d.id).toBeGreaterThan(20);
      expect(d.defaultValue, d.id).toBeGreaterThanOrEqual(d.min);
      expect(d.defaultValue, d.id).toBeLessThanOrEqual(d.max);
    }
  });

  it('a settings object keeps what it is not given, and refuses what it cannot use, naming the setting and the range', () => {
    expect(parseSettings({ cpr: 10, regime: 'basel-ii' })).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, cpr: 10, regime: 'basel-ii' },
    });
    expect(parseSettings({ cpr: 90, hedge: 1, 'tax-rate': '25' })).toEqual({
      ok: false,
      errors: [
        'Setting "cpr" is 90 %, out of range; expected 0 to 50 % a year.',
        expect.stringMatching(/^Unknown setting "hedge"; expected regime or one of downturn-lgd-add-on, cpr,/),
        'Setting "tax-rate" is "25"; expected a number in % from 0 to 50.',
      ],
    });
    expect(parseSettings([1])).toMatchObject({ ok: false });
    expect(settingRefusal('regime', 'basel-ii')).toBeUndefined();
  });

  it('the funding curve is linear between its points and flat beyond them', () => {
    const s = { ...DEFAULT_SETTINGS, 'funding-1y': 2, 'funding-3y': 3, 'funding-5y': 5 };
    expect(fundingRate(s, 0.5)).toBeCloseTo(0.02, 12);
    expect(fundingRate(s, 2)).toBeCloseTo(0.025, 12);
    expect(fundingRate(s, 4)).toBeCloseTo(0.04, 12);
    expect(fundingRate(s, 7)).toBeCloseTo(0.05, 12);
  });

  it('the rate lever reaches the book’s funding, not its fixed instalments; new loans get it times the pass-through', () => {
    const a = { ...BASELINE_ASSUMPTIONS, 'rate-shock': 300, 'income-shock': -10 };
    expect(bookAssumptions(a)).toEqual({ ...a, 'rate-shock': 0 });
    expect(newBusinessAssumptions(a, 0.5)).toEqual({ ...a, 'rate-shock': 150 });
  });
});

describe('the weighted scenario set', () => {
  it('the default set: four scenarios, weights summing to 100%, one central, each with a narrative', () => {
    expect(DEFAULT_SCENARIO_SET.map((s) => s.id)).toEqual(['upside', 'base', 'adverse', 'severely-adverse']);
    expect(scenarioSetProblems(DEFAULT_SCENARIO_SET)).toEqual([]);
    for (const s of DEFAULT_SCENARIO_SET) expect(s.narrative.length).toBeGreaterThan(20);
    // The severe scenario follows the Fed's 2025 severely adverse unemployment rise (+5.9 pp), on the lever's grid.
    expect(DEFAULT_SCENARIO_SET.find((s) => s.id === 'severely-adverse')!.assumptions['unemployment-change']).toBe(6);
  });

  it('refuses weights that do not sum to 100%, negative weights and anything but one central scenario', () => {
    const shifted = DEFAULT_SCENARIO_SET.map((s) => ({ ...s, weight: 30 }));
    expect(scenarioSetProblems(shifted)).toEqual(['The weights sum to 120%; they must sum to 100%.']);
    expect(scenarioSetProblems(DEFAULT_SCENARIO_SET.map((s, k) => ({ ...s, weight: k === 0 ? -10 : s.weight })))).toEqual([
      'Every weight must be a number of at least 0%.',
    ]);
    expect(scenarioSetProblems(DEFAULT_SCENARIO_SET.map((s) => ({ ...s, central: false })))).toEqual([
      'Exactly one scenario must be central; 0 are.',
    ]);
    expect(scenarioSetProblems(DEFAULT_SCENARIO_SET.map((s) => ({ ...s, name: s.central ? 'Upside' : s.name })))).toEqual([
      'Scenario names must differ; "Upside" appears more than once.',
    ]);
  });

  it('reads back what it writes, and names the scenario a bad lever is in', () => {
    expect(parseScenarioSet(scenarioSetToJson(DEFAULT_SCENARIO_SET))).toEqual({ ok: true, set: DEFAULT_SCENARIO_SET });
    const bad = parseScenarioSet([{ name: 'Severe', weight: 100, central: true, levers: { 'unemployment-change': 40 } }]);
    expect(bad).toEqual({
      ok: false,
      errors: ['Scenario 1: Assumption "unemployment-change" is 40 pp, out of range; expected -3 to 10 percentage points.'],
    });
    expect(parseScenarioSet({})).toMatchObject({ ok: false });
  });
});

describe('scenario files', () => {
  it('hold levers, settings and a scenario set; each part optional; written and read back whole', () => {
    const file = {
      assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': -20 },
      settings: { ...DEFAULT_SETTINGS, 'hurdle-rate': 15 },
      scenarioSet: DEFAULT_SCENARIO_SET,
    };
    expect(parseScenarioFile(scenarioFileJson(file))).toEqual({ ok: true, ...file });
    expect(parseScenarioFile({ 'income-shock': -20 })).toEqual({
      ok: true,
      assumptions: file.assumptions,
      settings: DEFAULT_SETTINGS,
      scenarioSet: DEFAULT_SCENARIO_SET,
    });
  });

  it('gather every problem of every part', () => {
    const result = parseScenarioFile({ lgd: 140, settings: { cpr: -1 }, scenarioSet: [] });
    expect(result).toEqual({
      ok: false,
      errors: [
        'Assumption "lgd" is 140 %, out of range; expected 0 to 100 %.',
        'Setting "cpr" is -1 %, out of range; expected 0 to 50 % a year.',
        'A scenario set needs at least two scenarios.',
        'The weights sum to 0%; they must sum to 100%.',
        'Exactly one scenario must be central; 0 are.',
      ],
    });
    expect(parseScenarioFile('nope')).toMatchObject({ ok: false });
  });
});

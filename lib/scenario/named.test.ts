import { describe, expect, it } from 'vitest';
import {
  BASELINE_ASSUMPTIONS,
  DEFAULT_SCENARIO_SET,
  DEFAULT_SETTINGS,
  findScenario,
  lookUpScenario,
  nameRefusal,
  parseScenarioFile,
  renamed,
  scenarioFromQuery,
  scenarioLibraryJson,
  scenarioToQuery,
  withScenario,
  without,
  type NamedScenario,
} from '.';

const stagflation: NamedScenario = {
  name: 'Stagflation 2027',
  note: 'Rates up 300 bp with unemployment +3 pp: the board’s worry of March.',
  assumptions: { ...BASELINE_ASSUMPTIONS, 'rate-shock': 300, 'unemployment-change': 3 },
  savedAt: '2026-11-26T09:00:00.000Z',
  tape: { name: 'lending_club.csv', sha256: 'a'.repeat(64) },
};

describe('named scenarios', () => {
  it('refuses an empty name, a name of the weighted set, a taken name (case and spacing aside) and a very long one', () => {
    expect(nameRefusal('  ', [])).toBe('Give the scenario a name.');
    expect(nameRefusal('severe', [], DEFAULT_SCENARIO_SET)).toBe('"severe" is a scenario of the weighted set; choose another name.');
    expect(nameRefusal('stagflation_2027', ['Stagflation 2027'])).toBe(
      'A scenario named "stagflation_2027" exists; choose another name or delete it first.',
    );
    expect(nameRefusal('x'.repeat(61), [])).toBe('The name is 61 characters long; keep it to 60.');
    expect(nameRefusal('Stagflation 2028', ['Stagflation 2027'], DEFAULT_SCENARIO_SET)).toBeUndefined();
  });

  it('saves, replaces by name, renames and deletes', () => {
    const mild = { ...stagflation, name: 'Mild', assumptions: { ...BASELINE_ASSUMPTIONS, lgd: 50 } };
    let list = withScenario(withScenario([], stagflation), mild);
    expect(list.map((s) => s.name)).toEqual(['Stagflation 2027', 'Mild']);
    list = withScenario(list, { ...mild, name: 'MILD', note: 'again' });
    expect(list.map((s) => [s.name, s.note])).toEqual([
      ['Stagflation 2027', stagflation.note],
      ['MILD', 'again'],
    ]);
    list = renamed(list, 'MILD', '  Mild recession ');
    expect(findScenario(list, 'mild-recession')?.assumptions.lgd).toBe(50);
    expect(without(list, 'Stagflation 2027').map((s) => s.name)).toEqual(['Mild recession']);
  });

  it('looks a name up in the set first (ids, names and the supervisory aliases), then among the saved', () => {
    expect(lookUpScenario('Severely adverse', DEFAULT_SCENARIO_SET)).toMatchObject({ name: 'Severely adverse' });
    expect(lookUpScenario('stagflation 2027', DEFAULT_SCENARIO_SET, [stagflation])).toEqual({
      name: 'Stagflation 2027',
      assumptions: stagflation.assumptions,
    });
    expect(lookUpScenario('boom', DEFAULT_SCENARIO_SET, [stagflation])).toEqual({
      refused:
        'is not a scenario of the set nor a saved one; expected one of upside, base, adverse, severely-adverse, downside, severe, baseline, Stagflation 2027.',
    });
  });

  it('round-trips through a scenario file with the view it came from; the file reads back as npm run score reads it', () => {
    const settings = { ...DEFAULT_SETTINGS, cpr: 12 };
    const json = JSON.parse(
      JSON.stringify(
        scenarioLibraryJson({ assumptions: stagflation.assumptions, settings, scenarioSet: DEFAULT_SCENARIO_SET, named: [stagflation] }),
      ),
    );
    expect(json.format).toBe('riskdial-scenarios/1');
    expect(json.scenarios[0].levers).toEqual({ 'rate-shock': 300, 'unemployment-change': 3 });
    const back = parseScenarioFile(json);
    expect(back).toEqual({
      ok: true,
      assumptions: stagflation.assumptions,
      settings,
      scenarioSet: DEFAULT_SCENARIO_SET,
      named: [stagflation],
    });
  });

  it('refuses a bad named scenario naming which one, which field and what was expected', () => {
    const bad = parseScenarioFile({
      format: 'riskdial-scenarios/1',
      scenarios: [
        { name: 'A', levers: { lgd: 140 } },
        { name: 'a', levers: {} },
        { name: 'B', savedAt: 'yesterday', tape: { name: 'x.csv', sha256: 'nope' } },
        { levers: {} },
      ],
    });
    expect(bad).toEqual({
      ok: false,
      errors: [
        'Named scenario 1 ("A"): Assumption "lgd" is 140 %, out of range; expected 0 to 100 %.',
        'Named scenario 2 ("a"): A scenario named "a" exists; choose another name or delete it first.',
        'Named scenario 3 ("B"): "savedAt" is "yesterday"; expected an ISO 8601 date and time.',
        'Named scenario 3 ("B"): "tape" must be {"name": text, "sha256": 64 lower-case hex digits}.',
        'Named scenario 4 has no "name"; expected a string.',
      ],
    });
    expect(parseScenarioFile({ format: 'riskdial-scenarios/9' })).toEqual({
      ok: false,
      errors: ['The file\'s "format" is "riskdial-scenarios/9"; expected "riskdial-scenarios/1".'],
    });
  });
});

describe('a named scenario in a link', () => {
  it('carries the name, the levers and the start of the tape’s and model’s SHA-256; opens the same in a browser that never saw it', () => {
    const query = scenarioToQuery(stagflation.assumptions, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET, {
      scenario: stagflation.name,
      tapeSha256: 'ab'.repeat(32),
      modelSha256: 'cd'.repeat(32),
    });
    expect(query).toBe('?scenario=Stagflation+2027&rate-shock=300&unemployment-change=3&tape=abababababab&model=cdcdcdcdcdcd');
    expect(scenarioFromQuery(query)).toEqual({
      assumptions: stagflation.assumptions,
      settings: DEFAULT_SETTINGS,
      scenarioSet: DEFAULT_SCENARIO_SET,
      ignored: [],
      scenarioName: 'Stagflation 2027',
      madeOn: { tape: 'abababababab', model: 'cdcdcdcdcdcd' },
    });
  });

  it('a bare name is looked up among the saved scenarios; unknown, it is held for them and reported', () => {
    expect(scenarioFromQuery('?scenario=stagflation-2027', [stagflation])).toMatchObject({
      assumptions: stagflation.assumptions,
      scenarioName: 'Stagflation 2027',
      ignored: [],
    });
    const unknown = scenarioFromQuery('?scenario=stagflation-2027');
    expect(unknown.assumptions).toEqual(BASELINE_ASSUMPTIONS);
    expect(unknown.unresolved).toBe('stagflation-2027');
    expect(scenarioFromQuery('?tape=xyz').ignored).toEqual(['tape=xyz is not the start of a SHA-256; expected 6 to 64 hex digits.']);
  });

  it('carries a segment drilled into, and says when a link names no segment kind it knows', () => {
    const query = scenarioToQuery(BASELINE_ASSUMPTIONS, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET, {
      focus: { kind: 'term', label: '60 months' },
    });
    expect(query).toBe('?focus=term%3A60+months');
    expect(scenarioFromQuery(query).focus).toEqual({ kind: 'term', label: '60 months' });
    expect(scenarioFromQuery('?focus=colour:red').ignored).toEqual([
      'focus=colour:red is not a segment; expected grade:<label>, term:<label>, state:<label>.',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Manifest } from '../model';
import { BASELINE_ASSUMPTIONS, nextStep, oneStepAway } from './assumptions';
import { DEFAULT_SCENARIO_SET } from './scenario-set';
import { DEFAULT_SETTINGS } from './settings';
import { parseScenario } from './scenario-file';
import { factorShift, inputChannelKey, shockInputs } from './transform';

describe('scenario files', () => {
  it('fills what is not given with the baseline', () => {
    const result = parseScenario({ 'income-shock': -30, lgd: 60 });
    expect(result).toEqual({ ok: true, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': -30, lgd: 60 } });
  });

  it('refuses unknown ids, non-numbers and out-of-range values, all at once', () => {
    const result = parseScenario({ 'income-shok': -30, lgd: '60', cutoff: 0.1 });
    expect(result).toEqual({
      ok: false,
      errors: [
        'Unknown assumption "income-shok"; expected one of income-shock, rate-shock, utilization-shift, unemployment-change, lgd, cutoff.',
        'Assumption "lgd" is "60"; expected a number in % from 0 to 100.',
        'Assumption "cutoff" is 0.1 % PD, out of range; expected 0.5 to 100 % PD.',
      ],
    });
  });

  it('refuses anything but an object', () => {
    expect(parseScenario([1]).ok).toBe(false);
    expect(parseScenario(null).ok).toBe(false);
  });
});

const manifest = {
  inputs: [
    { name: 'annual_inc', type: 'float32', trainingRange: [0, 1000], clampScenarioToTrainingRange: true },
    { name: 'int_rate', type: 'float32', trainingRange: [5, 29], clampScenarioToTrainingRange: false },
    { name: 'revol_util', type: 'float32', trainingRange: [0, 150], clampScenarioToTrainingRange: true },
  ],
  assumptions: [
    { id: 'income-shock', channel: { kind: 'scale-inputs', inputs: ['annual_inc'] } },
    { id: 'rate-shock', channel: { kind: 'shift-inputs', inputs: ['int_rate'], inputUnitsPerStep: 0.01 } },
    { id: 'utilization-shift', channel: { kind: 'shift-inputs', inputs: ['revol_util'], inputUnitsPerStep: 1 } },
    { id: 'unemployment-change', channel: { kind: 'systematic-factor', factorSdPerPoint: 0.35, reference: '' } },
    { id: 'lgd', channel: { kind: 'loss-given-default' } },
  ],
} as unknown as Manifest;
const base = {
  annual_inc: Float32Array.from([500, 900]),
  int_rate: Float32Array.from([10, 28]),
  revol_util: Float32Array.from([20, Number.NaN]),
  term: ['term_36', 'term_60'],
};

describe('scenario → model inputs', () => {
  it('scales income by the shock and shifts rates by basis points', () => {
    const { inputs } = shockInputs(manifest, base, { ...BASELINE_ASSUMPTIONS, 'income-shock': -30, 'rate-shock': 250 });
    expect(Array.from(inputs.annual_inc as Float32Array)).toEqual([350, 630]);
    expect(Array.from(inputs.int_rate as Float32Array)).toEqual([12.5, 30.5]); // a rate is not clamped
    expect(inputs.term).toBe(base.term);
    expect(Array.from(base.annual_inc)).toEqual([500, 900]); // the baseline is never modified
  });

  it('clamps to the training range where the model card says so, and reports it', () => {
    const { inputs, clamped } = shockInputs(manifest, base, { ...BASELINE_ASSUMPTIONS, 'income-shock': 20, 'utilization-shift': -30 });
    expect(Array.from(inputs.annual_inc as Float32Array)).toEqual([600, 1000]);
    expect(Array.from(inputs.revol_util as Float32Array).map((v) => (Number.isNaN(v) ? 'missing' : v))).toEqual([0, 'missing']);
    expect(clamped).toEqual([
      { input: 'annual_inc', levers: ['income-shock'], loans: 1, range: [0, 1000] },
      { input: 'revol_util', levers: ['utilization-shift'], loans: 1, range: [0, 150] },
    ]);
  });

  it('keys the model stage only on levers that reach the inputs', () => {
    const key = (a: object) => inputChannelKey(manifest, { ...BASELINE_ASSUMPTIONS, ...a });
    expect(key({ lgd: 40, cutoff: 10, 'unemployment-change': 2 })).toBe(key({}));
    expect(key({ 'income-shock': -10 })).not.toBe(key({}));
  });

  it('turns unemployment points into a factor shift', () => {
    expect(factorShift(manifest, { ...BASELINE_ASSUMPTIONS, 'unemployment-change': 2 })).toBeCloseTo(0.7, 12);
  });
});

describe('scenario in the URL', () => {
  it('round-trips, naming only what differs from the baseline', async () => {
    const { scenarioFromQuery, scenarioToQuery } = await import('./url');
    const a = { ...BASELINE_ASSUMPTIONS, 'income-shock': -30, 'unemployment-change': 2.25, cutoff: 12.5 };
    const query = scenarioToQuery(a);
    expect(query).toBe('?income-shock=-30&unemployment-change=2.25&cutoff=12.5');
    expect(scenarioFromQuery(query)).toEqual({
      assumptions: a,
      settings: DEFAULT_SETTINGS,
      scenarioSet: DEFAULT_SCENARIO_SET,
      ignored: [],
    });
    expect(scenarioToQuery(BASELINE_ASSUMPTIONS)).toBe('');
  });

  it('opens a scenario of the set by name: ?scenario=adverse is the downside, severely-adverse the severe; levers given move from it', async () => {
    const { scenarioFromQuery, scenarioToQuery } = await import('./url');
    const byId = (id: string) => DEFAULT_SCENARIO_SET.find((s) => s.id === id)!.assumptions;
    expect(scenarioFromQuery('?scenario=adverse').assumptions).toEqual(byId('adverse'));
    expect(scenarioFromQuery('?scenario=Severely%20Adverse').assumptions).toEqual(byId('severely-adverse'));
    expect(scenarioFromQuery('?scenario=severe').assumptions).toEqual(byId('severely-adverse'));
    const tweaked = scenarioFromQuery('?lgd=70&scenario=severe');
    expect(tweaked.assumptions).toEqual({ ...byId('severely-adverse'), lgd: 70 });
    // The link the page then shares carries the values themselves: it opens the same view wherever the set differs.
    expect(scenarioFromQuery(scenarioToQuery(tweaked.assumptions)).assumptions).toEqual(tweaked.assumptions);
    const unknown = scenarioFromQuery('?scenario=armageddon');
    expect(unknown.assumptions).toEqual(BASELINE_ASSUMPTIONS);
    expect(unknown.ignored).toEqual([
      'scenario=armageddon is not a scenario of the set; expected one of upside, base, adverse, severely-adverse, downside, severe, baseline.',
    ]);
  });

  it('carries the settings and the scenario weights that differ from the defaults', async () => {
    const { scenarioFromQuery, scenarioToQuery } = await import('./url');
    const settings = { ...DEFAULT_SETTINGS, regime: 'basel-ii' as const, cpr: 10 };
    const set = DEFAULT_SCENARIO_SET.map((s, k) => ({ ...s, weight: [5, 50, 30, 15][k]! }));
    const query = scenarioToQuery(BASELINE_ASSUMPTIONS, settings, set);
    expect(query).toBe('?regime=basel-ii&cpr=10&weights=5%2C50%2C30%2C15');
    expect(scenarioFromQuery(query)).toEqual({ assumptions: BASELINE_ASSUMPTIONS, settings, scenarioSet: set, ignored: [] });
    const bad = scenarioFromQuery('?regime=basel-iv&tax-rate=80&weights=10,10,10,10');
    expect(bad.settings).toEqual(DEFAULT_SETTINGS);
    expect(bad.scenarioSet).toBe(DEFAULT_SCENARIO_SET);
    expect(bad.ignored).toEqual([
      'regime=basel-iv: Setting "regime" is "basel-iv"; expected one of basel-iii, basel-ii.',
      'tax-rate=80: Setting "tax-rate" is 80 %, out of range; expected 0 to 50 %.',
      'weights=10,10,10,10 is refused: The weights sum to 40%; they must sum to 100%.',
    ]);
  });

  it('ignores and reports unknown keys and bad values', async () => {
    const { scenarioFromQuery } = await import('./url');
    const { assumptions, ignored } = scenarioFromQuery('?cutoff=abc&foo=1&rate-shock=100&lgd=140');
    expect(assumptions).toEqual({ ...BASELINE_ASSUMPTIONS, 'rate-shock': 100 });
    expect(ignored).toEqual([
      'cutoff=abc is not a number; expected 0.5 to 100 % PD.',
      '"foo" is not a lever or setting; expected one of income-shock, rate-shock, utilization-shift, unemployment-change, lgd, cutoff, or a setting id.',
      'lgd=140 is out of range; expected 0 to 100 %.',
    ]);
  });

  it('echoes a long link parameter shortened, never whole', async () => {
    const { scenarioFromQuery } = await import('./url');
    const { ignored } = scenarioFromQuery(`?${'x'.repeat(15_000)}=1&lgd=${'9'.repeat(15_000)}`);
    expect(ignored).toEqual([
      `"${'x'.repeat(39)}…" is not a lever or setting; expected one of income-shock, rate-shock, utilization-shift, unemployment-change, lgd, cutoff, or a setting id.`,
      `lgd=${'9'.repeat(39)}… is not a number; expected 0 to 100 %.`,
    ]);
  });
});

describe('the next step of a lever being stepped', () => {
  const base = BASELINE_ASSUMPTIONS;
  it('is one more step of the one lever that moved, by the same amount', () => {
    expect(nextStep(base, { ...base, 'income-shock': -1 })).toEqual({ ...base, 'income-shock': -2 });
    expect(nextStep({ ...base, 'rate-shock': 100 }, { ...base, 'rate-shock': 75 })).toEqual({ ...base, 'rate-shock': 50 });
  });
  it('is none when no lever or two levers moved, or when the step would leave the lever’s range', () => {
    expect(nextStep(base, base)).toBeUndefined();
    expect(nextStep(base, { ...base, 'income-shock': -1, lgd: 80 })).toBeUndefined();
    // Income shock runs from −50% to +30%.
    expect(nextStep({ ...base, 'income-shock': -49 }, { ...base, 'income-shock': -50 })).toBeUndefined();
    expect(nextStep({ ...base, 'income-shock': 28 }, { ...base, 'income-shock': 29 })).toEqual({ ...base, 'income-shock': 30 });
  });
});

describe('a step either side of the levers that reach the PDs', () => {
  const base = BASELINE_ASSUMPTIONS;
  it('is each lever one step up and one step down, the others as they are', () => {
    expect(oneStepAway(base, ['income-shock', 'unemployment-change'])).toEqual([
      { ...base, 'income-shock': 1 },
      { ...base, 'income-shock': -1 },
      { ...base, 'unemployment-change': 0.25 },
      { ...base, 'unemployment-change': -0.25 },
    ]);
  });
  it('stays inside each lever’s range, and on its grid of steps', () => {
    // Income shock runs from −50% to +30%; unemployment moves by 0.25 pp from −3 pp.
    expect(oneStepAway({ ...base, 'income-shock': 30 }, ['income-shock'])).toEqual([{ ...base, 'income-shock': 29 }]);
    expect(oneStepAway({ ...base, 'unemployment-change': -3 }, ['unemployment-change'])).toEqual([
      { ...base, 'unemployment-change': -2.75 },
    ]);
    expect(oneStepAway({ ...base, 'unemployment-change': 0.1 + 0.2 }, ['unemployment-change'])).toEqual([
      { ...base, 'unemployment-change': 0.55 },
      { ...base, 'unemployment-change': 0.05 },
    ]);
  });
});

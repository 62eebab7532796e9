/**
 * Evaluate once what no lever touches: the graph split (lib/onnx/split) against the whole graph, on the
 * bundled model and on the three converter-made models, PD for PD, bit for bit.
 */
import * as ort from 'onnxruntime-web/wasm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { modelInputsFromTape, openScoringSession, type DraftChoices, type Manifest, type ModelInputs } from '../model';
import { BASELINE_ASSUMPTIONS, shockInputs, type Assumptions } from '../scenario';
import { byoChoices, byoModelBytes, bundledManifest, bundledModelBytes, holdoutCsv, TAPE_PATH, type ByoModelName } from '../testing';
import { readFileSync } from 'node:fs';
import { cardForModel } from './card-for-model';
import { parsePortfolio } from './portfolio';

const SCENARIOS: Partial<Assumptions>[] = [
  {},
  { 'income-shock': -20 },
  { 'rate-shock': 3 },
  { 'utilization-shift': 15 },
  { 'income-shock': -35, 'rate-shock': 5, 'utilization-shift': 25, 'unemployment-change': 4 },
];

/** The card's inputs for the tape, shocked as each scenario says. */
function shockedInputs(card: Manifest, csv: string): ModelInputs[] {
  const parsed = parsePortfolio(csv, card);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  const base = modelInputsFromTape(card, parsed.tape);
  return SCENARIOS.map((s) => shockInputs(card, base, { ...BASELINE_ASSUMPTIONS, ...s }).inputs);
}

/** The first loan whose PD differs by any bit, or -1. */
const firstDifference = (a: Float32Array, b: Float32Array) => (a.length !== b.length ? 0 : a.findIndex((v, i) => !Object.is(v, b[i])));

async function compareWithWholeGraph(bytes: Uint8Array, card: Manifest, csv: string) {
  // Every run in chunks of 1,000 rows (100,000 on the page), put back together: the same PDs as one run.
  const split = await openScoringSession(bytes, card, { chunkRows: 1000 });
  const whole = await openScoringSession(bytes, card, { wholeGraph: true });
  const differences: number[] = [];
  for (const inputs of shockedInputs(card, csv)) {
    const [a, b] = [await split.scorePd(inputs), await whole.scorePd(inputs)];
    differences.push(firstDifference(a, b));
  }
  await Promise.all([split.release(), whole.release()]);
  return { plan: split.plan, wholePlan: whole.plan, differences };
}

const PACKED = byoChoices();
const BOUND: NonNullable<DraftChoices['levers']> = {
  'income-shock': { kind: 'scale-inputs', inputs: ['annual_inc'] },
  'rate-shock': { kind: 'shift-inputs', inputs: ['int_rate'], inputUnitsPerStep: 1 },
  'utilization-shift': { kind: 'shift-inputs', inputs: ['revol_util'], inputUnitsPerStep: 1 },
};

async function byoCard(name: ByoModelName, levers: NonNullable<DraftChoices['levers']>) {
  const made = await cardForModel({
    modelBytes: byoModelBytes(name),
    modelName: `${name}.onnx`,
    csvText: holdoutCsv(),
    choices: { ...PACKED[name], levers },
  });
  if (!made.ok) throw new Error(made.problems.join('\n'));
  return made.card;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the graph split: what no lever moves is computed once per tape', () => {
  it('bundled model: its four string columns and every unshocked input run once; the PDs equal the whole graph’s bit for bit', async () => {
    const result = await compareWithWholeGraph(bundledModelBytes(), bundledManifest(), readFileSync(TAPE_PATH, 'utf8'));
    expect(result.differences).toEqual([-1, -1, -1, -1, -1]);
    expect(result.plan).toMatchObject({ kind: 'split' });
    expect(result.plan.readOnce).toEqual(expect.arrayContaining(['emp_length', 'sub_grade', 'term', 'verification_status']));
    expect(result.plan.readOnce).not.toContain('annual_inc');
    expect(result.plan.readOnce).not.toContain('int_rate');
    expect(result.wholePlan.kind).toBe('whole');
  });

  it('a lever move runs only the per-move part; a new tape (new columns) runs the once part again, and two tapes are kept', async () => {
    const card = bundledManifest();
    const session = await openScoringSession(bundledModelBytes(), card);
    const [baseline, incomeDown, rateUp] = shockedInputs(card, readFileSync(TAPE_PATH, 'utf8'));
    // The runtime's sessions share one class; its type hides the prototype.
    const sessions = ort.InferenceSession as unknown as { prototype: Pick<ort.InferenceSession, 'run'> };
    const runs = vi.spyOn(sessions.prototype, 'run');
    await session.scorePd(baseline!);
    expect(runs).toHaveBeenCalledTimes(2); // once part, then per-move part
    await session.scorePd(incomeDown!);
    await session.scorePd(rateUp!);
    expect(runs).toHaveBeenCalledTimes(4); // the still columns are the same objects: per-move part only
    const anotherTape = Object.fromEntries(Object.entries(baseline!).map(([name, column]) => [name, column.slice(0, 100)]));
    const pd = await session.scorePd(anotherTape);
    expect(runs).toHaveBeenCalledTimes(6);
    expect(Array.from(pd)).toEqual(Array.from((await session.scorePd(baseline!)).slice(0, 100)));
    // Two tapes are kept (a big book's slice and the sample previewing it): back to the first, the once part is not run again.
    expect(runs).toHaveBeenCalledTimes(7);
    await session.release();
  });

  it('scikit-learn pipeline with income, rate and utilisation bound: string one-hot and the other columns run once; bit-identical on the hold-out', async () => {
    const card = await byoCard('lc_pipeline_logreg_zipmap', BOUND);
    const result = await compareWithWholeGraph(byoModelBytes('lc_pipeline_logreg_zipmap'), card, holdoutCsv());
    expect(result.differences).toEqual([-1, -1, -1, -1, -1]);
    expect(result.plan.kind).toBe('split');
    expect(result.plan.readOnce).toEqual(expect.arrayContaining(['term', 'sub_grade', 'emp_length', 'verification_status', 'addr_state']));
    expect(result.plan.readOnce).not.toContain('int_rate');
  });

  it.each(['lc_gbt_float_input', 'lc_xgboost'] as const)(
    '%s reads one packed tensor that the rate lever reaches: nothing can run once, the graph runs whole',
    async (name) => {
      const card = await byoCard(name, { 'rate-shock': BOUND['rate-shock'] });
      const result = await compareWithWholeGraph(byoModelBytes(name), card, holdoutCsv());
      expect(result.plan).toMatchObject({ kind: 'whole', keepsUncrossedRows: true });
      expect(result.wholePlan.keepsUncrossedRows).toBe(false);
      expect(result.differences).toEqual([-1, -1, -1, -1, -1]);
    },
  );

  it.each(['lc_gbt_float_input', 'lc_xgboost'] as const)(
    '%s, the rate lever stepped 25 bp at a time up and back: only loans that crossed a split point are scored again, every PD the whole graph’s bit for bit',
    async (name) => {
      const levers = { ...BOUND, 'rate-shock': { kind: 'shift-inputs' as const, inputs: ['int_rate'], inputUnitsPerStep: 0.01 } };
      const card = await byoCard(name, levers);
      const parsed = parsePortfolio(holdoutCsv(), card);
      if (!parsed.ok) throw new Error('hold-out tape refused');
      const base = modelInputsFromTape(card, parsed.tape);
      const steps = [0, 25, 50, 75, 100, 125, 150, 125, 100, 100, -50];
      const reusing = await openScoringSession(byoModelBytes(name), card);
      const whole = await openScoringSession(byoModelBytes(name), card, { wholeGraph: true });
      const sessions = ort.InferenceSession as unknown as { prototype: Pick<ort.InferenceSession, 'run'> };
      const runs = vi.spyOn(sessions.prototype, 'run');
      const rowsScored: number[] = [];
      for (const bp of steps) {
        const inputs = shockInputs(card, base, { ...BASELINE_ASSUMPTIONS, 'rate-shock': bp }).inputs;
        const before = runs.mock.calls.length;
        const pd = await reusing.scorePd(inputs);
        const fed = runs.mock.calls.slice(before).map(([feeds]) => Object.values(feeds as Record<string, ort.Tensor>)[0]!.dims[0]!);
        rowsScored.push(fed.reduce((a, b) => a + b, 0));
        expect(firstDifference(pd, await whole.scorePd(inputs))).toBe(-1);
      }
      const loans = Object.values(base)[0]!.length;
      expect(rowsScored[0]).toBe(loans); // the first run scores every loan
      expect(rowsScored[9]).toBe(0); // the same step again: nothing crossed, the runtime is not called
      const stepped = rowsScored.slice(1, 8);
      expect(Math.max(...stepped)).toBeLessThan(0.8 * loans);
      expect(Math.min(...stepped)).toBeGreaterThan(0); // every 25 bp step moves some loans across a threshold
      await Promise.all([reusing.release(), whole.release()]);
    },
  );

  it.each(['lc_pipeline_logreg_zipmap', 'lc_gbt_float_input', 'lc_xgboost'] as const)(
    '%s with no lever bound: the whole graph runs once per tape, and its PDs are the whole graph’s',
    async (name) => {
      const card = await byoCard(name, {});
      const result = await compareWithWholeGraph(byoModelBytes(name), card, holdoutCsv());
      expect(result.plan).toMatchObject({ kind: 'split', perMoveNodes: 0 });
      expect(result.differences).toEqual([-1, -1, -1, -1, -1]);
    },
  );
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_ASSUMPTIONS, DEFAULT_SCENARIO_SET, DEFAULT_SETTINGS, type Assumptions } from '../scenario';
import { expectSameFigures, openBundled, TAPE_PATH } from '../testing';
import { ScenarioEngine } from './engine';
import { parsePortfolio } from './portfolio';
import { emptyPartial, evaluationPartial, mergePartials, partialFigures, type EvaluationPartial, type SummedFigures } from './partial';
import type { OpenedEngine } from './open';

/** A recession with a cut-off between the ladder's rungs and inputs pushed past the training range. */
const STRESS: Assumptions = {
  ...BASELINE_ASSUMPTIONS,
  'income-shock': -45,
  'rate-shock': 3,
  'utilization-shift': 50,
  'unemployment-change': 4,
  lgd: 55,
  cutoff: 12.25,
};
const ON_A_RUNG: Assumptions = { ...STRESS, cutoff: 15 };

let opened: OpenedEngine;
let header: string;
let rows: string[];
const identity = () => ({ sha256: opened.model.sha256, cardSha256: opened.cardSha256 });

beforeAll(async () => {
  opened = await openBundled();
  const lines = readFileSync(TAPE_PATH, 'utf8').trimEnd().split('\n');
  header = lines[0]!;
  rows = lines.slice(1);
});

/** The partial of some rows of the bundled tape, scored by their own engine (as a worker of the batch face would). */
async function partialOf(part: string[], a: Assumptions): Promise<EvaluationPartial> {
  const parsed = parsePortfolio(`${header}\n${part.join('\n')}\n`, opened.manifest);
  if (!parsed.ok) throw new Error(parsed.issues[0]!.message);
  const engine = new ScenarioEngine(opened.manifest, parsed.tape, opened.model.scorePd);
  return evaluationPartial(engine, identity(), a, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET);
}

/** `rows` cut into `k` runs of uneven length. */
function cut(k: number): string[][] {
  const ends = Array.from({ length: k - 1 }, (_, i) => Math.round((rows.length * (i + 1) ** 2) / k ** 2));
  return [0, ...ends, rows.length].slice(1).map((end, i, all) => rows.slice(i === 0 ? 0 : all[i - 1], end));
}

const merged = (parts: EvaluationPartial[]) => parts.reduce(mergePartials);

describe('partials: a book evaluated in parts and added up', () => {
  let whole: SummedFigures;
  beforeAll(async () => {
    whole = partialFigures(await partialOf(rows, STRESS));
  });

  it('the partial of the whole tape gives the engine’s own figures', async () => {
    const single = await opened.engine.evaluate(STRESS, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET);
    const summed = Object.fromEntries(Object.keys(whole).map((k) => [k, single[k as keyof SummedFigures]])) as unknown as SummedFigures;
    expectSameFigures(whole, summed);
    expect(whole.clamped.length).toBeGreaterThan(0); // the stress pushes inputs past their training range: the clamps merge too
  });

  it.each([1, 2, 3, 5, 8])('cut %i ways, merged in any order, the figures are the whole tape’s', async (k) => {
    const parts = await Promise.all(cut(k).map((part) => partialOf(part, STRESS)));
    expect(parts.reduce((n, p) => n + p.sums.loans, 0)).toBe(rows.length);
    const orders = fc.sample(fc.shuffledSubarray(parts, { minLength: k, maxLength: k }), { numRuns: 3, seed: k });
    for (const order of orders) expectSameFigures(partialFigures(merged(order)), whole);
  });

  it('a part without loans changes nothing, and a part lacking a grade merges by label', async () => {
    const unquoted = (cell: string) => cell.replaceAll('"', '');
    const at = header.split(',').map(unquoted).indexOf('sub_grade');
    const isA = (row: string) => unquoted(row.split(',')[at]!).startsWith('A');
    const onlyA = await partialOf(rows.filter(isA), STRESS);
    const rest = await partialOf(
      rows.filter((r) => !isA(r)),
      STRESS,
    );
    expect(onlyA.sums.segments.grade.labels).toEqual(['A']);
    expect(rest.sums.segments.grade.labels).not.toContain('A');
    for (const order of [
      [rest, emptyPartial(rest), onlyA],
      [emptyPartial(onlyA), onlyA, rest],
      [onlyA, rest],
    ]) {
      const figures = partialFigures(merged(order));
      expect(figures.scenario.segments.grade.map((s) => s.label)).toEqual(whole.scenario.segments.grade.map((s) => s.label));
      // The swap groups and segments hold only some loans each: this cut is not the tape's order, so only rounding differs.
      expectSameFigures(figures, whole);
    }
  });

  it('on a cut-off rung the new business comes from the merged ladders', async () => {
    const [a, b] = await Promise.all(cut(2).map((part) => partialOf(part, ON_A_RUNG)));
    const single = await opened.engine.evaluate(ON_A_RUNG, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET);
    expectSameFigures(partialFigures(mergePartials(a!, b!)).newBusiness, single.newBusiness);
    expect(single.newBusiness.scenario.approvalRate).toBeLessThan(1);
  });

  it('refuses to merge parts of different evaluations, naming what differs', async () => {
    const [a] = cut(2);
    const p = await partialOf(a!, STRESS);
    expect(() => mergePartials(p, { ...p, model: { ...p.model, sha256: 'f'.repeat(64) } })).toThrow(/differ in the model \(SHA-256\)/);
    expect(() => mergePartials(p, { ...p, model: { ...p.model, cardSha256: '0'.repeat(64) } })).toThrow(/model card/);
    expect(() => mergePartials(p, { ...p, assumptions: ON_A_RUNG })).toThrow(/differ in the scenario/);
    expect(() => mergePartials(p, { ...p, settings: { ...p.settings, 'tax-rate': 30 } })).toThrow(/differ in the settings/);
    expect(() => mergePartials(p, { ...p, scenarioSet: p.scenarioSet.slice(1) })).toThrow(/scenario set/);
    expect(() => mergePartials(p, { ...p, sums: { ...p.sums, cutoffs: p.sums.cutoffs.slice(1) } })).toThrow(/cut-off grids/);
    expect(() => mergePartials(p, { ...p, sums: { ...p.sums, exposureBasis: 'outstanding' } })).toThrow(/exposure/);
  });

  it('a partial survives JSON: it is what travels between processes', async () => {
    const [a, b] = await Promise.all(cut(2).map((part) => partialOf(part, STRESS)));
    const travelled = JSON.parse(JSON.stringify(mergePartials(a!, b!))) as EvaluationPartial;
    expectSameFigures(partialFigures(travelled), whole);
  });
});

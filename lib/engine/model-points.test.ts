import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_SET, DEFAULT_SETTINGS, BASELINE_ASSUMPTIONS, type Assumptions } from '../scenario';
import { expectSameFigures, openBundled, TAPE_PATH } from '../testing';
import { modelPointErrors, POINT_KPIS } from './model-points';
import type { SummedFigures } from './partial';

const STRESS: Assumptions = { ...BASELINE_ASSUMPTIONS, 'income-shock': -30, 'unemployment-change': 3, cutoff: 12.25 };

describe('a tape of weighted model points', () => {
  const [header, ...rows] = readFileSync(TAPE_PATH, 'utf8').trimEnd().split('\n').slice(0, 3001);

  it('a loan of weight 2 counts as the loan twice, in every figure', async () => {
    const twice = await openBundled(`${header}\n${[...rows, ...rows].join('\n')}\n`);
    const weighted = await openBundled(`${header},model_point_weight\n${rows.map((r) => `${r},2`).join('\n')}\n`);
    expect(weighted.engine.book.weight).toBeDefined();
    const [a, b] = await Promise.all([twice, weighted].map((o) => o.engine.evaluate(STRESS, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET)));
    const summed = (f: SummedFigures) => Object.fromEntries(Object.keys(f).map((k) => [k, f[k as keyof SummedFigures]]));
    const { validation: _a, modelRuns: _m, ...twiceFigures } = a!;
    const { validation: _b, modelRuns: _n, ...weightedFigures } = b!;
    expectSameFigures(summed(weightedFigures as SummedFigures), summed(twiceFigures as SummedFigures));
    expect(b!.scenario.book.loans).toBe(6000);
    expect(b!.newBusiness.scenario.approvalRate).toBeLessThan(1);
    // The points' discrimination is not the book's: no AUC or stability is claimed on them.
    expect(await weighted.engine.bookValidation()).toEqual({ stability: [] });
    // And the error of the points against the book they stand for is nil, on every KPI and scenario.
    const errors = modelPointErrors(
      await twice.engine.evaluationSums(STRESS, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET),
      await weighted.engine.evaluationSums(STRESS, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET),
      STRESS,
      DEFAULT_SETTINGS,
      DEFAULT_SCENARIO_SET,
    );
    expect(errors).toHaveLength((2 + DEFAULT_SCENARIO_SET.length) * POINT_KPIS.length);
    for (const e of errors) expect(Math.abs(e.points / e.full - 1), `${e.scenario} ${e.metric}`).toBeLessThan(1e-12);
    expect(new Set(errors.map((e) => e.scenario))).toEqual(
      new Set(['Baseline', 'The run’s scenario', ...DEFAULT_SCENARIO_SET.map((s) => s.name)]),
    );
    await Promise.all([twice.model.release(), weighted.model.release()]);
  });

  it('refuses a weight below one loan, naming the row', async () => {
    await expect(
      openBundled(
        `${header},model_point_weight\n${rows
          .slice(0, 3)
          .map((r, i) => `${r},${i === 1 ? 0.5 : 1}`)
          .join('\n')}\n`,
      ),
    ).rejects.toThrow(/Row 2, column "model_point_weight": 0.5 is out of range; expected a number from 1 to 1,000,000,000,000/);
  });
});

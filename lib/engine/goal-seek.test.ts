import { beforeAll, describe, expect, it } from 'vitest';
import { assumptionGrid, BASELINE_ASSUMPTIONS, DEFAULT_SETTINGS, type Assumptions } from '../scenario';
import { openBundled } from '../testing';
import { breakingPointSeeks, goalSeek } from './goal-seek';
import type { OpenedEngine } from './open';

describe('goal seek on the bundled book', () => {
  let opened: OpenedEngine;
  const roc = async (a: Assumptions) => (await opened.engine.bookMetrics(a)).returnOnCapital;
  beforeAll(async () => {
    opened = await openBundled();
  });

  it('finds the first unemployment change at which return on capital falls to the hurdle: the step before it is still above', async () => {
    const [seek] = breakingPointSeeks(DEFAULT_SETTINGS);
    const answer = await goalSeek(opened.engine, BASELINE_ASSUMPTIONS, DEFAULT_SETTINGS, seek!);
    expect(answer.reached).toBe(true);
    if (!answer.reached) return;
    const hurdle = DEFAULT_SETTINGS['hurdle-rate'] / 100;
    expect(answer.kpiAtValue).toBeLessThanOrEqual(hurdle);
    expect(answer.kpiAtValue).toBe(await roc({ ...BASELINE_ASSUMPTIONS, 'unemployment-change': answer.value }));
    const step = assumptionGrid('unemployment-change')[1]! - assumptionGrid('unemployment-change')[0]!;
    expect(await roc({ ...BASELINE_ASSUMPTIONS, 'unemployment-change': answer.value - step })).toBeGreaterThan(hurdle);
    expect(answer.value).toBeGreaterThan(0); // today's book clears its hurdle
    expect(answer.evaluations).toBeLessThanOrEqual(2 + Math.ceil(Math.log2(assumptionGrid('unemployment-change').length)));
  });

  it('an expected-loss target on LGD: the lowest LGD whose loss reaches it, which the other levers shift', async () => {
    const el85 = (await opened.engine.bookMetrics(BASELINE_ASSUMPTIONS)).expectedLoss;
    const target = el85 * (60 / 85); // expected loss is linear in LGD: 60% reaches it exactly
    const answer = await goalSeek(opened.engine, BASELINE_ASSUMPTIONS, DEFAULT_SETTINGS, {
      lever: 'lgd',
      kpi: 'expectedLoss',
      target: target * (1 + 1e-12),
    });
    expect(answer).toMatchObject({ reached: true, value: 61 });
    const stressed = await goalSeek(opened.engine, { ...BASELINE_ASSUMPTIONS, 'unemployment-change': 4 }, DEFAULT_SETTINGS, {
      lever: 'lgd',
      kpi: 'expectedLoss',
      target,
    });
    expect(stressed.reached && stressed.value).toBeLessThan(60);
  });

  it('a target no position reaches says so, with the closest end and its value', async () => {
    const answer = await goalSeek(opened.engine, BASELINE_ASSUMPTIONS, DEFAULT_SETTINGS, {
      lever: 'lgd',
      kpi: 'expectedLoss',
      target: 1e12,
    });
    expect(answer.reached).toBe(false);
    if (answer.reached) return;
    expect(answer.closest.value).toBe(100);
    expect(answer.closest.kpi).toBeCloseTo((await opened.engine.bookMetrics({ ...BASELINE_ASSUMPTIONS, lgd: 100 })).expectedLoss, 6);
    const seek = (target: number) =>
      goalSeek(opened.engine, BASELINE_ASSUMPTIONS, DEFAULT_SETTINGS, { lever: 'unemployment-change', kpi: 'ifrs9Ecl', target });
    expect(await seek(1e12)).toMatchObject({ reached: false, closest: { value: 10 } });
    // A target the book already passes at the slider's lowest position is reached there.
    expect(await seek(1)).toMatchObject({ reached: true, value: -3, evaluations: 2 });
  });

  it('an ECL limit adds its breaking point', () => {
    expect(breakingPointSeeks(DEFAULT_SETTINGS, 5e6).map((s) => s.kpi)).toEqual(['returnOnCapital', 'ifrs9Ecl']);
  });
});

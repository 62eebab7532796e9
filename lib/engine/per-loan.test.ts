import { describe, expect, it } from 'vitest';
import { asNewBusiness } from '../metrics';
import { BASELINE_ASSUMPTIONS } from '../scenario';
import { bundledLoanJob, openBundled } from '../testing';
import type { PdScorer } from '../model';
import { ScenarioEngine } from './engine';
import {
  computeLoanFigures,
  heldLoans,
  keptLoanColumns,
  localLoanFigures,
  localSlice,
  shardedLoanFigures,
  steppedLocalSlice,
  type Between,
  type LoanFiguresRunner,
} from './per-loan';

describe('per-loan figures spread over instances', () => {
  it('three slices computed at once and put back in order are the one-pass figures, bit for bit', async () => {
    const job = await bundledLoanJob(3);
    const whole = computeLoanFigures(job);
    const sharded = await shardedLoanFigures([localSlice, localSlice, localSlice])(job);
    expect(whole.stage.filter((s) => s === 2).length).toBeGreaterThan(0); // the stress moves loans to stage 2
    for (const key of ['pd', 'stage', 'capitalPerLgd', 'ecl12', 'lifetime', 'averageBalance', 'fundingRate', 'intensity'] as const) {
      expect(Array.from(sharded[key]), key).toEqual(Array.from(whole[key]));
    }
  });

  it('this thread computes a big slice in steps, looking between them at whether to give it up', async () => {
    const job = await bundledLoanJob(3);
    const whole = computeLoanFigures(job);
    let looks = 0;
    const stepped = await steppedLocalSlice(2_000)(job, 0, 9_857, async () => void looks++);
    expect(looks).toBe(4); // five steps of at most 2,000 loans
    for (const key of ['pd', 'stage', 'capitalPerLgd', 'ecl12', 'lifetime', 'averageBalance', 'fundingRate', 'intensity'] as const) {
      expect(Array.from(stepped[key]), key).toEqual(Array.from(whole[key]));
    }
    // A newer request comes after the second step: the slice is given up there.
    looks = 0;
    const newer = new Error('a newer request');
    const givenUp = steppedLocalSlice(2_000)(job, 0, 9_857, async () => {
      if (++looks === 2) throw newer;
    });
    await expect(givenUp).rejects.toBe(newer);
    expect(looks).toBe(2);
  });

  it('an evaluation’s checkpoint reaches the per-loan figures of every stage it computes', async () => {
    const { engine: opened, manifest, tape, model } = await openBundled();
    const seen: (Between | undefined)[] = [];
    const watched: LoanFiguresRunner = (job, between) => (seen.push(between), localLoanFigures(job, between));
    const engine = new ScenarioEngine(manifest, tape, model.scorePd, { perLoan: watched });
    const checkpoint = async () => {};
    const stressed = { ...BASELINE_ASSUMPTIONS, 'unemployment-change': 2 };
    const figures = await engine.evaluate(stressed, undefined, undefined, { checkpoint });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.every((b) => b === checkpoint)).toBe(true);
    expect(figures).toEqual(await opened.evaluate(stressed));
    await model.release();
  });

  it('an evaluation waiting on a busy helper is given up as soon as a newer request comes', async () => {
    const { manifest, tape, model } = await openBundled();
    let busy = false;
    const never = new Promise<never>(() => {});
    // A helper still working on an earlier request: what is asked of it now is answered only much later.
    const scorer: PdScorer = (inputs) => (busy ? never : model.scorePd(inputs));
    const runner: LoanFiguresRunner = (job, between) => (busy ? never : localLoanFigures(job, between));
    const newer = new Error('a newer request');
    for (const stage of ['model run', 'per-loan figures'] as const) {
      const engine = new ScenarioEngine(manifest, tape, stage === 'model run' ? scorer : model.scorePd, {
        perLoan: stage === 'model run' ? localLoanFigures : runner,
      });
      busy = false;
      await engine.evaluate(BASELINE_ASSUMPTIONS);
      busy = true;
      let asked = false;
      setTimeout(() => (asked = true), 30);
      const checkpoint = async () => {
        if (asked) throw newer;
      };
      await expect(
        engine.evaluate({ ...BASELINE_ASSUMPTIONS, 'income-shock': -10 }, undefined, undefined, { checkpoint }),
        stage,
      ).rejects.toBe(newer);
    }
    await model.release();
  });

  it('a helper is sent the book’s loan columns once per slice, then only what changed (the new rates of a rate move)', async () => {
    const job = await bundledLoanJob(3);
    const sent = keptLoanColumns();
    const held = heldLoans();
    const first = sent(job.loans, 0, 100);
    expect(Object.keys(first.fresh).sort()).toEqual(['amountLent', 'ead', 'monthsOnBook', 'ratePct', 'remainingMonths']);
    expect(held(first).ead).toEqual(job.loans.ead.slice(0, 100));
    expect(Object.keys(sent(job.loans, 0, 100).fresh)).toEqual([]);
    const book = job.loans as Parameters<typeof asNewBusiness>[0];
    const [atSameRates, repriced] = [asNewBusiness(book, 0), asNewBusiness(book, 1.5)];
    const newBusiness = sent(atSameRates, 0, 100);
    // A book at origination lends what it is exposed to: new loans share its EAD column; their age and remaining term are new.
    expect(Object.keys(newBusiness.fresh).sort()).toEqual(['monthsOnBook', 'remainingMonths']);
    expect(Object.keys(sent(repriced, 0, 100).fresh)).toEqual(['ratePct']);
    // A column this job does not have is not read from an earlier job's.
    const withArrears = { ...job.loans, daysPastDue: new Float64Array(job.loans.ead.length).fill(45) };
    held(sent(withArrears, 0, 100));
    expect(held(sent(job.loans, 0, 100)).daysPastDue).toBeUndefined();
  });
});

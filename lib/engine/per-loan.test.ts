import { describe, expect, it } from 'vitest';
import { asNewBusiness, lifeHorizon } from '../metrics';
import { BASELINE_ASSUMPTIONS, DEFAULT_SETTINGS } from '../scenario';
import { openBundled } from '../testing';
import { computeLoanFigures, heldLoans, keptLoanColumns, localSlice, shardedLoanFigures, type LoanFiguresJob } from './per-loan';

async function bundledJob(): Promise<LoanFiguresJob> {
  const { engine, model } = await openBundled();
  const { pdDistribution: _d, ...stress } = await engine.evaluate({ ...BASELINE_ASSUMPTIONS, 'unemployment-change': 3 });
  const baseline = await engine.loanLevel(BASELINE_ASSUMPTIONS);
  const scenario = await engine.loanLevel(stress.assumptions);
  await model.release();
  return {
    loans: engine.book,
    pd: scenario.pdScenario,
    baselinePd: baseline.pdBaseline,
    originationPd: baseline.pdBaseline,
    settings: DEFAULT_SETTINGS,
    horizonMonths: lifeHorizon(engine.book),
  };
}

describe('per-loan figures spread over instances', () => {
  it('three slices computed at once and put back in order are the one-pass figures, bit for bit', async () => {
    const job = await bundledJob();
    const whole = computeLoanFigures(job);
    const sharded = await shardedLoanFigures([localSlice, localSlice, localSlice])(job);
    expect(whole.stage.filter((s) => s === 2).length).toBeGreaterThan(0); // the stress moves loans to stage 2
    for (const key of ['pd', 'stage', 'capitalPerLgd', 'ecl12', 'lifetime', 'averageBalance', 'fundingRate', 'intensity'] as const) {
      expect(Array.from(sharded[key]), key).toEqual(Array.from(whole[key]));
    }
  });

  it('a helper is sent the book’s loan columns once per slice, then only what changed (the new rates of a rate move)', async () => {
    const job = await bundledJob();
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

import { describe, expect, it } from 'vitest';
import {
  addBlocks,
  addCellBlocks,
  approvalLadder,
  asNewBusiness,
  blockSums,
  bookCells,
  ladderFromRungs,
  ladderRung,
  segmentedFromCells,
  SUM_BLOCK,
  type BlockSums,
  type SumsPlan,
} from '../metrics';
import { BASELINE_ASSUMPTIONS } from '../scenario';
import { bundledLoanJob, openBundled } from '../testing';
import type { PdScorer } from '../model';
import { ScenarioEngine } from './engine';
import {
  blockBounds,
  computeLoanFigures,
  jobReceiver,
  jobSender,
  localLoanFigures,
  localSlice,
  shardedLoanFigures,
  steppedLocalSlice,
  type Between,
  type LoanFiguresRunner,
  type LoanFiguresSlice,
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
    // This thread's slices write into the book's arrays; a helper's slice comes back in arrays of its own and is copied in.
    const helperLike: LoanFiguresSlice = (j, from, to, between) => localSlice(j, from, to, between);
    const mixed = await shardedLoanFigures([localSlice, helperLike, localSlice])(job);
    for (const key of [
      'pd',
      'stage',
      'capitalPerLgd',
      'ecl12',
      'lifetime',
      'averageBalance',
      'fundingRate',
      'intensity',
      'tail',
    ] as const) {
      expect(Array.from(mixed[key]), key).toEqual(Array.from(whole[key]));
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
    const send = jobSender();
    const receive = jobReceiver();
    const first = send(job, 0, 100);
    expect(Object.keys(first.loans.fresh).sort()).toEqual(['amountLent', 'ead', 'monthsOnBook', 'ratePct', 'remainingMonths']);
    expect(receive(first).loans.ead).toEqual(job.loans.ead.slice(0, 100));
    expect(Object.keys(send(job, 0, 100).loans.fresh)).toEqual([]);
    const book = job.loans as Parameters<typeof asNewBusiness>[0];
    const [atSameRates, repriced] = [asNewBusiness(book, 0), asNewBusiness(book, 1.5)];
    const newBusiness = send({ ...job, loans: atSameRates }, 0, 100);
    // A book at origination lends what it is exposed to: new loans share its EAD column; their age and remaining term are new.
    expect(Object.keys(newBusiness.loans.fresh).sort()).toEqual(['monthsOnBook', 'remainingMonths']);
    expect(Object.keys(send({ ...job, loans: repriced }, 0, 100).loans.fresh)).toEqual(['ratePct']);
    // A column this job does not have is not read from an earlier job's.
    const withArrears = { ...job.loans, daysPastDue: new Float64Array(job.loans.ead.length).fill(45) };
    receive(send({ ...job, loans: withArrears }, 0, 100));
    expect(receive(send(job, 0, 100)).loans.daysPastDue).toBeUndefined();
  });

  it('a helper keeps the baseline’s columns too: a move sends only its new PDs, and the figures are those of the whole job', async () => {
    const job = await bundledLoanJob(3);
    const baseline = computeLoanFigures({ ...job, pd: job.baselinePd });
    const scenario = { ...job, baselineIntensity: baseline.intensity, baselineTail: baseline.tail };
    const [send, receive] = [jobSender(), jobReceiver()];
    const first = send(scenario, 2_000, 5_000);
    expect(Object.keys(first.baselines.fresh).sort()).toEqual(['baselineIntensity', 'baselinePd', 'baselineTail', 'originationPd']);
    receive(first);
    // The next move of the same scenario's lever: new PDs, the same baseline.
    const moved = { ...scenario, pd: job.pd.map((pd) => Math.min(pd * 1.1, 0.99)) };
    const next = send(moved, 2_000, 5_000);
    expect(next.baselines.fresh).toEqual({});
    expect(Array.from(next.job.pd)).toEqual(Array.from(moved.pd.subarray(2_000, 5_000)));
    const there = computeLoanFigures(receive(next));
    const here = computeLoanFigures(moved);
    for (const key of ['ecl12', 'lifetime', 'intensity', 'capitalPerLgd'] as const)
      expect(Array.from(there[key]), key).toEqual(Array.from(here[key].subarray(2_000, 5_000)));
    // A job without a baseline column is not given an earlier job's.
    expect(receive(send(job, 2_000, 5_000)).baselineTail).toBeUndefined();
  });
});

describe('a move read off the baseline schedule’s moments', () => {
  /** The bundled book under +3 pp unemployment, with its baseline's intensities and tails (what the engine sends). */
  async function scenarioJob() {
    const job = await bundledLoanJob(3);
    const baseline = computeLoanFigures({ ...job, pd: job.baselinePd });
    return { ...job, baselineIntensity: baseline.intensity, baselineTail: baseline.tail };
  }
  const FIGURES = ['ecl12', 'lifetime', 'averageBalance'] as const;

  it('gives the walked figures to 1e-13, and the same bits however the book is cut and wherever they were made', async () => {
    const job = await scenarioJob();
    const walked = computeLoanFigures(job);
    const made = computeLoanFigures({ ...job, moments: { key: 'per-loan-test-a' } });
    const kept = computeLoanFigures({ ...job, moments: { key: 'per-loan-test-a' } });
    const sharded = await shardedLoanFigures([localSlice, localSlice, localSlice])({ ...job, moments: { key: 'per-loan-test-b' } });
    const stepped = await steppedLocalSlice(2_000)({ ...job, moments: { key: 'per-loan-test-c' } }, 0, 9_857, async () => {});
    let read = 0;
    for (const key of FIGURES) {
      expect(Array.from(kept[key]), key).toEqual(Array.from(made[key]));
      expect(Array.from(sharded[key]), key).toEqual(Array.from(made[key]));
      expect(Array.from(stepped[key]), key).toEqual(Array.from(made[key]));
      made[key].forEach((x, i) => {
        const walk = walked[key][i]!;
        expect(Math.abs(x - walk)).toBeLessThanOrEqual(1e-13 * Math.abs(walk));
        if (x !== walk) read++;
      });
    }
    // Read off the moments, not walked again: most figures differ from the walk in their last bits.
    expect(read).toBeGreaterThan(job.pd.length);
    // Everything else is the walk's.
    for (const key of ['pd', 'stage', 'capitalPerLgd', 'intensity', 'tail'] as const) {
      expect(Array.from(made[key]), key).toEqual(Array.from(walked[key]));
    }
  });

  it('are used where the schedule is the baseline’s: the book under any lever, not new loans priced at a moved rate', async () => {
    const { manifest, tape, model } = await openBundled();
    const jobs: { book: boolean; moments: boolean }[] = [];
    const watched: LoanFiguresRunner = (job, between) => {
      jobs.push({ book: job.loans === engine.book, moments: job.moments !== undefined });
      return localLoanFigures(job, between);
    };
    const engine = new ScenarioEngine(manifest, tape, model.scorePd, { perLoan: watched });
    await engine.evaluate(BASELINE_ASSUMPTIONS);
    jobs.length = 0;
    await engine.evaluate({ ...BASELINE_ASSUMPTIONS, 'unemployment-change': 2 });
    expect(jobs).toEqual([{ book: true, moments: true }]);
    jobs.length = 0;
    await engine.evaluate({ ...BASELINE_ASSUMPTIONS, 'rate-shock': 2 });
    // The book's PDs do not move (its rates are fixed): only new business, at the moved rates, is computed.
    expect(jobs).toEqual([{ book: false, moments: false }]);
    await model.release();
  });

  it('a helper’s slice knows where its loans are in the book, to find the moments it keeps', async () => {
    const job = await scenarioJob();
    const [send, receive] = [jobSender(), jobReceiver()];
    const received = receive(send({ ...job, moments: { key: 'per-loan-test-d' } }, 4_000, 9_857));
    expect(received.at).toBe(4_000);
    const slice = computeLoanFigures(received);
    const whole = computeLoanFigures({ ...job, moments: { key: 'per-loan-test-d' } });
    for (const key of FIGURES) expect(Array.from(slice[key]), key).toEqual(Array.from(whole[key].subarray(4_000)));
    // Now the whole book's are kept: a slice inside it reads them there, the same bits.
    const inside = computeLoanFigures(receive(send({ ...job, moments: { key: 'per-loan-test-d' } }, 2_000, 6_000)));
    for (const key of FIGURES) expect(Array.from(inside[key]), key).toEqual(Array.from(whole[key].subarray(2_000, 6_000)));
  });
});

describe('the sums the slices add as they compute', () => {
  const rungs = Array.from({ length: 200 }, (_, k) => (k + 1) / 2);
  async function summedJob() {
    const job = await bundledLoanJob(3);
    const book = job.loans;
    // Blocks smaller than a book's own (`SUM_BLOCK`), so that the bundled book has several.
    const plan: SumsPlan = {
      block: 2_048,
      cells: bookCells(book),
      ladder: { cutoffs: rungs, asOriginated: true },
      pdFloor: 0.0005,
      ...(book.observedBad ? { observedBad: book.observedBad } : {}),
    };
    return { job: { ...job, sums: plan }, book, plan };
  }
  const packed = (blocks: BlockSums | undefined) =>
    [...blocks!.cells.flatMap((c) => [c.ids, c.sums]), ...blocks!.ladder].map((b) => Array.from(b));

  it('are the one-thread sums, bit for bit, however the book is cut: slices start on a block', async () => {
    const { job } = await summedJob();
    const whole = computeLoanFigures(job);
    expect(whole.blocks!.cells).toHaveLength(5); // 9,857 loans in blocks of 2,048
    for (const shards of [2, 3]) {
      const sharded = await shardedLoanFigures(Array.from({ length: shards }, () => localSlice))(job);
      expect(packed(sharded.blocks), `${shards} slices`).toEqual(packed(whole.blocks));
    }
    // In steps with looks between them: a step of 5,000 loans is taken as two whole blocks (4,096).
    let looks = 0;
    const stepped = await steppedLocalSlice(5_000)(job, 0, job.pd.length, async () => void looks++);
    expect(looks).toBe(2);
    expect(packed(stepped.blocks)).toEqual(packed(whole.blocks));
    expect(blockBounds(100_000, 2, SUM_BLOCK)).toEqual([
      [0, 3 * SUM_BLOCK],
      [3 * SUM_BLOCK, 100_000],
    ]);
    expect(blockBounds(1_000, 4, SUM_BLOCK)).toEqual([[0, 1_000]]); // one block: one slice
  });

  it('add up to what each loan brings: the book, its segments and every rung of the ladder', async () => {
    const { job, book, plan } = await summedJob();
    const figures = computeLoanFigures(job);
    const sums = segmentedFromCells(book, addCellBlocks(figures.blocks!.cells, plan.cells!.count));
    const ead = Array.from(book.ead);
    const total = (pick: (i: number) => number) => ead.reduce((acc, _, i) => acc + pick(i), 0);
    expect(sums.total.ead).toBeCloseTo(
      total((i) => book.ead[i]!),
      4,
    );
    expect(sums.total.pdEad / total((i) => figures.pd[i]! * book.ead[i]!) - 1).toBeLessThan(1e-12);
    expect(sums.total.stage2Ead).toBeCloseTo(
      total((i) => (figures.stage[i] === 2 ? book.ead[i]! : 0)),
      4,
    );
    const grades = sums.segments.grade;
    expect(grades.reduce((acc, g) => acc + g.lifetimePerLgd, 0) / sums.total.lifetimePerLgd - 1).toBeLessThan(1e-12);
    // The ladder reads the loans as new business: stage 1 each, as the direct ladder of stage-1 figures.
    const ladder = ladderFromRungs(rungs, addBlocks(figures.blocks!.ladder, rungs.length), book.loanCount, undefined);
    const stageOne = { ...figures, stage: new Uint8Array(book.loanCount).fill(1) };
    const { cells: _cells, ...ladderOnly } = plan;
    const asNew = blockSums({ ...ladderOnly, ladder: { cutoffs: rungs } }, stageOne).ladder;
    expect(ladder).toEqual(ladderFromRungs(rungs, addBlocks(asNew, rungs.length), book.loanCount, undefined));
    expect(figures.stage.some((s) => s === 2)).toBe(true);
    expect(ladderRung(ladder, 100)!.ifrs9PerLgd).not.toBe(
      ladderRung(approvalLadder(figures, rungs, 0.0005, book.observedBad), 100)!.ifrs9PerLgd,
    );
    // A rung adds exactly the loans at or below its cut-off.
    const at = 10;
    const approved = Array.from(figures.pd).filter((pd) => pd <= at / 100).length;
    expect(ladderRung(ladder, at)!.approved).toBe(approved);
    expect(ladderRung(ladder, at)!.ecl12PerLgd / total((i) => (figures.pd[i]! <= at / 100 ? figures.ecl12[i]! : 0)) - 1).toBeLessThan(
      1e-12,
    );
  });

  it('a helper is sent the sums’ columns (cells, outcomes) once per slice, like the loans’', async () => {
    const { job } = await summedJob();
    const send = jobSender();
    const receive = jobReceiver();
    const first = send(job, 0, 100);
    expect(Object.keys(first.sumColumns!.fresh).sort()).toEqual(['cell', 'observedBad']);
    // The plan itself goes without its columns.
    expect(first.job.sums?.cells).toEqual({ count: job.sums.cells!.count });
    const received = receive(first);
    expect(Array.from(received.sums!.cells!.of)).toEqual(Array.from(job.sums.cells!.of.subarray(0, 100)));
    expect(Object.keys(send(job, 0, 100).sumColumns!.fresh)).toEqual([]);
    expect(Array.from(receive(send(job, 0, 100)).sums!.observedBad!)).toEqual(Array.from(job.sums.observedBad!.subarray(0, 100)));
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import {
  modelInputsFromTape,
  shardBounds,
  shardedScorer,
  sliceScorer,
  type ModelInputs,
  type PdModel,
  type PdScorer,
  type SliceScorer,
} from '../model';
import { computeLoanFigures, localSlice, localTapePart, shardedLoanFigures, type LoanFiguresSlice } from '../engine';
import { asNewBusiness, bookCells, type BlockSums, type SumsPlan } from '../metrics';
import { BASELINE_ASSUMPTIONS, shockInputs } from '../scenario';
import { bundledLoanJob, bundledManifest, bundledManifestJson, bundledModelBytes, openBundled } from '../testing';
import { startHelperChannel } from '../testing';
import { nextTask } from '../util';
import { openRemoteScorer } from './scorer-client';
import { supervisedHelper } from './supervised-helper';

const init = { manifestJson: bundledManifestJson(), modelBytes: bundledModelBytes(), wasmPaths: '' };
let model: PdModel;
let inputs: ModelInputs;
beforeAll(async () => {
  const opened = await openBundled();
  model = opened.model;
  inputs = modelInputsFromTape(opened.manifest, opened.tape);
});

/** Rows [from, to) of the model's inputs. */
const sliceInputs = (from: number, to: number): ModelInputs =>
  Object.fromEntries(Object.entries(inputs).map(([name, column]) => [name, column.slice(from, to)])) as ModelInputs;

describe('per-loan figures on helpers', () => {
  it('two helpers and this thread compute the book’s figures in slices: equal to one pass, bit for bit, and again after a rate move', async () => {
    const job = await bundledLoanJob(2);
    const helpers = await Promise.all([1, 2].map(() => openRemoteScorer(startHelperChannel().port, init)));
    const sharded = shardedLoanFigures([localSlice, ...helpers.map((h) => h.loanFigures)]);
    const keys = ['pd', 'stage', 'capitalPerLgd', 'ecl12', 'lifetime', 'averageBalance', 'fundingRate', 'intensity'] as const;
    for (const loans of [job.loans, asNewBusiness(job.loans, 1.5)]) {
      const [whole, spread] = [computeLoanFigures({ ...job, loans }), await sharded({ ...job, loans })];
      for (const key of keys) expect(Array.from(spread[key]), key).toEqual(Array.from(whole[key]));
    }
    for (const h of helpers) h.close();
  });

  it('the helpers add their loans’ sums as they go: the blocks of one thread, bit for bit, through the channel', async () => {
    const job = await bundledLoanJob(2);
    const book = job.loans;
    // Blocks smaller than the book's own (`SUM_BLOCK`), so that each instance gets some.
    const sums: SumsPlan = {
      block: 2_048,
      cells: bookCells(book),
      ladder: { cutoffs: [1, 5, 10, 20, 100] },
      pdFloor: 0.0005,
      ...(book.observedBad ? { observedBad: book.observedBad } : {}),
    };
    const helpers = await Promise.all([1, 2].map(() => openRemoteScorer(startHelperChannel().port, init)));
    const sharded = shardedLoanFigures([localSlice, ...helpers.map((h) => h.loanFigures)]);
    const flat = (b: BlockSums | undefined) => [...b!.cells.flatMap((c) => [c.ids, c.sums]), ...b!.ladder].map((a) => Array.from(a));
    const whole = computeLoanFigures({ ...job, sums });
    // Twice: the second time the helpers hold the cells and outcomes already.
    for (let k = 0; k < 2; k++) expect(flat((await sharded({ ...job, sums })).blocks)).toEqual(flat(whole.blocks));
    expect(whole.blocks!.cells.length).toBe(5);
    for (const h of helpers) h.close();
  });
});

describe('scoring on several model instances', () => {
  it('splits the book into contiguous, near-equal slices', () => {
    expect(shardBounds(10, 3)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(shardBounds(2, 4)).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(shardBounds(9857, 2)).toEqual([
      [0, 4929],
      [4929, 9857],
    ]);
  });

  it('the helpers are sent their slices before this thread works on its own, so every instance works at once', async () => {
    const events: string[] = [];
    // A helper as the page has it: supervised (replaced if it dies), so its request goes out a few promise callbacks later.
    const asked = async (what: string, from: number, to: number) => {
      events.push(`helper asked to ${what} loans ${from}–${to}`);
      await nextTask();
    };
    const score: SliceScorer = async (_feed, from, to) => (await asked('score', from, to), model.scorePd(sliceInputs(from, to)));
    const loanFigures: LoanFiguresSlice = async (_job, from, to) => (await asked('compute', from, to), localSlice(job, from, to));
    const helper = supervisedHelper(Object.assign(score, { close: () => {}, loanFigures, parseTapePart: localTapePart }), () => {
      throw new Error('not replaced in this test');
    });
    const local: PdScorer = (feed) => {
      events.push('this thread scores');
      return model.scorePd(feed);
    };
    const pd = await shardedScorer([sliceScorer(local), helper])(inputs);
    expect(events).toEqual(['helper asked to score loans 4929–9857', 'this thread scores']);
    expect(pd).toEqual(await model.scorePd(inputs));

    events.length = 0;
    const job = await bundledLoanJob(2);
    const loans = new Proxy(job.loans, {
      get: (target, key, receiver) => {
        if (key === 'ead') events.push('this thread computes');
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const figures = await shardedLoanFigures([localSlice, helper.loanFigures])({ ...job, loans });
    expect(events).toEqual(['helper asked to compute loans 4929–9857', 'this thread computes']);
    expect(Array.from(figures.lifetime)).toEqual(Array.from(computeLoanFigures(job).lifetime));
  });

  it('sharded PDs equal the single instance on every loan, bit for bit', async () => {
    const direct = await model.scorePd(inputs);
    const sharded = await shardedScorer([1, 2, 3].map(() => sliceScorer(model.scorePd)))(inputs);
    expect(sharded).toHaveLength(9857);
    expect(sharded).toEqual(direct);
  });

  it('a helper verifies its own model, scores its slice, and is sent only the columns that changed', async () => {
    const helper = startHelperChannel();
    try {
      const remote = await openRemoteScorer(helper.port, init);
      const scorer = shardedScorer([sliceScorer(model.scorePd), remote]);
      const shocked = shockInputs(bundledManifest(), inputs, { ...BASELINE_ASSUMPTIONS, 'income-shock': -30 }).inputs;
      for (const feed of [inputs, shocked]) {
        const direct = await model.scorePd(feed);
        const pd = await scorer(feed);
        expect(pd).toEqual(direct);
      }
      const [first, second] = helper.requests.filter((r) => r.type === 'score');
      expect(Object.keys(first!.columns)).toHaveLength(15);
      expect(Object.keys(second!.columns)).toEqual(['annual_inc']);
      expect((second!.columns.annual_inc as Float32Array).length).toBe(9857 - 4929);
    } finally {
      helper.close();
    }
  });

  it('a helper that dies fails the run that waits on it instead of hanging', async () => {
    const helper = startHelperChannel();
    try {
      const remote = await openRemoteScorer(helper.port, init);
      const running = shardedScorer([sliceScorer(model.scorePd), remote])(inputs);
      helper.crash('out of memory');
      await expect(running).rejects.toThrow('A scoring helper stopped: out of memory');
    } finally {
      helper.close();
    }
  });

  it('a helper whose model does not match its card refuses to start', async () => {
    const helper = startHelperChannel();
    const tampered = bundledModelBytes();
    tampered[tampered.length - 5]! ^= 1;
    try {
      await expect(openRemoteScorer(helper.port, { ...init, modelBytes: tampered })).rejects.toThrow(/SHA-256/);
    } finally {
      helper.close();
    }
  });

  it('a helper that cannot read its card fails to start as a load failure, not a verification one, and is stopped', async () => {
    const helper = startHelperChannel();
    const opening = openRemoteScorer(helper.port, { ...init, manifestJson: { name: 'not a card' } });
    await expect(opening).rejects.toThrow(Error);
    await expect(opening).rejects.not.toMatchObject({ name: 'ModelVerificationError' });
    expect(helper.isTerminated()).toBe(true);
  });

  it('a helper that dies fails every later call at once', async () => {
    const helper = startHelperChannel();
    const remote = await openRemoteScorer(helper.port, init);
    helper.crash('gone');
    await expect(remote(inputs, 0, 10)).rejects.toThrow('A scoring helper stopped: gone');
  });
});

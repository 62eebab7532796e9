/**
 * The per-loan figures (stage, monthly ECL schedule, capital, funding) are most of a big book's
 * evaluation after the model. Each loan's figures depend on that loan alone, so the loans are cut
 * into contiguous slices, one per instance (this thread and each scoring helper), computed at the
 * same time and put back in order: the same numbers as one pass, bit for bit, in about 1/k the time.
 */
import {
  SUM_BLOCK,
  baselineMoments,
  blockSums,
  loanFigures,
  newFigureArrays,
  type BlockSums,
  type FigureArrays,
  type LoanFigureParams,
  type LoanFigures,
  type LoanState,
  type SumsPlan,
} from '../metrics';
import type { Settings } from '../scenario';
import { nextTask } from '../util';
import { keepMoments, keptMoments, type MomentsUse } from './kept-moments';
import { loanFigureParams } from './parameters';

/** What the figures of a set of loans are computed from: plain data, so a slice can go to another thread. */
export interface LoanFiguresJob {
  loans: LoanState;
  pd: Float64Array;
  baselinePd: Float64Array;
  originationPd?: Float64Array;
  baselineIntensity?: Float64Array;
  baselineTail?: Float64Array;
  settings: Settings;
  /** The whole book's longest life, months: every slice uses the same hazard table. */
  horizonMonths: number;
  /** What to add up of the loans' figures as they are computed (the book's cells, an approval ladder), block by block. */
  sums?: SumsPlan;
  /** The baseline's schedule moments (with its intensities and tails): kept by each thread for its loans, made when it has none. */
  moments?: MomentsUse;
  /** Where the job's first loan is in the book (0 when absent): what a thread's kept moments are found by. */
  at?: number;
}

/** Loans' figures and, when the job asked, their sums block by block. */
export type FiguresAndSums = LoanFigures & { blocks?: BlockSums };

/** A slice's figures, without the loans they are of. */
export type SliceFigures = Omit<FiguresAndSums, 'loans'>;

/**
 * Awaited by this thread between steps of a big job: it may throw to give the job up (a newer request
 * came), so a big book's evaluation is stopped within a step, not at the end of a stage of seconds.
 */
export type Between = () => Promise<void>;

/**
 * Computes the figures of loans [from, to) of a job: here, or on a helper that keeps the loans it was
 * sent. `into`, the whole job's figure arrays, is where a slice on this thread writes its loans' (a
 * helper's come back in arrays of their own).
 */
export type LoanFiguresSlice = (
  job: LoanFiguresJob,
  from: number,
  to: number,
  between?: Between,
  into?: FigureArrays,
) => Promise<SliceFigures>;

/** Computes the figures of every loan of a job. */
export type LoanFiguresRunner = (job: LoanFiguresJob, between?: Between) => Promise<FiguresAndSums>;

type AnyColumn = Float64Array | Uint8Array | Uint32Array;
const LOAN_COLUMNS = ['ead', 'amountLent', 'ratePct', 'remainingMonths', 'monthsOnBook', 'daysPastDue', 'originationPd'] as const;
const PER_CALL = ['pd', 'baselinePd', 'originationPd', 'baselineIntensity', 'baselineTail'] as const;
/**
 * The per-call columns that stay the same from one scenario to the next (the baseline's, the
 * origination PDs): a helper keeps them like the loans', so a move sends only its new PDs.
 */
type BaselineColumnName = Exclude<(typeof PER_CALL)[number], 'pd'>;

/** Loans [from, to) of a job (views, no copy). */
export function sliceJob(job: LoanFiguresJob, from: number, to: number): LoanFiguresJob {
  const view = <T extends AnyColumn | undefined>(c: T): T => c?.subarray(from, to) as T;
  const loans = Object.fromEntries(LOAN_COLUMNS.map((k) => [k, view(job.loans[k])])) as unknown as LoanState;
  const perCall = Object.fromEntries(PER_CALL.map((k) => [k, view(job[k])]));
  const sums = job.sums && withSumColumns(job.sums, Object.fromEntries(Object.entries(sumColumns(job.sums)).map(([k, c]) => [k, view(c)])));
  return { ...job, ...perCall, loans, at: (job.at ?? 0) + from, ...(sums ? { sums } : {}) } as LoanFiguresJob;
}

/** The job's figures, written into `into` (arrays of the job's length) when given. */
export function computeLoanFigures(job: LoanFiguresJob, into?: FigureArrays): FiguresAndSums {
  const params = loanFigureParams(job.settings);
  const moments =
    job.moments && job.baselineIntensity && job.baselineTail ? momentsOf(job, job.moments, job.baselineIntensity, params) : undefined;
  const figures = loanFigures({ ...job, ...(moments ? { baselineMoments: moments } : {}), params }, into);
  return job.sums ? { ...figures, blocks: blockSums(job.sums, figures) } : figures;
}

/** The job's loans' moments: those this thread keeps, else made now and kept for the next job. */
function momentsOf(job: LoanFiguresJob, { key }: MomentsUse, baselineIntensity: Float64Array, params: LoanFigureParams): Float64Array {
  const at = job.at ?? 0;
  const kept = keptMoments(key, at, job.pd.length);
  if (kept) return kept;
  const made = baselineMoments({ loans: job.loans, baselineIntensity, params, horizonMonths: job.horizonMonths });
  keepMoments(key, at, made);
  return made;
}

/** Loans this thread computes between two looks at `between` (some 20 ms in a browser): a block of the sums. */
const STEP_LOANS = SUM_BLOCK;

/**
 * This thread as a slice, in steps of `step` loans with `between` awaited after each (when given). It
 * starts on the next task: the helpers are asked for their slices first and compute them meanwhile
 * (started at once, it held their requests until it was done: one slice after the other).
 */
export function steppedLocalSlice(step: number): LoanFiguresSlice {
  return async (job, from, to, between, into) => {
    await nextTask();
    // Steps of whole blocks when the job adds sums: each step's blocks are the book's.
    const block = job.sums?.block ?? 1;
    const size = Math.max(block, step - (step % block));
    const here = into ? figureViews(into, from, to) : newFigureArrays(to - from);
    const blocks: BlockSums[] = [];
    for (let at = from; at < to; at += size) {
      if (at > from && between) await between();
      const end = Math.min(to, at + size);
      const part = computeLoanFigures(sliceJob(job, at, end), figureViews(here, at - from, end - from));
      if (part.blocks) blocks.push(part.blocks);
    }
    // Each step's blocks follow the last step's: the steps are in loan order and each starts on a block.
    return job.sums ? { ...here, blocks: concatBlocks(blocks) } : here;
  };
}

/** This thread as a slice: a big one in steps. */
export const localSlice = steppedLocalSlice(STEP_LOANS);

/** Every loan here: the engine's default; in one pass, or in steps when given `between`. */
export const localLoanFigures: LoanFiguresRunner = async (job, between) =>
  between ? { loans: job.loans, ...(await localSlice(job, 0, job.pd.length, between)) } : computeLoanFigures(job);

const FIGURE_ARRAYS = ['pd', 'capitalPerLgd', 'ecl12', 'lifetime', 'averageBalance', 'fundingRate', 'intensity', 'tail'] as const;

/** Loans [from, to) of figure arrays (views, no copy). */
function figureViews(arrays: FigureArrays, from: number, to: number): FigureArrays {
  const views = Object.fromEntries(FIGURE_ARRAYS.map((k) => [k, arrays[k].subarray(from, to)]));
  return { ...views, stage: arrays.stage.subarray(from, to) } as FigureArrays;
}

const concatBlocks = (blocks: readonly BlockSums[]): BlockSums => ({
  cells: blocks.flatMap((b) => b.cells),
  ladder: blocks.flatMap((b) => b.ladder),
});

/**
 * Slices' figures put back in loan order in `out` (part k holds loans bounds[k]): a part computed on
 * this thread is there already (written in place), a helper's is copied in.
 */
function joined(parts: readonly SliceFigures[], bounds: readonly (readonly [number, number])[], out: FigureArrays): SliceFigures {
  parts.forEach((part, k) => {
    if (part.pd.buffer === out.pd.buffer) return;
    const at = bounds[k]![0];
    out.stage.set(part.stage, at);
    for (const key of FIGURE_ARRAYS) out[key].set(part[key], at);
  });
  // Each part's blocks follow the last part's: the parts are in loan order and each starts on a block.
  if (!parts.every((part) => part.blocks)) return out;
  return { ...out, blocks: concatBlocks(parts.map((part) => part.blocks!)) };
}

/** Slices of `n` loans, one per shard, each starting on a block (of `block` loans): as even as whole blocks allow. */
export function blockBounds(n: number, shards: number, block: number): [number, number][] {
  const start = (k: number) => Math.min(n, Math.round((k * n) / shards / block) * block);
  const bounds: [number, number][] = [];
  for (let k = 0; k < shards; k++) {
    const [from, to] = [start(k), k === shards - 1 ? n : start(k + 1)];
    if (to > from) bounds.push([from, to]);
  }
  return bounds;
}

/** Every loan's figures from slices computed at once, one per instance, put back in loan order. */
export function shardedLoanFigures(shards: readonly LoanFiguresSlice[]): LoanFiguresRunner {
  return async (job, between) => {
    const n = job.pd.length;
    // A job that adds sums is cut on its blocks; any other, evenly.
    const bounds = blockBounds(n, shards.length, job.sums?.block ?? 1);
    const out = newFigureArrays(n);
    const parts = await Promise.all(bounds.map(([from, to], k) => shards[k]!(job, from, to, between, out)));
    return { loans: job.loans, ...joined(parts, bounds, out) };
  };
}

type SumColumnName = 'cell' | 'observedBad' | 'weight';

/** A plan's per-loan columns, by name: what a helper keeps from one request to the next. */
function sumColumns(plan: SumsPlan): Partial<Record<SumColumnName, AnyColumn>> {
  return {
    ...(plan.cells ? { cell: plan.cells.of } : {}),
    ...(plan.observedBad ? { observedBad: plan.observedBad } : {}),
    ...(plan.weight ? { weight: plan.weight } : {}),
  };
}

/** A plan without its per-loan columns: what is sent with each request. */
type PlanShape = Omit<SumsPlan, 'cells' | 'observedBad' | 'weight'> & { cells?: { count: number } };

/** A plan with its per-loan columns in place (those of `columns`; a column absent from it is left out). */
function withSumColumns(plan: PlanShape, columns: Partial<Record<SumColumnName, AnyColumn>>): SumsPlan {
  const { cells, ...rest } = planShape(plan);
  return {
    ...rest,
    ...(cells && columns.cell ? { cells: { count: cells.count, of: columns.cell as Uint32Array } } : {}),
    ...(columns.observedBad ? { observedBad: columns.observedBad as Uint8Array } : {}),
    ...(columns.weight ? { weight: columns.weight as Float64Array } : {}),
  };
}

function planShape(plan: PlanShape | SumsPlan): PlanShape {
  const { cells, observedBad: _bad, weight: _weight, ...rest } = plan as PlanShape & Partial<SumsPlan>;
  return { ...rest, ...(cells ? { cells: { count: cells.count } } : {}) };
}

/**
 * One side of the columns a helper holds: the columns it was last sent for each slice, so a request
 * carries only those that are new (the book's are sent once; a rate move sends the new rates).
 */
function keptColumns<Name extends string>() {
  const kept = new Map<string, { column: AnyColumn; from: number; to: number }>();
  return (columns: Partial<Record<Name, AnyColumn>>, from: number, to: number): ColumnsUpdate<Name> => {
    const fresh: Partial<Record<Name, AnyColumn>> = {};
    const present: Name[] = [];
    for (const [name, column] of Object.entries(columns) as [Name, AnyColumn | undefined][]) {
      if (!column) continue;
      present.push(name);
      const last = kept.get(name);
      if (last && last.column === column && last.from === from && last.to === to) continue;
      kept.set(name, { column, from, to });
      fresh[name] = column.slice(from, to);
    }
    return { fresh, present };
  };
}

/** What a helper is sent of a slice's columns: those new to it, and which columns this job has. */
export interface ColumnsUpdate<Name extends string> {
  fresh: Partial<Record<Name, AnyColumn>>;
  present: Name[];
}

export type LoanColumnName = (typeof LOAN_COLUMNS)[number];
export type LoanColumnsUpdate = ColumnsUpdate<LoanColumnName>;

/** The helper's side: the columns it keeps, updated, those the job has. */
function heldColumns<Name extends string>() {
  const held: Partial<Record<Name, AnyColumn>> = {};
  return ({ fresh, present }: ColumnsUpdate<Name>): Partial<Record<Name, AnyColumn>> => {
    Object.assign(held, fresh);
    return Object.fromEntries(present.map((name) => [name, held[name]])) as Partial<Record<Name, AnyColumn>>;
  };
}

/** A slice's job as sent to a helper: the loans', the baseline's and the sums' columns as updates, the rest as is (its PDs copied). */
export interface SentJob {
  loans: LoanColumnsUpdate;
  baselines: ColumnsUpdate<BaselineColumnName>;
  sumColumns?: ColumnsUpdate<SumColumnName>;
  job: Omit<LoanFiguresJob, 'loans' | 'sums' | BaselineColumnName> & { sums?: PlanShape };
}

/** The sending side of a helper's slices: each request carries the columns new to it. */
export function jobSender() {
  const loansOf = keptColumns<LoanColumnName>();
  const baselinesOf = keptColumns<BaselineColumnName>();
  const sumsOf = keptColumns<SumColumnName>();
  return (job: LoanFiguresJob, from: number, to: number): SentJob => {
    const { loans, sums, baselinePd, originationPd, baselineIntensity, baselineTail, ...rest } = job;
    const loanColumns = Object.fromEntries(LOAN_COLUMNS.map((name) => [name, loans[name]])) as Partial<Record<LoanColumnName, AnyColumn>>;
    const baselines = baselinesOf({ baselinePd, originationPd, baselineIntensity, baselineTail }, from, to);
    // A view would send its whole buffer to the other thread: the slice's PDs are copied.
    const perCall = { pd: job.pd.slice(from, to), at: (job.at ?? 0) + from };
    if (!sums) return { loans: loansOf(loanColumns, from, to), baselines, job: { ...rest, ...perCall } };
    // The plan goes without its columns: they are kept like the loans'.
    return {
      loans: loansOf(loanColumns, from, to),
      baselines,
      sumColumns: sumsOf(sumColumns(sums), from, to),
      job: { ...rest, ...perCall, sums: planShape(sums) },
    };
  };
}

/** The helper's side: the job of a slice from what was sent, with the columns it holds. */
export function jobReceiver() {
  const heldLoans = heldColumns<LoanColumnName>();
  const heldBaselines = heldColumns<BaselineColumnName>();
  const heldSums = heldColumns<SumColumnName>();
  return ({ loans, baselines, sumColumns: sums, job: { sums: shape, ...job } }: SentJob): LoanFiguresJob => ({
    ...job,
    ...(heldBaselines(baselines) as Pick<LoanFiguresJob, BaselineColumnName>),
    loans: heldLoans(loans) as unknown as LoanState,
    ...(shape && sums ? { sums: withSumColumns(shape, heldSums(sums)) } : {}),
  });
}

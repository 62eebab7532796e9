/**
 * The per-loan figures (stage, monthly ECL schedule, capital, funding) are most of a big book's
 * evaluation after the model. Each loan's figures depend on that loan alone, so the loans are cut
 * into contiguous slices, one per instance (this thread and each scoring helper), computed at the
 * same time and put back in order: the same numbers as one pass, bit for bit, in about 1/k the time.
 */
import { loanFigures, type LoanFigures, type LoanState } from '../metrics';
import { shardBounds } from '../model';
import type { Settings } from '../scenario';
import { nextTask } from '../util';
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
}

/** A slice's figures, without the loans they are of. */
export type SliceFigures = Omit<LoanFigures, 'loans'>;

/**
 * Awaited by this thread between steps of a big job: it may throw to give the job up (a newer request
 * came), so a big book's evaluation is stopped within a step, not at the end of a stage of seconds.
 */
export type Between = () => Promise<void>;

/** Computes the figures of loans [from, to) of a job: here, or on a helper that keeps the loans it was sent. */
export type LoanFiguresSlice = (job: LoanFiguresJob, from: number, to: number, between?: Between) => Promise<SliceFigures>;

/** Computes the figures of every loan of a job. */
export type LoanFiguresRunner = (job: LoanFiguresJob, between?: Between) => Promise<LoanFigures>;

type Column = Float64Array;
const LOAN_COLUMNS = ['ead', 'amountLent', 'ratePct', 'remainingMonths', 'monthsOnBook', 'daysPastDue', 'originationPd'] as const;
const PER_CALL = ['pd', 'baselinePd', 'originationPd', 'baselineIntensity', 'baselineTail'] as const;

/** Loans [from, to) of a job (views, no copy). */
export function sliceJob(job: LoanFiguresJob, from: number, to: number): LoanFiguresJob {
  const view = <T extends Column | undefined>(c: T): T => c?.subarray(from, to) as T;
  const loans = Object.fromEntries(LOAN_COLUMNS.map((k) => [k, view(job.loans[k])])) as unknown as LoanState;
  const perCall = Object.fromEntries(PER_CALL.map((k) => [k, view(job[k])]));
  return { ...job, ...perCall, loans } as LoanFiguresJob;
}

export function computeLoanFigures(job: LoanFiguresJob): LoanFigures {
  return loanFigures({ ...job, params: loanFigureParams(job.settings) });
}

/** Loans this thread computes between two looks at `between`: some 20 ms in a browser. */
const STEP_LOANS = 16_384;

/**
 * This thread as a slice, in steps of `step` loans with `between` awaited after each (when given). It
 * starts on the next task: the helpers are asked for their slices first and compute them meanwhile
 * (started at once, it held their requests until it was done: one slice after the other).
 */
export function steppedLocalSlice(step: number): LoanFiguresSlice {
  return async (job, from, to, between) => {
    await nextTask();
    if (!between || to - from <= step) return withoutLoans(computeLoanFigures(sliceJob(job, from, to)));
    const bounds: [number, number][] = [];
    const parts: SliceFigures[] = [];
    for (let at = from; at < to; at += step) {
      if (at > from) await between();
      const end = Math.min(to, at + step);
      bounds.push([at - from, end - from]);
      parts.push(withoutLoans(computeLoanFigures(sliceJob(job, at, end))));
    }
    return joined(parts, bounds, to - from);
  };
}

/** This thread as a slice: a big one in steps. */
export const localSlice = steppedLocalSlice(STEP_LOANS);

const withoutLoans = ({ loans: _loans, ...figures }: LoanFigures): SliceFigures => figures;

/** Every loan here: the engine's default; in one pass, or in steps when given `between`. */
export const localLoanFigures: LoanFiguresRunner = async (job, between) =>
  between ? { loans: job.loans, ...(await localSlice(job, 0, job.pd.length, between)) } : computeLoanFigures(job);

const FIGURE_ARRAYS = ['pd', 'capitalPerLgd', 'ecl12', 'lifetime', 'averageBalance', 'fundingRate', 'intensity', 'tail'] as const;

/** Slices' figures put back in loan order: part k holds loans bounds[k] of `n`. */
function joined(parts: readonly SliceFigures[], bounds: readonly (readonly [number, number])[], n: number): SliceFigures {
  const out = {
    stage: new Uint8Array(n),
    ...Object.fromEntries(FIGURE_ARRAYS.map((k) => [k, new Float64Array(n)])),
  } as SliceFigures;
  parts.forEach((part, k) => {
    const at = bounds[k]![0];
    out.stage.set(part.stage, at);
    for (const key of FIGURE_ARRAYS) out[key].set(part[key], at);
  });
  return out;
}

/** Every loan's figures from slices computed at once, one per instance, put back in loan order. */
export function shardedLoanFigures(shards: readonly LoanFiguresSlice[]): LoanFiguresRunner {
  return async (job, between) => {
    const n = job.pd.length;
    const bounds = shardBounds(n, shards.length);
    const parts = await Promise.all(bounds.map(([from, to], k) => shards[k]!(job, from, to, between)));
    return { loans: job.loans, ...joined(parts, bounds, n) };
  };
}

/**
 * A helper's side of the loans it holds: the loan columns it was last sent for each slice, so a request
 * carries only the columns that are new (the book's are sent once; a rate move sends the new rates).
 */
export function keptLoanColumns() {
  const kept = new Map<string, { column: Column; from: number; to: number }>();
  return (loans: LoanState, from: number, to: number): LoanColumnsUpdate => {
    const fresh: LoanColumnsUpdate['fresh'] = {};
    const present: LoanColumnName[] = [];
    for (const name of LOAN_COLUMNS) {
      const column = loans[name];
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

export type LoanColumnName = (typeof LOAN_COLUMNS)[number];

/** What a helper is sent of a slice's loans: the columns new to it, and which columns this job has. */
export interface LoanColumnsUpdate {
  fresh: Partial<Record<LoanColumnName, Float64Array>>;
  present: LoanColumnName[];
}

/** The helper's loans for a job: the columns it keeps, updated, those the job has. */
export function heldLoans() {
  const held: Partial<Record<LoanColumnName, Float64Array>> = {};
  return ({ fresh, present }: LoanColumnsUpdate): LoanState => {
    Object.assign(held, fresh);
    return Object.fromEntries(present.map((name) => [name, held[name]])) as unknown as LoanState;
  };
}

/** The per-call arrays of loans [from, to), copied (a view would send its whole buffer to another thread). */
export function perCallSlices(job: LoanFiguresJob, from: number, to: number) {
  return Object.fromEntries(PER_CALL.flatMap((k) => (job[k] ? [[k, job[k].slice(from, to)]] : []))) as Pick<
    LoanFiguresJob,
    (typeof PER_CALL)[number]
  >;
}

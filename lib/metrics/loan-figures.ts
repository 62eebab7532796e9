/**
 * Everything the metrics need per loan that depends on the PDs and the settings but not on LGD or the
 * cut-off: IFRS 9 stage, the monthly ECL schedule, capital per unit of LGD, funding. Computed once when
 * the PDs or the settings change; moving LGD or the cut-off then only re-adds these.
 */
import type { LoanState } from './book';
import { irbCapitalPerLgd } from './irb';
import { HazardTable, IntensityTable, loanEcl, monthlyStayRate, newLoanEcl, type ScheduledLoan, type ScheduleParams } from './lifetime-ecl';
import { MOMENTS_STRIDE, eclFromMoments, exposuresByAge, makeScheduleMoments } from './schedule-moments';

export interface StagingParams {
  /** Stage 2 when the PD is at least this multiple of the origination PD … */
  relative: number;
  /** … and at least this much above it (a share). */
  absolute: number;
}

export interface LoanFigureParams {
  schedule: ScheduleParams;
  staging: StagingParams;
  /** The regime's retail PD floor for capital. */
  pdFloor: number;
  /** The funding rate (share a year) for a remaining term in years. */
  fundingRate: (years: number) => number;
}

/** IFRS 9 stage 2 backstop and stage 3 (credit-impaired), in days past due: IFRS 9 5.5.11 and B5.5.37. */
export const STAGE_2_DAYS_PAST_DUE = 30;
export const STAGE_3_DAYS_PAST_DUE = 90;

export interface LoanFigures {
  loans: LoanState;
  /** The PD the figures use: the model's, or 1 for a credit-impaired loan. */
  pd: Float64Array;
  capitalPerLgd: Float64Array;
  /** 1, 2 or 3. */
  stage: Uint8Array;
  /** Discounted expected loss per unit of LGD: next 12 months and remaining life, USD. */
  ecl12: Float64Array;
  lifetime: Float64Array;
  averageBalance: Float64Array;
  fundingRate: Float64Array;
  /** The default-hazard intensity each loan's PD calibrates to: the baseline's is what a scenario reverts to. */
  intensity: Float64Array;
  /** Each loan's lifetime loss after the reversion, per unit of survival to then (see `loanEcl`): the baseline's is every scenario's. */
  tail: Float64Array;
}

/** A set of loans' figures without the loans: what `loanFigures` writes. */
export type FigureArrays = Omit<LoanFigures, 'loans'>;

/** Figure arrays for `n` loans, zeroed. */
export function newFigureArrays(n: number): FigureArrays {
  return {
    pd: new Float64Array(n),
    capitalPerLgd: new Float64Array(n),
    stage: new Uint8Array(n),
    ecl12: new Float64Array(n),
    lifetime: new Float64Array(n),
    averageBalance: new Float64Array(n),
    fundingRate: new Float64Array(n),
    intensity: new Float64Array(n),
    tail: new Float64Array(n),
  };
}

export interface LoanFiguresInput {
  loans: LoanState;
  /** The scenario's 12-month PDs. */
  pd: Float64Array;
  /** The baseline's 12-month PDs, where the scenario reverts to after the reasonable-and-supportable period. */
  baselinePd: Float64Array;
  /** What staging compares with: the tape's origination PD, else the baseline PD; none for new loans (all stage 1). */
  originationPd?: Float64Array;
  /** The baseline's intensities when already known (the baseline's own figures): saves calibrating them again. */
  baselineIntensity?: Float64Array;
  /**
   * The baseline's tails, given with its intensities when the loans' schedules are the baseline's
   * (same balance, rate and term): saves each loan's months after the reversion.
   */
  baselineTail?: Float64Array;
  /**
   * The baseline's schedule moments (`baselineMoments`), given with its intensities and tails: a loan's
   * ECL is read off them when its move is small enough, else walked.
   */
  baselineMoments?: Float64Array;
  params: LoanFigureParams;
  /**
   * Months the hazard table covers (the book's longest life): given when the loans are a slice of a
   * book, so every slice uses the book's table and the figures are those of the whole book, bit for bit.
   */
  horizonMonths?: number;
}

/** The longest life on the book, months: age plus remaining term. */
export function lifeHorizon(loans: LoanState): number {
  let longest = 0;
  for (let i = 0; i < loans.monthsOnBook.length; i++) longest = Math.max(longest, loans.monthsOnBook[i]! + loans.remainingMonths[i]!);
  return longest;
}

function stageOf(pd: number, origination: number | undefined, daysPastDue: number, staging: StagingParams): 1 | 2 | 3 {
  if (daysPastDue >= STAGE_3_DAYS_PAST_DUE) return 3;
  if (daysPastDue >= STAGE_2_DAYS_PAST_DUE) return 2;
  if (origination === undefined) return 1;
  const increased = pd > origination && pd >= staging.relative * origination && pd - origination >= staging.absolute;
  return increased ? 2 : 1;
}

/**
 * Intensity tables by age on the book, prepayment and hazard shape: a table costs a few thousand root
 * solves, so it is built once and kept while the settings stand (a book at origination needs one).
 */
const TABLES = new Map<string, IntensityTable>();
const MAX_TABLES = 256;

function intensityTable(monthsOnBook: number, stayRate: number, hazard: HazardTable): IntensityTable {
  const key = `${monthsOnBook}|${stayRate}|${hazard.peak}`;
  let table = TABLES.get(key);
  if (!table) {
    if (TABLES.size >= MAX_TABLES) TABLES.delete(TABLES.keys().next().value!);
    TABLES.set(key, (table = new IntensityTable(monthsOnBook, stayRate, hazard)));
  }
  return table;
}

const newScheduledLoan = (): ScheduledLoan => ({ balance: 0, ratePct: 0, remainingMonths: 0, monthsOnBook: 0 });

/** Loan i's schedule terms, written into `into` (one object re-used over a book: the hot loops allocate nothing). */
function scheduledLoan(loans: LoanState, i: number, into: ScheduledLoan): ScheduledLoan {
  into.balance = loans.ead[i]!;
  into.ratePct = loans.ratePct[i]!;
  into.remainingMonths = loans.remainingMonths[i]!;
  into.monthsOnBook = loans.monthsOnBook[i]!;
  return into;
}

/**
 * The moments of each loan's baseline schedule (`MOMENTS_STRIDE` numbers a loan; see
 * schedule-moments.ts) from the baseline's intensities: what `loanFigures` reads a scenario's ECL off.
 * Each loan's depend on that loan alone, so they are the same however the book is cut.
 */
export function baselineMoments({
  loans,
  baselineIntensity,
  params,
  horizonMonths,
}: Pick<LoanFiguresInput, 'loans' | 'params' | 'horizonMonths'> & { baselineIntensity: Float64Array }): Float64Array {
  const n = baselineIntensity.length;
  const hazard = new HazardTable(params.schedule.hazardPeakMonth, (horizonMonths ?? lifeHorizon(loans)) + 12);
  const exposureAt = exposuresByAge(params.schedule, hazard);
  const stayRate = monthlyStayRate(params.schedule.cpr);
  const moments = new Float64Array(n * MOMENTS_STRIDE);
  const loan = newScheduledLoan();
  for (let i = 0; i < n; i++) {
    scheduledLoan(loans, i, loan);
    makeScheduleMoments(
      loan,
      baselineIntensity[i]!,
      params.schedule,
      hazard,
      exposureAt(loan.monthsOnBook),
      stayRate,
      moments,
      i * MOMENTS_STRIDE,
    );
  }
  return moments;
}

/** Every loan's figures, written into `into` (arrays of the loans' length, views of a bigger book's) when given. */
export function loanFigures(
  {
    loans,
    pd: modelPd,
    baselinePd,
    originationPd,
    baselineIntensity,
    baselineTail,
    baselineMoments,
    params,
    horizonMonths,
  }: LoanFiguresInput,
  into?: FigureArrays,
): LoanFigures {
  const n = modelPd.length;
  const longest = horizonMonths ?? lifeHorizon(loans);
  const hazard = new HazardTable(params.schedule.hazardPeakMonth, longest + 12);
  const out: LoanFigures = { loans, ...(into ?? newFigureArrays(n)) };
  const moments = baselineTail && baselineMoments?.length === n * MOMENTS_STRIDE ? baselineMoments : undefined;
  const exposureAt = exposuresByAge(params.schedule, hazard);
  const stayRate = monthlyStayRate(params.schedule.cpr);
  // The tables this book needs, by age on the book, fetched once per call.
  const tables: IntensityTable[] = [];
  const intensityOf = (pd: number, monthsOnBook: number) =>
    (tables[monthsOnBook] ??= intensityTable(monthsOnBook, stayRate, hazard)).intensity(pd);
  const schedule = newLoanEcl();
  const loan = newScheduledLoan();
  for (let i = 0; i < n; i++) {
    const stage = stageOf(modelPd[i]!, originationPd?.[i], loans.daysPastDue?.[i] ?? 0, params.staging);
    const pd = stage === 3 ? 1 : modelPd[i]!;
    scheduledLoan(loans, i, loan);
    const intensity = pd >= 1 ? Number.POSITIVE_INFINITY : intensityOf(pd, loan.monthsOnBook);
    const baseline =
      baselineIntensity?.[i] ?? (pd === baselinePd[i] ? intensity : intensityOf(Math.min(baselinePd[i]!, 1 - 1e-12), loan.monthsOnBook));
    const reverts = Number.isFinite(baseline);
    const tail = reverts && baselineTail ? baselineTail[i]! : Number.NaN;
    const fromMoments =
      moments !== undefined &&
      reverts &&
      pd < 1 &&
      eclFromMoments(
        moments,
        i * MOMENTS_STRIDE,
        loan,
        intensity,
        baseline,
        params.schedule,
        exposureAt(loan.monthsOnBook),
        tail,
        schedule,
      );
    if (!fromMoments) loanEcl(loan, pd, intensity, reverts ? baseline : intensity, params.schedule, hazard, schedule, stayRate, tail);
    out.intensity[i] = intensity;
    out.tail[i] = schedule.tail;
    out.stage[i] = stage;
    out.pd[i] = pd;
    out.capitalPerLgd[i] = irbCapitalPerLgd(pd, params.pdFloor);
    out.ecl12[i] = schedule.twelveMonth;
    out.lifetime[i] = schedule.lifetime;
    out.averageBalance[i] = schedule.averageBalance;
    // Funds-transfer pricing is locked at origination: the rate of the loan's whole term.
    out.fundingRate[i] = params.fundingRate((loan.monthsOnBook + loan.remainingMonths) / 12);
  }
  return out;
}

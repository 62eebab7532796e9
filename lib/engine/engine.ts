/**
 * The scenario engine: a staged pipeline with each stage cached by what it depends on.
 *   assumptions → model inputs → model PD → stressed PD (unemployment) → per-loan figures (settings) → sums
 *   → figures (LGD, cut-off, profitability settings)
 * The loaded tape is the existing book: every loan stays on it under every scenario, and rate levers
 * reach it only through funding. The same tape read as next period's applicants is new business: the
 * cut-off acts there, and rates pass through to new loans' pricing. Moving `lgd` or `cutoff` re-uses
 * every sum; the model runs only when its inputs change.
 */
import { bookColumnsOf, modelInputsFromTape, type Manifest, type ModelInputs, type PdScorer } from '../model';
import {
  addBlocks,
  addCellBlocks,
  approvedSums,
  asNewBusiness,
  blockSums,
  bookCells,
  bookFromTape,
  bookMetricsFromSums,
  ladderFromRungs,
  perSegmentKind,
  isApproved,
  ladderRung,
  loanExpectedLoss,
  loansStoodFor,
  lifeHorizon,
  pdHistogram,
  repriceFunding,
  scaleSums,
  segmentedFromCells,
  SUM_BLOCK,
  type ApprovalLadder,
  type BlockSums,
  type Book,
  type BookMetrics,
  type BookSums,
  type LoanFigures,
  type SegmentedSums,
  type SegmentKind,
  type SumsPlan,
} from '../metrics';
import { stateColumns, subsetTape, type LoanTape } from '../portfolio';
import {
  ASSUMPTIONS,
  BASELINE_ASSUMPTIONS,
  DEFAULT_SCENARIO_SET,
  DEFAULT_SETTINGS,
  REGIMES,
  assumptionGrid,
  bookAssumptions,
  factorShift,
  inputChannelKey,
  newBusinessAssumptions,
  pdLeverIds,
  scenarioSetKey,
  settingsKey,
  shockInputs,
  factorLoadings,
  stressedPds,
  type AssumptionId,
  type Assumptions,
  type ClampReport,
  type ScenarioSet,
  type Settings,
} from '../scenario';
import { populationStability, validationSteps, type InputStability, type TapeValidation } from '../validation';
import { mapSwapCounts, swapCounts } from './figures';
import { newMomentsKey, type MomentsUse } from './kept-moments';
import { Memo } from './memo';
import { localLoanFigures, type Between, type LoanFiguresJob, type LoanFiguresRunner } from './per-loan';
import { bookFundingShock, metricParams, newBusinessRateShift } from './parameters';
import { figuresOfSums, type EvaluationSums, type SummedFigures } from './partial';
import { weightedMeanAssumptions } from './weighted-ecl';

export type { PdScorer };

interface PdStage {
  pd: Float64Array;
  clamped: ClampReport[];
}

interface BookStage extends PdStage {
  figures: LoanFigures;
  /** A baseline's: the key its schedule moments are kept under on each thread, for its scenarios to read. */
  momentsKey?: string;
  sums: SegmentedSums;
  histogram: Float64Array;
  /**
   * At origination, the sums of the approval ladder's rungs with these loans read as new business (each
   * loan added to its first approving rung): added with the cells when the stage was asked for them,
   * else when new business first needs them.
   */
  newBusinessRungs?: BookSums[];
}

interface NewBusinessStage extends PdStage {
  figures: LoanFigures;
  momentsKey?: string;
  ladder: ApprovalLadder;
}

/**
 * Books up to this size keep their baseline's schedule moments (320 bytes a loan, on the thread that
 * computes each loan): a million loans' would hold some 320 MB more in the browser.
 */
const MOMENTS_UP_TO_LOANS = 250_000;

/** The cut-offs the ladder holds: every position of the cut-off slider. */
const CUTOFF_RUNGS = assumptionGrid('cutoff');

/** How the model does on this book: against its observed outcomes where it has them, and against the training data. */
export interface BookValidation {
  /** Discrimination and calibration on the tape's outcomes (absent without an outcome column, or with one class only). */
  onTape?: TapeValidation;
  /** Population stability of each input the card carries a training distribution for. */
  stability: InputStability[];
}

export interface ScenarioEvaluation extends SummedFigures {
  /**
   * How the model does on this book: absent until `bookValidation()` has run, once per tape. The page
   * asks for it after the first figures are on screen, so a big tape's bootstrap never delays them.
   */
  validation?: BookValidation;
  assumptions: Assumptions;
  settings: Settings;
  scenarioSet: ScenarioSet;
  /** How many times the model has run since the engine started (the self-test not included). */
  modelRuns: number;
  /** The segment these figures are drilled into (every figure is its loans' only), or absent for the whole book. */
  focus?: Focus & { loans: number };
  /** A segment asked for that the book does not have (a link made on another tape): these are the whole book's figures. */
  unknownFocus?: Focus;
  /**
   * The levers that move PDs: while they stand still, `sources` (every sum behind the figures, LGD-free)
   * answer a move of LGD or the cut-off without the engine (`figuresFromLast`).
   */
  pdLevers: AssumptionId[];
}

/** One segment of the book (a grade, a term, a region) by its label: what a drill-down shows alone. */
export interface Focus {
  kind: SegmentKind;
  label: string;
}

export interface LoanLevelResult {
  pdBaseline: Float64Array;
  pdScenario: Float64Array;
  stage: Uint8Array;
  expectedLoss: Float64Array;
  ifrs9Ecl: Float64Array;
  lifetimeEcl: Float64Array;
  /** As next period's applicant: approved at the cut-off under the new-business scenario PD. */
  approvedAsNewBusiness: Uint8Array;
}

/** Bootstrap resamples between two checkpoints of the validation: tens of milliseconds on a million loans. */
const VALIDATION_STEPS_PER_CHECKPOINT = 8;

/** Above this many loans the engine keeps fewer stages in memory. */
const BIG_BOOK_LOANS = 200_000;

const assumptionsKey = (a: Assumptions) => JSON.stringify(Object.entries(a).sort());

export interface EngineOptions {
  /**
   * Loans of the book each loan of this tape stands for: above 1 the tape is a sample of a bigger book,
   * and every sum (counts, exposures, losses, capital) is scaled by it; rates and ratios are the sample's.
   */
  expansion?: number;
  /** Computes every loan's figures: spread over the scoring instances on the page; here in one pass by default. */
  perLoan?: LoanFiguresRunner;
  /** Where this tape's loans are in the file it was cut from (a drill-down's segment): each loan's row there. */
  tapeRows?: Uint32Array;
}

export interface EvaluateOptions {
  /**
   * Awaited between the stages of an evaluation: a big book's evaluation takes seconds, and the
   * worker answers only the latest request, so it may throw here to give up on an answer no longer wanted.
   */
  checkpoint?: () => Promise<void>;
}

/** How often an evaluation waiting on another thread (a helper's slice) looks whether it is still wanted, ms. */
const WATCH_MS = 10;

/**
 * `work`, given up when `between` throws (the evaluation is no longer wanted) while it waits on another
 * thread: a helper still busy with an earlier request's slice would otherwise hold a newer request's
 * answer until it is done. What is given up still finishes there; its result is dropped.
 */
async function givingWay<T>(work: Promise<T>, between?: Between): Promise<T> {
  if (!between) return work;
  let settled = false;
  const watch = (async (): Promise<never> => {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
      if (settled) return new Promise<never>(() => {});
      await between();
    }
  })();
  watch.catch(() => undefined); // a throw after the work settled is nobody's concern
  try {
    return await Promise.race([work, watch]);
  } finally {
    settled = true;
  }
}

export class ScenarioEngine {
  readonly book: Book;
  private readonly baseInputs: ModelInputs;
  private modelRuns = 0;
  private readonly modelPd: Memo<PdStage>;
  private readonly stressed: Memo<PdStage>;
  /** Baselines apart: every answer needs them, and a scenario set's stages must not push them out. */
  private readonly bookBaselines = new Memo<BookStage>(2);
  private readonly bookStages: Memo<BookStage>;
  private readonly newBusinessBaselines = new Memo<NewBusinessStage>(2);
  private readonly newBusinessStages: Memo<NewBusinessStage>;
  private readonly weightedStages = new Memo<EvaluationSums['weighted']>(2);
  private readonly results: Memo<ScenarioEvaluation>;
  /** Segments drilled into lately, each a book of its own: going back to one re-uses its stages. */
  private readonly segmentBooks = new Map<string, ScenarioEngine | undefined>();
  private validationOnce?: Promise<BookValidation>;
  private validated?: BookValidation;
  /** The validation's steps, kept when paused for a request: the sort and the resamples done are not done again. */
  private validationInProgress?: Generator<void, TapeValidation | undefined>;
  private readonly pdLevers: AssumptionId[];
  /** The tape has no balance, age or arrears: read as new business, its loans are the same loans. */
  private readonly atOrigination: boolean;

  private readonly expansion: number;
  private readonly perLoan: LoanFiguresRunner;
  private readonly tapeRows?: Uint32Array;
  /** The book's longest life (months), for every per-loan computation on it, whole or in slices. */
  private readonly horizonMonths: number;

  constructor(
    readonly manifest: Manifest,
    readonly tape: LoanTape,
    private readonly scorePd: PdScorer,
    options: EngineOptions = {},
  ) {
    this.expansion = options.expansion ?? 1;
    if (options.tapeRows) this.tapeRows = options.tapeRows;
    // A stage holds about 60 bytes per loan: a big book keeps fewer of them (a slider moving back is recomputed, not remembered).
    const big = tape.loanCount > BIG_BOOK_LOANS;
    this.modelPd = new Memo(big ? 4 : 8);
    // On a small book the worker works out ahead a step either side of each model lever, or a stepped lever's next
    // two: the answer on show and those kept ready.
    this.results = new Memo(big ? 2 : 12);
    this.stressed = new Memo(big ? 4 : 8);
    this.bookStages = new Memo(big ? 1 : 8);
    this.newBusinessStages = new Memo(big ? 1 : 4);
    this.perLoan = options.perLoan ?? localLoanFigures;
    this.book = bookFromTape(tape, bookColumnsOf(manifest));
    this.baseInputs = modelInputsFromTape(manifest, tape);
    // New business is priced with the rate levers whatever the model card says: they move its figures too.
    const pricing = ASSUMPTIONS.filter((d) => (d as { book?: string }).book === 'new-business-only').map((d) => d.id);
    this.pdLevers = [...new Set([...pdLeverIds(manifest), ...pricing])];
    const state = stateColumns(bookColumnsOf(manifest));
    this.atOrigination = !tape.numbers[state.balance] && !tape.numbers[state.monthsOnBook] && !tape.numbers[state.daysPastDue];
    this.horizonMonths = Math.max(lifeHorizon(this.book), lifeHorizon(asNewBusiness(this.book, 0)));
  }

  get loanCount(): number {
    return this.book.loanCount;
  }

  get modelRunCount(): number {
    return this.modelRuns;
  }

  private pdKey(a: Assumptions): string {
    return `${inputChannelKey(this.manifest, a)}|${factorShift(this.manifest, a)}`;
  }

  private modelStage(a: Assumptions, between?: Between): Promise<PdStage> {
    return this.modelPd.get(inputChannelKey(this.manifest, a), async () => {
      const { inputs, clamped } = shockInputs(this.manifest, this.baseInputs, a);
      this.modelRuns++;
      const raw = await givingWay(this.scorePd(inputs), between);
      return { pd: Float64Array.from(raw), clamped };
    });
  }

  /** The last model PDs' factor loadings: stepping the unemployment lever shifts the same PDs again and again. */
  private loadings?: { pd: Float64Array; of: ReturnType<typeof factorLoadings> };

  private loadingsOf(pd: Float64Array): ReturnType<typeof factorLoadings> {
    if (this.loadings?.pd !== pd) this.loadings = { pd, of: factorLoadings(pd) };
    return this.loadings.of;
  }

  /** The 12-month PDs under `a`: the model's, shifted by the systematic factor. */
  private pdStage(a: Assumptions, between?: Between): Promise<PdStage> {
    const shift = factorShift(this.manifest, a);
    return this.stressed.get(this.pdKey(a), async () => {
      const model = await this.modelStage(a, between);
      return { pd: shift === 0 ? model.pd : stressedPds(model.pd, this.loadingsOf(model.pd), shift), clamped: model.clamped };
    });
  }

  /**
   * The existing book under `a`: rate levers do not reach its inputs (its instalments are fixed).
   * `between` is awaited between steps of the per-loan figures: it may give the evaluation up.
   */
  private bookStage(a: Assumptions, settings: Settings, between?: Between, withRungs = false): Promise<BookStage> {
    const levers = bookAssumptions(a);
    const key = this.pdKey(levers);
    const isBaseline = key === this.pdKey(BASELINE_ASSUMPTIONS);
    return (isBaseline ? this.bookBaselines : this.bookStages).get(`${key}|${settingsKey(settings)}`, async () => {
      const [stage, baseline, baselineStage] = await Promise.all([
        this.pdStage(levers, between),
        this.pdStage(BASELINE_ASSUMPTIONS, between),
        isBaseline ? undefined : this.bookStage(BASELINE_ASSUMPTIONS, settings, between),
      ]);
      // At origination the evaluation's own stages also add new business's ladder: with no rate move it is the same loans.
      const plan = this.sumsPlan(settings, {
        cells: bookCells(this.book),
        ...(withRungs && this.atOrigination ? { ladder: { cutoffs: CUTOFF_RUNGS, asOriginated: true } } : {}),
      });
      const momentsKey = isBaseline ? this.newMomentsKey() : undefined;
      const { figures, blocks } = await this.figuresAndSums(
        {
          loans: this.book,
          pd: stage.pd,
          baselinePd: baseline.pd,
          ...(baselineStage ? { baselineIntensity: baselineStage.figures.intensity, baselineTail: baselineStage.figures.tail } : {}),
          ...this.momentsUse(baselineStage),
          // IFRS 9 5.5.9 compares with initial recognition: the tape's origination PD, else the baseline's.
          originationPd: this.book.originationPd ?? baseline.pd,
          settings,
          horizonMonths: this.horizonMonths,
          sums: plan,
        },
        between,
      );
      return {
        ...stage,
        figures,
        ...(momentsKey ? { momentsKey } : {}),
        sums: this.scaledSegments(segmentedFromCells(this.book, addCellBlocks(blocks.cells, plan.cells!.count))),
        histogram: pdHistogram(stage.pd, this.book.weight),
        ...(plan.ladder ? { newBusinessRungs: addBlocks(blocks.ladder, CUTOFF_RUNGS.length) } : {}),
      };
    });
  }

  /** A baseline's new key for its schedule moments: none on a book too big to keep them. */
  private newMomentsKey(): string | undefined {
    return this.book.loanCount <= MOMENTS_UP_TO_LOANS ? newMomentsKey() : undefined;
  }

  /** A scenario job's use of its baseline's schedule moments (when its schedules are the baseline's). */
  private momentsUse(baseline: { momentsKey?: string } | undefined): { moments?: MomentsUse } {
    return baseline?.momentsKey ? { moments: { key: baseline.momentsKey } } : {};
  }

  /** What a per-loan job adds up besides the figures: the regime's PD floor, the book's outcomes and weights. */
  private sumsPlan(settings: Settings, parts: Partial<Pick<SumsPlan, 'cells' | 'ladder'>>): SumsPlan {
    const { observedBad, weight } = this.book;
    return {
      block: SUM_BLOCK,
      ...parts,
      pdFloor: REGIMES[settings.regime].pdFloor,
      ...(observedBad ? { observedBad } : {}),
      ...(weight ? { weight } : {}),
    };
  }

  /** A job's figures and its sums block by block: the runner's, or added here when it did not add them. */
  private async figuresAndSums(
    job: LoanFiguresJob & { sums: SumsPlan },
    between?: Between,
  ): Promise<{ figures: LoanFigures; blocks: BlockSums }> {
    const { blocks = undefined, ...figures } = await givingWay(this.perLoan(job, between), between);
    const added = blocks ?? blockSums(job.sums, figures);
    // Every block once: a slice whose sums went missing would leave its loans out of every figure.
    const expected = Math.ceil(job.pd.length / job.sums.block);
    if ((job.sums.cells && added.cells.length !== expected) || (job.sums.ladder && added.ladder.length !== expected)) {
      throw new Error(
        `The per-loan figures came back with the sums of ${added.cells.length || added.ladder.length} blocks of loans, not ${expected}.`,
      );
    }
    return { figures, blocks: added };
  }

  /** The tape read as next period's applicants under `a`: new loans, priced with the rate shock passed through. */
  private newBusinessStage(a: Assumptions, settings: Settings, between?: Between): Promise<NewBusinessStage> {
    const levers = newBusinessAssumptions(a, settings['pass-through'] / 100);
    const rateShift = newBusinessRateShift(a, settings);
    const key = this.pdKey(levers);
    const memo = rateShift === 0 && key === this.pdKey(BASELINE_ASSUMPTIONS) ? this.newBusinessBaselines : this.newBusinessStages;
    return memo.get(`${key}|${rateShift}|${settingsKey(settings)}`, async () => {
      const { figures, rungs, momentsKey } = await this.newBusinessFigures(levers, rateShift, settings, between);
      const stage = await this.pdStage(levers, between);
      const onTape = ladderFromRungs(CUTOFF_RUNGS, rungs, this.book.loanCount, this.book.weight);
      const ladder = { ...onTape, sums: onTape.sums.map((s) => this.scaled(s)) };
      return { ...stage, figures, ladder, ...(momentsKey ? { momentsKey } : {}) };
    });
  }

  /**
   * New loans' figures. A book at origination read as applicants, with no rate move, is the same loans
   * with the same schedule: the book's figures are re-used, every loan in stage 1 (just originated).
   */
  private async newBusinessFigures(
    levers: Assumptions,
    rateShift: number,
    settings: Settings,
    between?: Between,
  ): Promise<{ figures: LoanFigures; rungs: BookSums[]; momentsKey?: string }> {
    if (this.atOrigination && rateShift === 0) {
      const book = await this.bookStage(levers, settings, between);
      const figures = { ...book.figures, stage: new Uint8Array(this.book.loanCount).fill(1) };
      // A stage the evaluation did not ask for its rungs (a driver's mix, a scenario of the set) adds them now, once.
      book.newBusinessRungs ??= addBlocks(
        blockSums(this.sumsPlan(settings, { ladder: { cutoffs: CUTOFF_RUNGS } }), figures).ladder,
        CUTOFF_RUNGS.length,
      );
      return { figures, rungs: book.newBusinessRungs };
    }
    const isBaseline = rateShift === 0 && this.pdKey(levers) === this.pdKey(BASELINE_ASSUMPTIONS);
    // The baseline's new business is a stage of its own, kept: its intensities are what a scenario reverts to.
    const [stage, baseline, baselineStage] = await Promise.all([
      this.pdStage(levers, between),
      this.pdStage(BASELINE_ASSUMPTIONS, between),
      isBaseline ? undefined : this.newBusinessStage(BASELINE_ASSUMPTIONS, settings, between),
    ]);
    const momentsKey = isBaseline ? this.newMomentsKey() : undefined;
    const { figures, blocks } = await this.figuresAndSums(
      {
        loans: asNewBusiness(this.book, rateShift),
        pd: stage.pd,
        baselinePd: baseline.pd,
        ...(baselineStage ? { baselineIntensity: baselineStage.figures.intensity } : {}),
        // With no rate move the new loans' schedules are the baseline's: so are their tails and moments.
        ...(baselineStage && rateShift === 0 ? { baselineTail: baselineStage.figures.tail } : {}),
        ...this.momentsUse(rateShift === 0 ? baselineStage : undefined),
        settings,
        horizonMonths: this.horizonMonths,
        sums: this.sumsPlan(settings, { ladder: { cutoffs: CUTOFF_RUNGS } }),
      },
      between,
    );
    return { figures, rungs: addBlocks(blocks.ladder, CUTOFF_RUNGS.length), ...(momentsKey ? { momentsKey } : {}) };
  }

  /** The book under each scenario of the set and under their weighted-mean levers: what the weighted ECL is made of. */
  private weightedStage(set: ScenarioSet, settings: Settings, checkpoint?: () => Promise<void>): Promise<EvaluationSums['weighted']> {
    return this.weightedStages.get(`${scenarioSetKey(set)}|${settingsKey(settings)}`, async () => {
      const scenarios = [];
      // One scenario at a time: each may run the model, and the scorers take one request at once.
      for (const s of set) {
        scenarios.push((await this.bookStage(s.assumptions, settings, checkpoint)).sums.total);
        await checkpoint?.();
      }
      const mean = (await this.bookStage(weightedMeanAssumptions(set), settings, checkpoint)).sums.total;
      return { scenarios, mean };
    });
  }

  /** A sample's sums as the book's: times the expansion factor (the same object on a full tape). */
  private scaled(s: BookSums): BookSums {
    return this.expansion === 1 ? s : scaleSums(s, this.expansion);
  }

  private scaledSegments(s: SegmentedSums): SegmentedSums {
    if (this.expansion === 1) return s;
    const segments = Object.fromEntries(Object.entries(s.segments).map(([k, v]) => [k, v.map((x) => this.scaled(x))]));
    return { total: this.scaled(s.total), segments: segments as SegmentedSums['segments'] };
  }

  async evaluate(
    assumptions: Assumptions,
    settings: Settings = DEFAULT_SETTINGS,
    scenarioSet: ScenarioSet = DEFAULT_SCENARIO_SET,
    { checkpoint }: EvaluateOptions = {},
  ): Promise<ScenarioEvaluation> {
    const key = `${assumptionsKey(assumptions)}|${settingsKey(settings)}|${scenarioSetKey(scenarioSet)}`;
    return this.results.get(key, async () => {
      const sums = await this.evaluationSums(assumptions, settings, scenarioSet, { checkpoint });
      return {
        ...figuresOfSums(sums, assumptions, settings, scenarioSet),
        assumptions,
        settings,
        scenarioSet,
        ...(this.validated ? { validation: this.validated } : {}),
        modelRuns: this.modelRuns,
        pdLevers: this.pdLevers,
      };
    });
  }

  /** The sums behind an evaluation: this book's part of a bigger one, when the book is a partition (see partial.ts). */
  async evaluationSums(
    assumptions: Assumptions,
    settings: Settings = DEFAULT_SETTINGS,
    scenarioSet: ScenarioSet = DEFAULT_SCENARIO_SET,
    { checkpoint }: EvaluateOptions = {},
  ): Promise<EvaluationSums> {
    const bookBaseline = await this.bookStage(BASELINE_ASSUMPTIONS, settings, checkpoint, true);
    await checkpoint?.();
    const newBaseline = await this.newBusinessStage(BASELINE_ASSUMPTIONS, settings, checkpoint);
    await checkpoint?.();
    const book = await this.bookStage(assumptions, settings, checkpoint, true);
    await checkpoint?.();
    const newBusiness = await this.newBusinessStage(assumptions, settings, checkpoint);
    await checkpoint?.();
    const weighted = await this.weightedStage(scenarioSet, settings, checkpoint);
    const floor = REGIMES[settings.regime].pdFloor;
    const cutoff = assumptions.cutoff / 100;
    const ladders = { baseline: newBaseline.ladder, scenario: newBusiness.ladder };
    const approveAll = ladders.scenario.sums.at(-1)!;
    // New business at the cut-off: from the ladders on their rungs, by a direct pass between them.
    const baselineRung = ladderRung(ladders.baseline, assumptions.cutoff);
    const scenarioRung = ladderRung(ladders.scenario, assumptions.cutoff);
    const direct = (f: LoanFigures) => this.scaled(approvedSums(f, cutoff, floor, this.book.observedBad, this.book.weight));
    const w = this.expansion;
    return {
      loans: loansStoodFor(this.book.loanCount, this.book.weight) * w,
      exposureBasis: this.book.exposureBasis,
      segments: perSegmentKind((k) => {
        const { labels, order } = this.book.segments[k];
        return { labels, ...(order ? { order } : {}) };
      }),
      book: { baseline: bookBaseline.sums, scenario: book.sums },
      cutoffs: CUTOFF_RUNGS,
      ladders: { baseline: ladders.baseline.sums, scenario: ladders.scenario.sums },
      atCutoff: {
        baseline: baselineRung ?? direct(newBaseline.figures),
        scenario: scenarioRung ?? direct(newBusiness.figures),
        approveAll,
      },
      weighted,
      swap: mapSwapCounts(swapCounts(newBaseline.figures.pd, newBusiness.figures.pd, this.book, cutoff), (g) =>
        w === 1 ? g : { loans: g.loans * w, exposure: g.exposure * w, bad: g.bad * w, known: g.known * w },
      ),
      histogram: { baseline: Array.from(bookBaseline.histogram, (n) => n * w), scenario: Array.from(book.histogram, (n) => n * w) },
      clamped: { book: book.clamped, newBusiness: newBusiness.clamped },
    };
  }

  /**
   * The loans of one segment as a book of their own, every figure evaluated on them alone (a drill-down),
   * scored by the same model; undefined for a label the book does not have.
   */
  segmentBook({ kind, label }: Focus): ScenarioEngine | undefined {
    const key = `${kind}|${label}`;
    if (!this.segmentBooks.has(key)) {
      const { labels, index } = this.book.segments[kind];
      const k = labels.indexOf(label);
      const rows = k < 0 ? [] : index.reduce<number[]>((out, at, i) => (at === k && out.push(i), out), []);
      this.segmentBooks.set(key, rows.length ? this.subBook(Uint32Array.from(rows)) : undefined);
      // Two kept: the one drilled into and the one before it.
      if (this.segmentBooks.size > 2) this.segmentBooks.delete(this.segmentBooks.keys().next().value!);
    }
    return this.segmentBooks.get(key);
  }

  /** The book's loans at `rows` as a book of their own, under the same model and scaling. */
  subBook(rows: Uint32Array): ScenarioEngine {
    const tapeRows = this.tapeRows ? rows.map((r) => this.tapeRows![r]!) : rows;
    return new ScenarioEngine(this.manifest, subsetTape(this.tape, rows), this.scorePd, {
      expansion: this.expansion,
      perLoan: this.perLoan,
      tapeRows,
    });
  }

  /** A loan's row in the file the tape was read from (0-based, header aside). */
  tapeRow(loan: number): number {
    return this.tapeRows ? this.tapeRows[loan]! : loan;
  }

  /**
   * The existing book's figures under `a`, and nothing else (no new business, no scenario set): what
   * drivers are made of. `between` is awaited between steps of a big book's per-loan figures.
   */
  async bookMetrics(a: Assumptions, settings: Settings = DEFAULT_SETTINGS, between?: Between): Promise<BookMetrics> {
    const { sums } = await this.bookStage(a, settings, between);
    return bookMetricsFromSums(repriceFunding(sums.total, bookFundingShock(a, settings)), metricParams(a, settings));
  }

  /** Levers that share this key share the book's per-loan work: evaluations in key order re-use it. */
  bookStageKey(a: Assumptions): string {
    return this.pdKey(bookAssumptions(a));
  }

  /** True once `bookValidation()` has answered: later evaluations carry it. */
  get validationReady(): boolean {
    return this.validated !== undefined;
  }

  /** Computed once per tape and model: the baseline PDs against the outcomes, the inputs against the training data. */
  bookValidation(checkpoint?: () => Promise<void>): Promise<BookValidation> {
    // Paused at a checkpoint (a request came), it resumes where it stopped when next asked.
    return (this.validationOnce ??= this.validate(checkpoint).catch((e: unknown) => {
      this.validationOnce = undefined;
      throw e;
    }));
  }

  /** Validation steps (one per bootstrap resample), awaiting `checkpoint` every few: a big tape's bootstrap takes seconds. */
  private async validate(checkpoint?: () => Promise<void>): Promise<BookValidation> {
    // Model points are weighted: the discrimination and stability of the points are not the book's.
    // The batch face that made them scored the full book; the points' report carries how close they are.
    if (this.book.weight) return (this.validated = { stability: [] });
    const { pd } = await this.pdStage(BASELINE_ASSUMPTIONS);
    const { observedBad, segments } = this.book;
    const labelsOf = (kind: 'grade' | 'term') => Array.from(segments[kind].index, (k) => segments[kind].labels[k]!);
    let onTape: TapeValidation | undefined;
    if (observedBad) {
      const steps = (this.validationInProgress ??= validationSteps({
        pd,
        bad: observedBad,
        segments: { grade: labelsOf('grade'), term: labelsOf('term') },
      }));
      for (let k = 1; ; k++) {
        const step = steps.next();
        if (step.done) {
          onTape = step.value;
          break;
        }
        if (checkpoint && k % VALIDATION_STEPS_PER_CHECKPOINT === 0) await checkpoint();
      }
    }
    const stability = this.manifest.inputs.flatMap((input) => {
      if (!input.trainingDistribution) return [];
      // The tape's own values (float64), not the model's float32 copies: a value on a bin edge stays on it.
      const values = input.type === 'string' ? this.tape.categories[input.column]! : this.tape.numbers[input.column]!;
      return [populationStability(input.name, input.trainingDistribution, values)];
    });
    this.validated = { ...(onTape ? { onTape } : {}), stability };
    return this.validated;
  }

  /** Per-loan figures for exports and the command line, in tape order. */
  async loanLevel(assumptions: Assumptions, settings: Settings = DEFAULT_SETTINGS): Promise<LoanLevelResult> {
    const baseline = await this.bookStage(BASELINE_ASSUMPTIONS, settings);
    const book = await this.bookStage(assumptions, settings);
    const newBusiness = await this.newBusinessStage(assumptions, settings);
    const lgd = assumptions.lgd / 100;
    const f = book.figures;
    return {
      pdBaseline: baseline.figures.pd,
      pdScenario: f.pd,
      stage: f.stage,
      expectedLoss: f.pd.map((p, i) => loanExpectedLoss(p, lgd, this.book.ead[i]!)),
      ifrs9Ecl: f.ecl12.map((e, i) => (f.stage[i] === 1 ? e : f.lifetime[i]!) * lgd),
      lifetimeEcl: f.lifetime.map((e) => e * lgd),
      approvedAsNewBusiness: Uint8Array.from(newBusiness.figures.pd, (p) => (isApproved(p, assumptions.cutoff / 100) ? 1 : 0)),
    };
  }
}

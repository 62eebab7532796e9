/**
 * The scenario engine: a staged pipeline with each stage cached by the assumptions it depends on.
 *   assumptions → model inputs → model PD → stressed PD (unemployment) → metrics (LGD, cut-off)
 * Moving `lgd` or `cutoff` only re-runs the last stage; the model runs only when its inputs change.
 */
import { modelInputsFromTape, type Manifest, type ModelInputs } from '../model';
import {
  approvalLadder,
  bookFromTape,
  irbCapitalPerLgd,
  isApproved,
  loanExpectedLoss,
  pdDistribution,
  pdHistogram,
  portfolioMetrics,
  strategyCurve,
  type ApprovalLadder,
  type Book,
  type CutoffPoint,
  type PdBucket,
  type SegmentedMetrics,
} from '../metrics';
import type { LoanTape } from '../portfolio';
import {
  BASELINE_ASSUMPTIONS,
  assumptionGrid,
  factorShift,
  inputChannelKey,
  pdLeverIds,
  shockInputs,
  stressedPd,
  type AssumptionId,
  type Assumptions,
  type ClampReport,
} from '../scenario';
import { Memo } from './memo';

import type { PdScorer } from '../model';

export type { PdScorer };

interface PdStage {
  pd: Float64Array;
  capitalPerLgd: Float64Array;
  ladder: ApprovalLadder;
  curve: CutoffPoint[];
  histogram: Uint32Array;
  clamped: ClampReport[];
}

/** The cut-offs the ladder holds: every position of the cut-off slider. */
const CUTOFF_RUNGS = assumptionGrid('cutoff');
/** The strategy curve's points: every rung up to 30% PD, where nearly all loans are, then every 5%. */
const onCurve = (cutoff: number) => cutoff <= 30 || cutoff % 5 === 0;

export interface ScenarioEvaluation {
  assumptions: Assumptions;
  baseline: SegmentedMetrics;
  scenario: SegmentedMetrics;
  pdDistribution: PdBucket[];
  /** Approval rate vs expected bad rate over cut-offs, baseline and scenario PDs. */
  cutoffCurve: { baseline: CutoffPoint[]; scenario: CutoffPoint[] };
  /** Inputs a shock would have pushed outside the training range, clamped as the model card asks. */
  clamped: ClampReport[];
  /** How many times the model has run since the engine started (the self-test not included). */
  modelRuns: number;
  /**
   * The scenario book at every cut-off rung, LGD-free: with it, a move of LGD or the cut-off alone is
   * answered from this ladder alone (`bookMetricsFromLadder`). Valid while the `pdLevers` stand still.
   */
  approvalLadder: ApprovalLadder;
  pdLevers: AssumptionId[];
}

export interface LoanLevelResult {
  pdBaseline: Float64Array;
  pdScenario: Float64Array;
  expectedLoss: Float64Array;
  approved: Uint8Array;
}

const assumptionsKey = (a: Assumptions) => JSON.stringify(Object.entries(a).sort());

export class ScenarioEngine {
  readonly book: Book;
  private readonly baseInputs: ModelInputs;
  private modelRuns = 0;
  private readonly modelPd = new Memo<{ pd: Float64Array; clamped: ClampReport[] }>();
  private readonly stressed = new Memo<PdStage>();
  private readonly results = new Memo<ScenarioEvaluation>(2);
  private baselineStage?: PdStage;
  private readonly pdLevers: AssumptionId[];
  private baselineMetrics?: SegmentedMetrics;

  constructor(
    readonly manifest: Manifest,
    readonly tape: LoanTape,
    private readonly scorePd: PdScorer,
  ) {
    this.book = bookFromTape(tape);
    this.baseInputs = modelInputsFromTape(manifest, tape);
    this.pdLevers = pdLeverIds(manifest);
  }

  get loanCount(): number {
    return this.book.loanCount;
  }

  get modelRunCount(): number {
    return this.modelRuns;
  }

  private modelStage(a: Assumptions) {
    return this.modelPd.get(inputChannelKey(this.manifest, a), async () => {
      const { inputs, clamped } = shockInputs(this.manifest, this.baseInputs, a);
      this.modelRuns++;
      const raw = await this.scorePd(inputs);
      return { pd: Float64Array.from(raw), clamped };
    });
  }

  /** The PDs under `a` and what depends on them alone; staging compares with `origination` (none: the PDs themselves, as for the baseline). */
  private pdStage(a: Assumptions, origination?: Float64Array): Promise<PdStage> {
    const shift = factorShift(this.manifest, a);
    return this.stressed.get(`${inputChannelKey(this.manifest, a)}|${shift}`, async () => {
      const model = await this.modelStage(a);
      const pd = shift === 0 ? model.pd : model.pd.map((p) => stressedPd(p, shift));
      const capitalPerLgd = pd.map(irbCapitalPerLgd);
      // IFRS 9 staging compares with the PDs at origination: the baseline's (itself, for the baseline).
      const originationPd = origination ?? pd;
      const ladder = approvalLadder({ book: this.book, pd, originationPd, capitalPerLgd }, CUTOFF_RUNGS);
      return {
        pd,
        capitalPerLgd,
        ladder,
        curve: strategyCurve(ladder).filter((p) => onCurve(p.cutoff)),
        histogram: pdHistogram(pd),
        clamped: model.clamped,
      };
    });
  }

  private metricsFor(stage: PdStage, origination: PdStage, a: Assumptions): SegmentedMetrics {
    return portfolioMetrics({
      book: this.book,
      pd: stage.pd,
      originationPd: origination.pd,
      capitalPerLgd: stage.capitalPerLgd,
      lgd: a.lgd / 100,
      cutoff: a.cutoff / 100,
    });
  }

  private async baseline() {
    this.baselineStage ??= await this.pdStage(BASELINE_ASSUMPTIONS);
    this.baselineMetrics ??= this.metricsFor(this.baselineStage, this.baselineStage, BASELINE_ASSUMPTIONS);
    return { stage: this.baselineStage, metrics: this.baselineMetrics };
  }

  async evaluate(assumptions: Assumptions): Promise<ScenarioEvaluation> {
    return this.results.get(assumptionsKey(assumptions), async () => {
      const base = await this.baseline();
      const stage = await this.pdStage(assumptions, base.stage.pd);
      return {
        assumptions,
        baseline: base.metrics,
        scenario: this.metricsFor(stage, base.stage, assumptions),
        pdDistribution: pdDistribution(base.stage.histogram, stage.histogram),
        cutoffCurve: { baseline: base.stage.curve, scenario: stage.curve },
        clamped: stage.clamped,
        modelRuns: this.modelRuns,
        approvalLadder: stage.ladder,
        pdLevers: this.pdLevers,
      };
    });
  }

  /** Per-loan figures for exports and the command line, in tape order. */
  async loanLevel(assumptions: Assumptions): Promise<LoanLevelResult> {
    const base = await this.baseline();
    const stage = await this.pdStage(assumptions, base.stage.pd);
    const lgd = assumptions.lgd / 100;
    const approved = Uint8Array.from(stage.pd, (p) => (isApproved(p, assumptions.cutoff / 100) ? 1 : 0));
    return {
      pdBaseline: base.stage.pd,
      pdScenario: stage.pd,
      expectedLoss: stage.pd.map((p, i) => loanExpectedLoss(p, lgd, this.book.ead[i]!)),
      approved,
    };
  }
}

/**
 * Every figure of an evaluation is made from sums over loans (the approval ladder, the segments, the
 * swap groups, the PD histogram are sums too), so a book can be evaluated in parts and the parts added:
 * a partial is those sums for one part of a book, under one model and one scenario. Partials merge by
 * addition (associative and commutative up to rounding, counts exactly), segments matched by label, and
 * the figures of the merged partial are those of the whole book: `figuresOfSums` is the one path from
 * sums to figures, for the engine's own evaluation and for a merged one alike.
 *
 * What is not a sum is not here: the hold-out validation (AUC, bootstrap) needs every PD at once.
 */
import {
  addSums,
  emptySums,
  orderedLabels,
  perSegmentKind,
  pdDistribution,
  SEGMENT_KINDS,
  strategyCurve,
  type Book,
  type BookSums,
  type CutoffPoint,
  type PdBucket,
  type SegmentedSums,
  type SegmentKind,
} from '../metrics';
import { scenarioSetKey, settingsKey, type Assumptions, type ClampReport, type ScenarioSet, type Settings } from '../scenario';
import {
  figuresFrom,
  mapSwapCounts,
  swapSet,
  type Figures,
  type FigureSources,
  type NewBusinessSums,
  type SwapCounts,
  type SwapSet,
} from './figures';
import { metricParams } from './parameters';
import type { ScenarioEngine } from './engine';
import { weightedEcl, weightedMeanAssumptions, type WeightedEcl } from './weighted-ecl';

/** The sums behind one evaluation of one part of a book (or of a whole book). */
export interface EvaluationSums {
  loans: number;
  /** How the part's exposure was read; null for a part without loans. */
  exposureBasis: Book['exposureBasis'] | null;
  /** Each segmentation's labels (aligned with the segment sums), and their known order where there is one. */
  segments: Record<SegmentKind, { labels: string[]; order?: readonly string[] }>;
  book: { baseline: SegmentedSums; scenario: SegmentedSums };
  /** The cut-off rungs (PD in percent) and new business at each, under baseline and scenario PDs. */
  cutoffs: number[];
  ladders: { baseline: BookSums[]; scenario: BookSums[] };
  /** New business at the scenario's own cut-off (on a rung or between two). */
  atCutoff: NewBusinessSums;
  /** The book under each scenario of the set, and under the set's weighted-mean levers. */
  weighted: { scenarios: BookSums[]; mean: BookSums };
  swap: SwapCounts;
  /** Loans of the book in each PD bucket, baseline and scenario. */
  histogram: { baseline: number[]; scenario: number[] };
  clamped: { book: ClampReport[]; newBusiness: ClampReport[] };
}

/** What an evaluation shows that sums make: everything but the validation. */
export interface SummedFigures extends Figures {
  swap: SwapSet;
  weighted: WeightedEcl;
  pdDistribution: PdBucket[];
  cutoffCurve: { baseline: CutoffPoint[]; scenario: CutoffPoint[] };
  clamped: ClampReport[];
  exposureBasis: Book['exposureBasis'];
  sources: FigureSources;
}

/** The strategy curve's points: every rung up to 30% PD, where nearly all loans are, then every 5%. */
const onCurve = (cutoff: number) => cutoff <= 30 || cutoff % 5 === 0;

export function figuresOfSums(sums: EvaluationSums, a: Assumptions, settings: Settings, set: ScenarioSet): SummedFigures {
  const ladder = (rungs: BookSums[]) => ({ cutoffs: sums.cutoffs, sums: rungs });
  const sources: FigureSources = {
    segmentLabels: perSegmentKind((k) => sums.segments[k].labels),
    book: sums.book,
    ladders: { baseline: ladder(sums.ladders.baseline), scenario: ladder(sums.ladders.scenario) },
  };
  const mean = weightedMeanAssumptions(set);
  const curve = (rungs: BookSums[]) => strategyCurve(ladder(rungs)).filter((p) => onCurve(p.cutoff));
  return {
    ...figuresFrom(sources, a, settings, sums.atCutoff)!,
    swap: swapSet(sums.swap),
    weighted: weightedEcl(
      set,
      sums.weighted.scenarios.map((s, k) => ({ sums: s, params: metricParams(set[k]!.assumptions, settings) })),
      { sums: sums.weighted.mean, params: metricParams(mean, settings) },
    ),
    pdDistribution: pdDistribution(sums.histogram.baseline, sums.histogram.scenario),
    cutoffCurve: { baseline: curve(sums.ladders.baseline), scenario: curve(sums.ladders.scenario) },
    clamped: bookAndNewBusinessClamps(sums.clamped.book, sums.clamped.newBusiness),
    // A book without loans has no basis; the origination amount is what it would be read at.
    exposureBasis: sums.exposureBasis ?? 'origination',
    sources,
  };
}

/**
 * The book's clamps and new business's, each input once with the larger count (the same loans, read
 * twice), in one order (inputs and their levers by name) however the book was cut.
 */
function bookAndNewBusinessClamps(book: ClampReport[], newBusiness: ClampReport[]): ClampReport[] {
  const byInput = new Map(book.map((c) => [c.input, c]));
  for (const c of newBusiness) {
    const known = byInput.get(c.input);
    if (!known || c.loans > known.loans) byInput.set(c.input, c);
  }
  return [...byInput.values()].map((c) => ({ ...c, levers: [...c.levers].sort() })).sort((x, y) => x.input.localeCompare(y.input));
}

/** The partial as it travels between processes: the sums with what they were made under. */
export interface EvaluationPartial {
  format: 'riskdial-partial/1';
  /** SHA-256 of the model file and of its card: partials of different models never merge. */
  model: { sha256: string; cardSha256: string };
  assumptions: Assumptions;
  settings: Settings;
  scenarioSet: ScenarioSet;
  sums: EvaluationSums;
}

const assumptionsKey = (a: Assumptions) => JSON.stringify(Object.entries(a).sort());

/** a and b together: the figures of their two parts of a book as one. Throws when they are not parts of one evaluation. */
export function mergePartials(a: EvaluationPartial, b: EvaluationPartial): EvaluationPartial {
  const refuse = (what: string, x: unknown, y: unknown) => {
    throw new Error(`These partials cannot be merged: they differ in ${what} (${String(x)} against ${String(y)}).`);
  };
  if (a.format !== b.format) refuse('format', a.format, b.format);
  if (a.model.sha256 !== b.model.sha256) refuse('the model (SHA-256)', a.model.sha256, b.model.sha256);
  if (a.model.cardSha256 !== b.model.cardSha256) refuse('the model card (SHA-256)', a.model.cardSha256, b.model.cardSha256);
  if (assumptionsKey(a.assumptions) !== assumptionsKey(b.assumptions))
    refuse('the scenario', assumptionsKey(a.assumptions), assumptionsKey(b.assumptions));
  if (settingsKey(a.settings) !== settingsKey(b.settings)) refuse('the settings', settingsKey(a.settings), settingsKey(b.settings));
  if (scenarioSetKey(a.scenarioSet) !== scenarioSetKey(b.scenarioSet))
    refuse('the scenario set', scenarioSetKey(a.scenarioSet), scenarioSetKey(b.scenarioSet));
  return { ...a, sums: mergeSums(a.sums, b.sums) };
}

/** The sums of two parts of a book evaluated alike. */
export function mergeSums(a: EvaluationSums, b: EvaluationSums): EvaluationSums {
  if (a.cutoffs.join() !== b.cutoffs.join()) throw new Error(`These partials cannot be merged: their cut-off grids differ.`);
  if (a.exposureBasis && b.exposureBasis && a.exposureBasis !== b.exposureBasis) {
    throw new Error(
      `These partials cannot be merged: one part's exposure is the ${a.exposureBasis} amount, the other's the ${b.exposureBasis} amount.`,
    );
  }
  const segments = perSegmentKind((k) => {
    const order = a.segments[k].order ?? b.segments[k].order;
    return { labels: orderedLabels([...a.segments[k].labels, ...b.segments[k].labels], order), ...(order ? { order } : {}) };
  });
  const segmented = (x: SegmentedSums, y: SegmentedSums): SegmentedSums => ({
    total: addSums(x.total, y.total),
    segments: Object.fromEntries(
      SEGMENT_KINDS.map((k) => [k, segments[k].labels.map((label) => addSums(bySegment(a, x, k, label), bySegment(b, y, k, label)))]),
    ) as SegmentedSums['segments'],
  });
  const rungs = (x: BookSums[], y: BookSums[]) => x.map((s, i) => addSums(s, y[i]!));
  return {
    loans: a.loans + b.loans,
    exposureBasis: a.exposureBasis ?? b.exposureBasis,
    segments,
    book: { baseline: segmented(a.book.baseline, b.book.baseline), scenario: segmented(a.book.scenario, b.book.scenario) },
    cutoffs: a.cutoffs,
    ladders: { baseline: rungs(a.ladders.baseline, b.ladders.baseline), scenario: rungs(a.ladders.scenario, b.ladders.scenario) },
    atCutoff: {
      baseline: addSums(a.atCutoff.baseline, b.atCutoff.baseline),
      scenario: addSums(a.atCutoff.scenario, b.atCutoff.scenario),
      approveAll: addSums(a.atCutoff.approveAll, b.atCutoff.approveAll),
    },
    weighted: { scenarios: rungs(a.weighted.scenarios, b.weighted.scenarios), mean: addSums(a.weighted.mean, b.weighted.mean) },
    swap: mapSwapCounts(a.swap, (g, key) => {
      const h = b.swap[key];
      return { loans: g.loans + h.loans, exposure: g.exposure + h.exposure, bad: g.bad + h.bad, known: g.known + h.known };
    }),
    histogram: {
      baseline: a.histogram.baseline.map((n, i) => n + b.histogram.baseline[i]!),
      scenario: a.histogram.scenario.map((n, i) => n + b.histogram.scenario[i]!),
    },
    clamped: { book: addClamps(a.clamped.book, b.clamped.book), newBusiness: addClamps(a.clamped.newBusiness, b.clamped.newBusiness) },
  };
}

/** A part's sums for one segment label (empty where the part has no loan in it). */
function bySegment(part: EvaluationSums, sums: SegmentedSums, kind: SegmentKind, label: string): BookSums {
  const j = part.segments[kind].labels.indexOf(label);
  return j < 0 ? emptySums() : sums.segments[kind][j]!;
}

/** Two parts' clamps of the same lever moves: the loans clamped add up, the levers that pushed each input unite. */
function addClamps(a: ClampReport[], b: ClampReport[]): ClampReport[] {
  const byInput = new Map(a.map((c) => [c.input, c]));
  for (const c of b) {
    const known = byInput.get(c.input);
    byInput.set(c.input, known ? { ...known, loans: known.loans + c.loans, levers: [...new Set([...known.levers, ...c.levers])] } : c);
  }
  return [...byInput.values()].sort((x, y) => x.input.localeCompare(y.input));
}

/** This engine's book as one part of a bigger one, under `model` (the hashes its figures rest on). */
export async function evaluationPartial(
  engine: ScenarioEngine,
  model: EvaluationPartial['model'],
  assumptions: Assumptions,
  settings: Settings,
  scenarioSet: ScenarioSet,
): Promise<EvaluationPartial> {
  const sums = await engine.evaluationSums(assumptions, settings, scenarioSet);
  return { format: 'riskdial-partial/1', model, assumptions, settings, scenarioSet, sums };
}

/** A part without loans under the same evaluation as `p`: merging it changes nothing (a partition can be empty). */
export function emptyPartial(p: EvaluationPartial): EvaluationPartial {
  const none = (rungs: BookSums[]) => rungs.map(emptySums);
  const noSegments = () => ({
    total: emptySums(),
    segments: perSegmentKind((): BookSums[] => []),
  });
  const zero = { loans: 0, exposure: 0, bad: 0, known: 0 };
  const { sums } = p;
  return {
    ...p,
    sums: {
      loans: 0,
      exposureBasis: null,
      segments: perSegmentKind((k) => ({ labels: [], ...(sums.segments[k].order ? { order: sums.segments[k].order } : {}) })),
      book: { baseline: noSegments(), scenario: noSegments() },
      cutoffs: sums.cutoffs,
      ladders: { baseline: none(sums.ladders.baseline), scenario: none(sums.ladders.scenario) },
      atCutoff: { baseline: emptySums(), scenario: emptySums(), approveAll: emptySums() },
      weighted: { scenarios: none(sums.weighted.scenarios), mean: emptySums() },
      swap: { swapOut: { ...zero }, swapIn: { ...zero }, kept: { ...zero } },
      histogram: { baseline: sums.histogram.baseline.map(() => 0), scenario: sums.histogram.scenario.map(() => 0) },
      clamped: { book: [], newBusiness: [] },
    },
  };
}

/** The figures of a (merged) partial. */
export const partialFigures = (p: EvaluationPartial): SummedFigures => figuresOfSums(p.sums, p.assumptions, p.settings, p.scenarioSet);

/** Builds the model card (manifest) from a fitted champion model and its evaluation. */
import type { HoldoutEvidence, Manifest, ModelInput } from '../model';
import { trainingDistribution, type TrainingDistribution } from '../validation';
import { roundForCard } from './holdout-quality';
import type { ColumnSpec } from '../portfolio';
import type { ChampionModel } from './champion';
import type { RawRow } from './expression';
import { modelInputs, PD_OUTPUT } from './onnx-graph';

/** Inputs a scenario shifts that are kept inside the training range (reported when it happens). */
const CLAMPED_INPUTS = new Set(['annual_inc', 'revol_util', 'all_util']);

/**
 * Unemployment sensitivity: the systematic factor moves 0.35 standard deviations per percentage
 * point, so +5 pp (the 2007–09 US rise) roughly doubles a 5% PD. See docs/assumptions.md.
 */
export const UNEMPLOYMENT_FACTOR_SD_PER_PP = 0.35;

export const ASSUMPTION_CHANNELS: Manifest['assumptions'] = [
  { id: 'income-shock', channel: { kind: 'scale-inputs', inputs: ['annual_inc'] } },
  { id: 'rate-shock', channel: { kind: 'shift-inputs', inputs: ['int_rate'], inputUnitsPerStep: 0.01 } },
  { id: 'utilization-shift', channel: { kind: 'shift-inputs', inputs: ['revol_util', 'all_util'], inputUnitsPerStep: 1 } },
  {
    id: 'unemployment-change',
    channel: {
      kind: 'systematic-factor',
      factorSdPerPoint: UNEMPLOYMENT_FACTOR_SD_PER_PP,
      reference: 'Vasicek (2002) single-factor model with the Basel other-retail asset correlation; docs/assumptions.md',
    },
  },
  { id: 'lgd', channel: { kind: 'loss-given-default' } },
  { id: 'cutoff', channel: { kind: 'approval-cutoff' } },
];

export function inputSchema(model: ChampionModel, columns: readonly ColumnSpec[], trainRows: readonly RawRow[]): ModelInput[] {
  const { numeric, categorical } = modelInputs(model);
  return [...numeric, ...categorical].map((name) => {
    const spec = columns.find((c) => c.column === name);
    if (!spec) throw new Error(`model input ${name} has no loan-tape column spec`);
    const observed = trainRows.map((r) => r[name]).filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
    return {
      name,
      type: spec.kind === 'category' ? 'string' : 'float32',
      column: spec.column,
      description: spec.description,
      ...(spec.unit ? { unit: spec.unit } : {}),
      ...(spec.kind === 'number'
        ? {
            validRange: [spec.min ?? -Infinity, spec.max ?? Infinity] as [number, number],
            trainingRange: [Math.min(...observed), Math.max(...observed)] as [number, number],
            ...(spec.integer ? { integer: true } : {}),
          }
        : { categories: [...(spec.categories ?? [])] }),
      ...(model.medians[name] !== undefined ? { imputedWith: model.medians[name] } : {}),
      clampScenarioToTrainingRange: CLAMPED_INPUTS.has(name),
      // What a tape is compared with for population stability (PSI), rounded as the card rounds.
      trainingDistribution: rounded(
        trainingDistribution(spec.kind === 'category' ? trainRows.map((r) => String(r[name])) : trainRows.map((r) => Number(r[name]))),
      ),
    };
  });
}

function rounded(d: TrainingDistribution): TrainingDistribution {
  if (d.kind === 'categorical') return { ...d, shares: Object.fromEntries(Object.entries(d.shares).map(([k, v]) => [k, roundForCard(v)])) };
  return { ...d, shares: d.shares.map((v) => roundForCard(v)), missingShare: roundForCard(d.missingShare) };
}

export const PD_OUTPUT_SPEC = {
  name: PD_OUTPUT,
  description: 'probability that the loan goes bad (charged off, defaulted or 21–120 days late), treated as a 12-month PD',
};

/** What "default" means on this tape, so nobody reads the PD as a regulatory default rate. */
export const OUTCOME: NonNullable<Manifest['outcome']> = {
  definition:
    'The tape\'s Class is "bad" when the loan was charged off, in default or 21–120 days late at the date the data was ' +
    'extracted, and "good" when it was fully paid or current (on time) at that date, so "good" includes loans that may still ' +
    'go bad (R package modeldata, lending_club documentation).',
  horizon:
    'No fixed horizon: loans funded in 2016 Q1, observed up to the extraction date. This is not a Basel or IFRS 9 default ' +
    '(90 days past due) over a 12-month horizon. The engine treats the PD as a 12-month PD, an assumption that cannot be ' +
    'verified on this tape.',
};

type HoldoutMetrics = HoldoutEvidence;

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
/** Thousands separators without Intl, whose output depends on the ICU data Node was built with. */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The card's limitations, quoting its own figures so they cannot drift from them. */
export function limitations(holdout: HoldoutMetrics): string[] {
  const subGrade = holdout.benchmarks?.find((b) => b.name === 'Sub-grade alone');
  const interval = holdout.confidence?.auc;
  return [
    'The data is one quarter of Lending Club originations (2016 Q1), split at random into training and hold-out: ' +
      'there is no out-of-time validation.',
    ...(subGrade
      ? [
          `Discrimination comes from Lending Club's own sub-grade: sub-grade alone reaches a hold-out AUC of ${subGrade.auc.toFixed(3)}, ` +
            `this model ${holdout.auc.toFixed(3)}: the model does not beat it.`,
        ]
      : []),
    "The model needs Lending Club's sub-grade as an input; it cannot score a loan without one.",
    'The borrower attributes (income, payment burden, utilisation, inquiries) are in the model so the scenario levers ' +
      'move PD the right way, not to add discrimination.',
    `The hold-out has only ${holdout.defaults} defaults among ${thousands(holdout.loans)} loans ` +
      `(${percent(holdout.defaults / holdout.loans)}), so its measures are uncertain` +
      (interval ? `: the 95% interval of AUC is ${interval[0].toFixed(3)} to ${interval[1].toFixed(3)}.` : '.'),
    'The outcome is Lending Club\'s "bad" flag at the extraction date, not a 90-days-past-due default over 12 months; ' +
      'reading the PD as a 12-month PD is an assumption.',
  ];
}

/** The model card that sits beside every ONNX model: schema, provenance, quality and self-test rows. */
import { z } from 'zod';
import { TrainingDistributionSchema } from '../validation';
import { BookColumnsSchema, LENDING_CLUB_BOOK_COLUMNS, type BookColumns, type ColumnSpec } from '../portfolio';
import { ModelVerificationError } from './verification-error';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');
const range = z.tuple([z.number(), z.number()]);

/** A blank cell: refused (the default), handed to the graph as NaN, or filled with a stated value before the graph. */
export const MissingPolicySchema = z.discriminatedUnion('policy', [
  z.object({ policy: z.literal('refuse') }),
  /** The graph takes NaN (an in-graph imputer, or a tree's default branch). */
  z.object({ policy: z.literal('pass-nan') }),
  z.object({ policy: z.literal('fill'), value: z.number() }),
]);

export const ModelInputSchema = z.object({
  /** The model's name for it: a graph input of this name, or a column of a packed tensor (`graphInputs`). */
  name: z.string(),
  /** What the graph takes: numbers as float32, categories as strings. */
  type: z.enum(['float32', 'string']),
  /** The loan-tape column that feeds this input. */
  column: z.string(),
  description: z.string(),
  unit: z.string().optional(),
  validRange: range.optional(),
  integer: z.boolean().optional(),
  categories: z.array(z.string()).optional(),
  /** Observed min and max on the training data. */
  trainingRange: range.optional(),
  /** Where set, a blank value is accepted and the graph replaces it with this (the training median). */
  imputedWith: z.number().optional(),
  /** What a blank cell becomes (default: refused, or NaN where the graph imputes). */
  missing: MissingPolicySchema.optional(),
  /** The input's distribution on the training rows: a tape is compared with it (population stability index). */
  trainingDistribution: TrainingDistributionSchema.optional(),
  /** Scenario-shifted values are clamped to the training range (and the clamping reported) only where true. */
  clampScenarioToTrainingRange: z.boolean(),
});

export const AssumptionChannelSchema = z.discriminatedUnion('kind', [
  /** input × (1 + value/100): a percentage change. */
  z.object({ kind: z.literal('scale-inputs'), inputs: z.array(z.string()) }),
  /** input + value × inputUnitsPerStep: an additive shift (e.g. basis points onto a % rate). */
  z.object({ kind: z.literal('shift-inputs'), inputs: z.array(z.string()), inputUnitsPerStep: z.number() }),
  /** Single-factor (Vasicek) shift of conditional PD: the systematic factor moves this many SD per point. */
  z.object({ kind: z.literal('systematic-factor'), factorSdPerPoint: z.number(), reference: z.string() }),
  z.object({ kind: z.literal('loss-given-default') }),
  z.object({ kind: z.literal('approval-cutoff') }),
  /** The lever does not reach this model (it has no such input): the page says so instead of moving it. */
  z.object({ kind: z.literal('none'), reason: z.string() }),
]);

/** What the hold-out sample says about the model: discrimination, calibration, simple benchmarks. */
export const HoldoutEvidenceSchema = z.object({
  loans: z.number(),
  defaults: z.number(),
  auc: z.number(),
  /** Hanley–McNeil (1982) standard error of the AUC. */
  aucStandardError: z.number().optional(),
  gini: z.number(),
  ks: z.number(),
  brier: z.number(),
  /** Bootstrap confidence intervals of the discrimination measures. */
  confidence: z
    .object({
      level: z.number(),
      method: z.string(),
      resamples: z.number(),
      auc: range,
      gini: range,
      ks: range,
    })
    .optional(),
  /** Simple scores on the same hold-out rows: what the champion has to beat. */
  benchmarks: z.array(z.object({ name: z.string(), description: z.string(), auc: z.number(), gini: z.number() })).optional(),
  calibration: z.array(z.object({ decile: z.number(), loans: z.number(), meanPd: z.number(), observedRate: z.number() })),
  /** Mean PD against observed rate by term and grade; z = (observed − mean PD) / binomial standard error. */
  calibrationBySegment: z
    .array(
      z.object({
        kind: z.enum(['term', 'grade']),
        label: z.string(),
        loans: z.number(),
        defaults: z.number(),
        meanPd: z.number(),
        observedRate: z.number(),
        standardError: z.number(),
        z: z.number(),
      }),
    )
    .optional(),
});

export const ManifestSchema = z.object({
  schemaVersion: z.literal(1),
  name: z.string(),
  version: z.string(),
  description: z.string(),
  model: z.object({
    file: z.string(),
    sha256,
    output: z.object({
      /** The probability tensor: [N,classes] or [N,1]/[N] (after ZipMap removal where the converter added one). */
      name: z.string(),
      description: z.string(),
      /** Which column of an [N,classes] tensor is the probability of default (default: the last). */
      defaultColumn: z.number().int().min(0).optional(),
      /** The class label that column stands for, as the graph declares it (e.g. "1"). */
      defaultClass: z.string().optional(),
    }),
    /** Graph inputs that take several features as one [N,k] tensor, columns in order; other features are inputs of their own name. */
    graphInputs: z.array(z.object({ name: z.string(), features: z.array(z.string()).min(1) })).optional(),
    /** Who wrote the file (the ONNX producer), when the card was made from the file. */
    producer: z.string().optional(),
  }),
  trainingData: z.object({ file: z.string(), sha256, loans: z.number(), defaults: z.number(), source: z.string() }).optional(),
  /** What the outcome the model was fitted to means, and over what horizon. */
  outcome: z.object({ definition: z.string(), horizon: z.string() }).optional(),
  training: z
    .object({
      method: z.string(),
      lambda: z.number(),
      holdoutFraction: z.number(),
      seed: z.string(),
      trainLoans: z.number(),
      holdoutLoans: z.number(),
    })
    .optional(),
  inputs: z.array(ModelInputSchema).min(1),
  /** The tape columns the metrics read (exposure, rate, term, segments, outcome); absent: Lending Club's names. */
  bookColumns: BookColumnsSchema.optional(),
  features: z
    .array(
      z.object({
        name: z.string(),
        description: z.string(),
        stage: z.string(),
        mean: z.number(),
        sd: z.number(),
        weight: z.number(),
      }),
    )
    .optional(),
  categoricalEffects: z
    .array(
      z.object({
        name: z.string(),
        description: z.string(),
        input: z.string(),
        effectByLevel: z.record(z.string(), z.number()),
      }),
    )
    .optional(),
  /** The logistic model's intercept, for a card that explains a scorecard (the bundled one). */
  intercept: z.number().optional(),
  metrics: z
    .object({
      holdout: HoldoutEvidenceSchema,
      fullTape: z.object({ loans: z.number(), meanPd: z.number(), observedBadRate: z.number() }),
    })
    .optional(),
  /** Plain sentences on what the model and its evidence cannot support. */
  limitations: z.array(z.string()).optional(),
  /** Loans with the PD the training code gave them; the engine refuses a model that does not reproduce them. */
  referenceRows: z
    .array(
      z.object({
        loan: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
        pd: z.number(),
      }),
    )
    .min(1),
  /**
   * Where the reference PDs come from. Absent: the model's owner (the card came with the model). A tape
   * column of expected PDs verifies the model too; a first load only pins the file and the runtime.
   */
  referenceSource: z.object({ kind: z.enum(['owner', 'tape-column', 'first-load']), note: z.string() }).optional(),
  assumptions: z.array(z.object({ id: z.string(), channel: AssumptionChannelSchema })),
});

export type Manifest = z.infer<typeof ManifestSchema>;
/** A card that also explains a scorecard and its evidence, as the bundled one does (made by `npm run train`). */
export type ScorecardCard = Manifest &
  Required<Pick<Manifest, 'metrics' | 'training' | 'trainingData' | 'features' | 'categoricalEffects' | 'intercept'>>;

/** The card as a scorecard card, or an error naming what it lacks. */
export function asScorecardCard(manifest: Manifest): ScorecardCard {
  const missing = (['metrics', 'training', 'trainingData', 'features', 'categoricalEffects', 'intercept'] as const).filter(
    (k) => manifest[k] === undefined,
  );
  if (missing.length) throw new Error(`The model card "${manifest.name}" lacks ${missing.join(', ')}: it does not explain a scorecard.`);
  return manifest as ScorecardCard;
}
export type HoldoutEvidence = z.infer<typeof HoldoutEvidenceSchema>;
export type MissingPolicy = z.infer<typeof MissingPolicySchema>;
export type ReferenceSource = NonNullable<Manifest['referenceSource']>;
export type ModelInput = z.infer<typeof ModelInputSchema>;
export type AssumptionChannel = z.infer<typeof AssumptionChannelSchema>;

/** The most problems a refusal lists: a card from another tool can miss every field. */
const MAX_CARD_PROBLEMS = 12;

/** Parses a model card, or refuses it naming each field that does not fit and what it expected. */
export function parseManifest(json: unknown): Manifest {
  const result = ManifestSchema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const lines = issues.slice(0, MAX_CARD_PROBLEMS).map((i) => `"${i.path.join('.') || '(the card)'}": ${i.message}`);
  const more = issues.length > MAX_CARD_PROBLEMS ? `; and ${issues.length - MAX_CARD_PROBLEMS} more` : '';
  throw new Error(`The model card is invalid at ${lines.join('; ')}${more}`);
}

/** The loan-tape column each model input needs, as a validation spec. */
export function inputColumnSpec(input: ModelInput): ColumnSpec {
  return {
    column: input.column,
    kind: input.type === 'string' ? 'category' : 'number',
    description: input.description,
    unit: input.unit,
    min: input.validRange?.[0],
    max: input.validRange?.[1],
    integer: input.integer,
    categories: input.categories,
    allowMissing: input.imputedWith !== undefined || (input.missing !== undefined && input.missing.policy !== 'refuse'),
  };
}

/** The columns the metrics read on tapes for this model. */
export const bookColumnsOf = (manifest: Pick<Manifest, 'bookColumns'>): BookColumns => manifest.bookColumns ?? LENDING_CLUB_BOOK_COLUMNS;

/** The model file sits beside its card: its URL or path, from the card's own location. */
export function modelFileBesideCard(cardLocation: string, manifest: Manifest): string {
  return `${cardLocation.slice(0, cardLocation.lastIndexOf('/') + 1)}${manifest.model.file}`;
}

/** The SHA-256 digests a deployment may pin: only this model file and this card are accepted. */
export interface Pins {
  modelSha256?: string;
  cardSha256?: string;
}

/** Refuses a model or card other than the pinned ones (a card edited beside its model included). */
export function checkPins(pins: Pins, actual: { modelSha256: string; cardSha256: string }): void {
  const refuse = (what: string, got: string, pinned: string) => {
    throw new ModelVerificationError(
      `The ${what} has SHA-256 ${got.slice(0, 12)}…, but this deployment is pinned to ${pinned.slice(0, 12)}….`,
    );
  };
  if (pins.modelSha256 && pins.modelSha256.toLowerCase() !== actual.modelSha256) refuse('model file', actual.modelSha256, pins.modelSha256);
  if (pins.cardSha256 && pins.cardSha256.toLowerCase() !== actual.cardSha256) refuse('model card', actual.cardSha256, pins.cardSha256);
}

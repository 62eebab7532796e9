/** The model card that sits beside every ONNX model: schema, provenance, quality and self-test rows. */
import { z } from 'zod';
import type { ColumnSpec } from '../portfolio';
import { ModelVerificationError } from './verification-error';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');
const range = z.tuple([z.number(), z.number()]);

export const ModelInputSchema = z.object({
  name: z.string(),
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
]);

export const ManifestSchema = z.object({
  schemaVersion: z.literal(1),
  name: z.string(),
  version: z.string(),
  description: z.string(),
  model: z.object({
    file: z.string(),
    sha256,
    output: z.object({ name: z.string(), description: z.string() }),
  }),
  trainingData: z.object({ file: z.string(), sha256, loans: z.number(), defaults: z.number(), source: z.string() }),
  /** What the outcome the model was fitted to means, and over what horizon. */
  outcome: z.object({ definition: z.string(), horizon: z.string() }).optional(),
  training: z.object({
    method: z.string(),
    lambda: z.number(),
    holdoutFraction: z.number(),
    seed: z.string(),
    trainLoans: z.number(),
    holdoutLoans: z.number(),
  }),
  inputs: z.array(ModelInputSchema),
  features: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      stage: z.string(),
      mean: z.number(),
      sd: z.number(),
      weight: z.number(),
    }),
  ),
  categoricalEffects: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      input: z.string(),
      effectByLevel: z.record(z.string(), z.number()),
    }),
  ),
  intercept: z.number(),
  metrics: z.object({
    holdout: z.object({
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
    }),
    fullTape: z.object({ loans: z.number(), meanPd: z.number(), observedBadRate: z.number() }),
  }),
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
  assumptions: z.array(z.object({ id: z.string(), channel: AssumptionChannelSchema })),
});

export type Manifest = z.infer<typeof ManifestSchema>;
export type ModelInput = z.infer<typeof ModelInputSchema>;
export type AssumptionChannel = z.infer<typeof AssumptionChannelSchema>;

/** Parses a model card, naming the first field that does not fit. */
export function parseManifest(json: unknown): Manifest {
  const result = ManifestSchema.safeParse(json);
  if (result.success) return result.data;
  const first = result.error.issues[0]!;
  throw new Error(`The model card is invalid at "${first.path.join('.')}": ${first.message}`);
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
    allowMissing: input.imputedWith !== undefined,
  };
}

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

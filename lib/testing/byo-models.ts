/** The converter-made models copied into data/byo-models: files, hold-out tape and Python's P(bad). */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

export const BYO_DIR = 'data/byo-models';
export const BYO_MODELS = ['lc_pipeline_logreg_zipmap', 'lc_gbt_float_input', 'lc_xgboost'] as const;
export type ByoModelName = (typeof BYO_MODELS)[number];

export const byoModelBytes = (name: ByoModelName): Uint8Array => new Uint8Array(readFileSync(`${BYO_DIR}/${name}.onnx`));
export const holdoutCsv = (): string => readFileSync(`${BYO_DIR}/lc_holdout.csv`, 'utf8');

interface ReferenceJson {
  models: Record<ByoModelName, { sha256: string; feature_order?: string[]; training_medians?: Record<string, number> }>;
}
export const byoReference = (): ReferenceJson => JSON.parse(readFileSync(`${BYO_DIR}/reference.json`, 'utf8')) as ReferenceJson;

/** Python's predict_proba P(bad) for every hold-out row, in tape order. */
export function referencePd(name: ByoModelName): Float64Array {
  const rows = Papa.parse<Record<string, string>>(readFileSync(`${BYO_DIR}/reference_predictions.csv`, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
  return Float64Array.from(rows, (r) => Number(r[`p_bad_${name}`]));
}

/**
 * What the data scientist says about each shared model beyond what the graph and the tape's names say
 * (the wizard's choices): the packed models' column order and missing-value policy.
 */
export function byoChoices() {
  const { feature_order: features, training_medians: medians } = byoReference().models.lc_gbt_float_input;
  return {
    lc_pipeline_logreg_zipmap: {},
    // No imputer in the graph and sklearn refuses NaN: blanks are filled with the training medians, as the README says.
    lc_gbt_float_input: {
      features: { float_input: features! },
      missing: Object.fromEntries(features!.map((f) => [f, { policy: 'fill' as const, value: medians![f]! }])),
    },
    // XGBoost sends a NaN down each split's default branch.
    lc_xgboost: { features: { input: features! }, missing: Object.fromEntries(features!.map((f) => [f, { policy: 'pass-nan' as const }])) },
  } satisfies Record<ByoModelName, object>;
}

/**
 * npm run train: fits the champion PD model on data/lending_club.csv and writes
 * public/models/<name>.onnx and public/models/<name>.manifest.json. Deterministic: a clean
 * checkout reproduces both files byte for byte.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { LOAN_TAPE_COLUMNS, parseLoanTape } from '../lib/portfolio';
import { championPd, fitChampion } from '../lib/training/champion';
import { auc, brier, calibrationByDecile, ks } from '../lib/training/evaluation';
import { exportOnnx } from '../lib/training/onnx-graph';
import { ASSUMPTION_CHANNELS, inputSchema, PD_OUTPUT_SPEC } from '../lib/training/model-card';
import { stratifiedSplit } from '../lib/training/split';
import { referenceLoans, tapeRows } from '../lib/training/tape-rows';
import { ManifestSchema, type Manifest } from '../lib/model/manifest';

export const MODEL_NAME = 'lending-club-pd';
export const MODEL_VERSION = '1.0.0';
const DATA_FILE = 'data/lending_club.csv';
const OUT_DIR = 'public/models';
const LAMBDA = 1;
const HOLDOUT_FRACTION = 0.25;
const SEED = 'riskdial-holdout';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const round = (x: number, digits = 6) => Number(x.toFixed(digits));

const text = readFileSync(DATA_FILE, 'utf8');
const parsed = parseLoanTape(text, LOAN_TAPE_COLUMNS);
if (!parsed.ok) throw new Error(`training data is invalid: ${parsed.issues.map((i) => i.message).join('\n')}`);
const rows = tapeRows(parsed.tape);
const labels: number[] = parsed.tape.categories.Class!.map((c) => (c === 'bad' ? 1 : 0));
const { train, holdout } = stratifiedSplit(labels, HOLDOUT_FRACTION, SEED);
const trainRows = train.map((i) => rows[i]!);
const model = fitChampion(trainRows, train.map((i) => labels[i]!), LAMBDA);

const holdoutPd = holdout.map((i) => championPd(model, rows[i]!));
const holdoutLabels = holdout.map((i) => labels[i]!);
const holdoutAuc = auc(holdoutPd, holdoutLabels);
const allPd = rows.map((r) => championPd(model, r));
const description = 'Probability of default for Lending Club consumer loans: two-stage penalised logistic regression '
  + '(borrower attributes, then grade), all preprocessing inside the graph.';
const onnxBytes = exportOnnx(model, { name: MODEL_NAME, version: MODEL_VERSION, description });

const manifest: Manifest = {
  schemaVersion: 1,
  name: MODEL_NAME,
  version: MODEL_VERSION,
  description,
  model: { file: `${MODEL_NAME}.onnx`, sha256: sha256(onnxBytes), output: PD_OUTPUT_SPEC },
  trainingData: {
    file: DATA_FILE,
    sha256: sha256(text),
    loans: rows.length,
    defaults: labels.filter((y) => y === 1).length,
    source: 'Lending Club loans funded 2016 Q1, from the R package modeldata 1.1.0 (data/README.md)',
  },
  training: {
    method: 'L2-penalised logistic regression by IRLS, fitted in two stages (docs/model.md)',
    lambda: LAMBDA,
    holdoutFraction: HOLDOUT_FRACTION,
    seed: SEED,
    trainLoans: train.length,
    holdoutLoans: holdout.length,
  },
  inputs: inputSchema(model, LOAN_TAPE_COLUMNS, trainRows),
  features: model.numeric.map(({ name, description: d, stage, mean, sd, weight }) => ({ name, description: d, stage, mean, sd, weight })),
  categoricalEffects: model.categorical,
  intercept: model.intercept,
  metrics: {
    holdout: {
      loans: holdout.length,
      defaults: holdoutLabels.filter((y) => y === 1).length,
      auc: round(holdoutAuc),
      gini: round(2 * holdoutAuc - 1),
      ks: round(ks(holdoutPd, holdoutLabels)),
      brier: round(brier(holdoutPd, holdoutLabels)),
      calibration: calibrationByDecile(holdoutPd, holdoutLabels).map((b) => ({ ...b, meanPd: round(b.meanPd), observedRate: round(b.observedRate) })),
    },
    fullTape: {
      loans: rows.length,
      meanPd: round(allPd.reduce((s, p) => s + p, 0) / allPd.length),
      observedBadRate: round(labels.reduce((s, y) => s + y, 0) / labels.length),
    },
  },
  referenceRows: referenceLoans(parsed.tape, rows, model).map((loan) => ({ loan, pd: championPd(model, loanToRow(loan)) })),
  assumptions: ASSUMPTION_CHANNELS,
};

function loanToRow(loan: Record<string, number | string | null>) {
  return Object.fromEntries(Object.entries(loan).map(([k, v]) => [k, v === null ? Number.NaN : v]));
}

ManifestSchema.parse(manifest);
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(`${OUT_DIR}/${MODEL_NAME}.onnx`, onnxBytes);
writeFileSync(`${OUT_DIR}/${MODEL_NAME}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(JSON.stringify({
  model: `${OUT_DIR}/${MODEL_NAME}.onnx`,
  sha256: manifest.model.sha256,
  holdout: { auc: manifest.metrics.holdout.auc, ks: manifest.metrics.holdout.ks, brier: manifest.metrics.holdout.brier },
  fullTape: manifest.metrics.fullTape,
  weights: Object.fromEntries(model.numeric.map((f) => [f.name, round(f.weight, 4)])),
}, null, 2));

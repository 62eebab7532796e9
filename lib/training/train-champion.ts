/** The whole training run, without file IO: loan-tape text in, ONNX bytes and model card out. */
import { asScorecardCard, ManifestSchema, type HoldoutEvidence, type ScorecardCard } from '../model';
import { sha256Hex } from '../model';
import { LOAN_TAPE_COLUMNS, parseLoanTape } from '../portfolio';
import { championPd, fitChampion, type ChampionModel } from './champion';
import { auc, brier, calibrationByDecile, ks } from '../validation';
import type { RawRow } from './expression';
import { holdoutQuality, roundForCard as round } from './holdout-quality';
import { ASSUMPTION_CHANNELS, inputSchema, limitations, OUTCOME, PD_OUTPUT_SPEC } from './model-card';
import { exportOnnx } from './onnx-graph';
import { stratifiedSplit } from './split';
import { referenceLoans, tapeRows } from './tape-rows';

export const TRAINING_CONFIG = {
  name: 'lending-club-pd',
  version: '1.1.0',
  dataFile: 'data/lending_club.csv',
  lambda: 1,
  holdoutFraction: 0.25,
  seed: 'riskdial-holdout',
  /** The hold-out's confidence intervals: enough resamples for stable 2.5% and 97.5% percentiles, seeded for byte-reproducibility. */
  bootstrap: { resamples: 1000, seed: 'riskdial-bootstrap', level: 0.95 },
} as const;

const DESCRIPTION =
  'Probability of default for Lending Club consumer loans: two-stage penalised logistic regression ' +
  '(borrower attributes, then grade), all preprocessing inside the graph.';

export interface TrainingRun {
  model: ChampionModel;
  manifest: ScorecardCard;
  onnxBytes: Uint8Array;
  rows: RawRow[];
}

const loanToRow = (loan: Record<string, number | string | null>): RawRow =>
  Object.fromEntries(Object.entries(loan).map(([k, v]) => [k, v === null ? Number.NaN : v]));

export async function trainChampion(csvText: string, config = TRAINING_CONFIG): Promise<TrainingRun> {
  const parsed = parseLoanTape(csvText, LOAN_TAPE_COLUMNS);
  if (!parsed.ok) throw new Error(`training data is invalid: ${parsed.issues.map((i) => i.message).join('\n')}`);
  if (!parsed.tape.categories.Class) throw new Error('training data needs the outcome column "Class"');
  const rows = tapeRows(parsed.tape);
  const labels: number[] = parsed.tape.categories.Class.map((c) => (c === 'bad' ? 1 : 0));
  const { train, holdout } = stratifiedSplit(labels, config.holdoutFraction, config.seed);
  const trainRows = train.map((i) => rows[i]!);
  const model = fitChampion(
    trainRows,
    train.map((i) => labels[i]!),
    config.lambda,
  );

  const holdoutPd = holdout.map((i) => championPd(model, rows[i]!));
  const holdoutLabels = holdout.map((i) => labels[i]!);
  const holdoutAuc = auc(holdoutPd, holdoutLabels);
  const quality = holdoutQuality(
    holdoutPd,
    holdoutLabels,
    holdout.map((i) => rows[i]!),
    config.bootstrap,
  );
  const holdoutMetrics: HoldoutEvidence = {
    loans: holdout.length,
    defaults: holdoutLabels.filter((y) => y === 1).length,
    auc: round(holdoutAuc),
    aucStandardError: quality.aucStandardError,
    gini: round(2 * holdoutAuc - 1),
    ks: round(ks(holdoutPd, holdoutLabels)),
    brier: round(brier(holdoutPd, holdoutLabels)),
    confidence: quality.confidence,
    benchmarks: quality.benchmarks,
    calibration: calibrationByDecile(holdoutPd, holdoutLabels).map((b) => ({
      ...b,
      meanPd: round(b.meanPd),
      observedRate: round(b.observedRate),
    })),
    calibrationBySegment: quality.calibrationBySegment,
  };
  const allPd = rows.map((r) => championPd(model, r));
  const onnxBytes = exportOnnx(model, { name: config.name, version: config.version, description: DESCRIPTION });
  const manifest = asScorecardCard(
    ManifestSchema.parse({
      schemaVersion: 1,
      name: config.name,
      version: config.version,
      description: DESCRIPTION,
      model: { file: `${config.name}.onnx`, sha256: await sha256Hex(onnxBytes), output: PD_OUTPUT_SPEC },
      trainingData: {
        file: config.dataFile,
        sha256: await sha256Hex(new TextEncoder().encode(csvText)),
        loans: rows.length,
        defaults: labels.filter((y) => y === 1).length,
        source: 'Lending Club loans funded 2016 Q1, from the R package modeldata 1.1.0 (data/README.md)',
      },
      outcome: OUTCOME,
      training: {
        method: 'L2-penalised logistic regression by IRLS, fitted in two stages (docs/model.md)',
        lambda: config.lambda,
        holdoutFraction: config.holdoutFraction,
        seed: config.seed,
        trainLoans: train.length,
        holdoutLoans: holdout.length,
      },
      inputs: inputSchema(model, LOAN_TAPE_COLUMNS, trainRows),
      features: model.numeric.map(({ name, description, stage, mean, sd, weight }) => ({ name, description, stage, mean, sd, weight })),
      categoricalEffects: model.categorical,
      intercept: model.intercept,
      metrics: {
        holdout: holdoutMetrics,
        fullTape: {
          loans: rows.length,
          meanPd: round(allPd.reduce((s, p) => s + p, 0) / allPd.length),
          observedBadRate: round(labels.reduce((s, y) => s + y, 0) / labels.length),
        },
      },
      limitations: limitations(holdoutMetrics),
      referenceRows: referenceLoans(parsed.tape, rows, model).map((loan) => ({ loan, pd: championPd(model, loanToRow(loan)) })),
      assumptions: ASSUMPTION_CHANNELS,
    }),
  );
  return { model, manifest, onnxBytes, rows };
}

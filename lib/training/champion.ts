/** Fits the champion PD model and scores loans with it in double precision (training-time scoring). */
import { evaluate, type Expr, type RawRow } from './expression';
import { CATEGORICAL_EFFECTS, IMPUTED_INPUTS, numericFeatures, type CategoricalEffect, type NumericFeature, type Stage } from './features';
import { fitLogistic, sigmoid } from './logistic';

export interface FittedNumericFeature {
  name: string;
  description: string;
  stage: Stage;
  expr: Expr;
  mean: number;
  sd: number;
  /** Coefficient on the standardised feature (value − mean) / sd. */
  weight: number;
}

export interface FittedCategoricalEffect {
  name: string;
  description: string;
  input: string;
  /** Logit contribution of every level of the input (levels sharing a group share a value). */
  effectByLevel: Record<string, number>;
}

export interface ChampionModel {
  intercept: number;
  numeric: FittedNumericFeature[];
  categorical: FittedCategoricalEffect[];
  medians: Record<string, number>;
  iterations: number;
}

function median(values: number[]): number {
  const s = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const groupsOf = (effect: CategoricalEffect) => [...new Set(effect.levels.map(effect.groupOf))];

interface StageFit {
  intercept: number;
  numeric: FittedNumericFeature[];
  categorical: FittedCategoricalEffect[];
  iterations: number;
}

/** Fits one stage: standardised numeric features plus one dummy per categorical group, ridge-penalised. */
function fitStage(
  rows: readonly RawRow[],
  labels: readonly number[],
  features: NumericFeature[],
  effects: CategoricalEffect[],
  lambda: number,
  offset?: readonly number[],
): StageFit {
  const raw = rows.map((row) => features.map((f) => evaluate(f.expr, row)));
  const stats = features.map((_, j) => {
    const column = raw.map((r) => r[j]!);
    const mean = column.reduce((s, v) => s + v, 0) / column.length;
    const sd = Math.sqrt(column.reduce((s, v) => s + (v - mean) ** 2, 0) / column.length);
    return { mean, sd: sd > 0 ? sd : 1 };
  });
  const groups = effects.map(groupsOf);
  const design = rows.map((row, i) => [
    ...raw[i]!.map((v, j) => (v - stats[j]!.mean) / stats[j]!.sd),
    ...effects.flatMap((effect, c) => {
      const group = effect.groupOf(String(row[effect.input]));
      return groups[c]!.map((g) => (g === group ? 1 : 0));
    }),
  ]);
  const fit = fitLogistic(design, labels, { lambda, offset });
  if (!fit.converged) throw new Error(`logistic regression did not converge in ${fit.iterations} iterations`);
  const beta = fit.coefficients;
  let next = features.length + 1;
  const categorical = effects.map((effect, c) => {
    const byGroup = Object.fromEntries(groups[c]!.map((g, k) => [g, beta[next + k]!]));
    next += groups[c]!.length;
    return {
      name: effect.name,
      description: effect.description,
      input: effect.input,
      effectByLevel: Object.fromEntries(effect.levels.map((level) => [level, byGroup[effect.groupOf(level)]!])),
    };
  });
  const numeric = features.map((f, j) => ({ ...f, ...stats[j]!, weight: beta[j + 1]! }));
  for (const f of numeric) {
    if (f.expectedSign && Math.sign(f.weight) !== f.expectedSign) {
      throw new Error(`feature ${f.name} has weight ${f.weight}, against its expected sign ${f.expectedSign}`);
    }
  }
  return { intercept: beta[0]!, numeric, categorical, iterations: fit.iterations };
}

const linearPredictor = (stage: StageFit, row: RawRow) => championLogit({ ...stage, medians: {}, iterations: stage.iterations }, row);

/** Two-stage fit (see features.ts): borrower attributes first, then the grade on their logit. */
export function fitChampion(rows: readonly RawRow[], labels: readonly number[], lambda: number): ChampionModel {
  const medians = Object.fromEntries(IMPUTED_INPUTS.map((name) => [name, median(rows.map((r) => r[name] as number))]));
  const features = numericFeatures(medians);
  const inStage = <T extends { stage: Stage }>(items: T[], stage: Stage) => items.filter((x) => x.stage === stage);
  const borrower = fitStage(rows, labels, inStage(features, 'borrower'), inStage(CATEGORICAL_EFFECTS, 'borrower'), lambda);
  const offset = rows.map((row) => linearPredictor(borrower, row));
  const grade = fitStage(rows, labels, inStage(features, 'grade'), inStage(CATEGORICAL_EFFECTS, 'grade'), lambda, offset);
  return {
    intercept: borrower.intercept + grade.intercept,
    numeric: [...borrower.numeric, ...grade.numeric],
    categorical: [...borrower.categorical, ...grade.categorical],
    medians,
    iterations: borrower.iterations + grade.iterations,
  };
}

/** Training-time scoring: the model's logit for one loan, in double precision. */
export function championLogit(model: ChampionModel, row: RawRow): number {
  let z = model.intercept;
  for (const f of model.numeric) z += (f.weight * (evaluate(f.expr, row) - f.mean)) / f.sd;
  for (const c of model.categorical) {
    const level = String(row[c.input]);
    const effect = c.effectByLevel[level];
    if (effect === undefined) return Number.NaN;
    z += effect;
  }
  return z;
}

export const championPd = (model: ChampionModel, row: RawRow): number => sigmoid(championLogit(model, row));

/**
 * L2-penalised logistic regression fitted by iteratively reweighted least squares (Newton's
 * method). Deterministic: a fixed start (all zeros), a fixed iteration order, Cholesky solves.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

export interface LogisticFit {
  /** Coefficients; index 0 is the intercept (never penalised). */
  coefficients: number[];
  iterations: number;
  converged: boolean;
}

export interface LogisticOptions {
  /** Ridge penalty λ on the sum of log-likelihoods: maximise ℓ(β) − λ/2 · Σ_{j≥1} β_j². */
  lambda: number;
  /** A fixed per-row addition to the linear predictor (a coefficient-free term). */
  offset?: readonly number[];
  maxIterations?: number;
  tolerance?: number;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** `rows` are design rows without the intercept column; `y` is 1 for a default. */
export function fitLogistic(rows: readonly (readonly number[])[], y: readonly number[], options: LogisticOptions): LogisticFit {
  const n = rows.length;
  const p = (rows[0]?.length ?? 0) + 1;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  let beta = new Array<number>(p).fill(0);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const hessian = Matrix.zeros(p, p);
    const gradient = new Array<number>(p).fill(0);
    const x = new Array<number>(p);
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      x[0] = 1;
      for (let j = 1; j < p; j++) x[j] = row[j - 1]!;
      let z = options.offset?.[i] ?? 0;
      for (let j = 0; j < p; j++) z += beta[j]! * x[j]!;
      const mu = sigmoid(z);
      const w = mu * (1 - mu);
      const r = y[i]! - mu;
      for (let j = 0; j < p; j++) {
        gradient[j]! += x[j]! * r;
        const wxj = w * x[j]!;
        for (let k = 0; k <= j; k++) hessian.set(j, k, hessian.get(j, k) + wxj * x[k]!);
      }
    }
    for (let j = 0; j < p; j++) {
      for (let k = j + 1; k < p; k++) hessian.set(j, k, hessian.get(k, j));
      if (j > 0) {
        hessian.set(j, j, hessian.get(j, j) + options.lambda);
        gradient[j]! -= options.lambda * beta[j]!;
      }
    }
    const step = new CholeskyDecomposition(hessian).solve(Matrix.columnVector(gradient)).to1DArray();
    beta = beta.map((b, j) => b + step[j]!);
    if (Math.max(...step.map(Math.abs)) < tolerance) return { coefficients: beta, iterations: iteration, converged: true };
  }
  return { coefficients: beta, iterations: maxIterations, converged: false };
}

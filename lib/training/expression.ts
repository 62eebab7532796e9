/**
 * A tiny expression language for model preprocessing. One definition is evaluated two ways:
 * in double precision at training time (`evaluate`) and as ONNX nodes (`onnx-graph.ts`), so the
 * exported graph cannot drift from what the model was fitted on.
 */
export type Expr =
  | { op: 'input'; name: string }
  | { op: 'const'; value: number }
  | { op: 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'max' | 'min'; a: Expr; b: Expr }
  | { op: 'log'; a: Expr }
  | { op: 'clip'; a: Expr; lo: number; hi: number }
  /** Replaces a missing value (NaN) by a fixed value, typically the training median. */
  | { op: 'impute'; a: Expr; value: number }
  /** Maps a categorical (string) input to a number; an unknown category gives NaN. */
  | { op: 'lookup'; name: string; table: Record<string, number> };

export const input = (name: string): Expr => ({ op: 'input', name });
export const constant = (value: number): Expr => ({ op: 'const', value });
export const add = (a: Expr, b: Expr): Expr => ({ op: 'add', a, b });
export const sub = (a: Expr, b: Expr): Expr => ({ op: 'sub', a, b });
export const mul = (a: Expr, b: Expr): Expr => ({ op: 'mul', a, b });
export const div = (a: Expr, b: Expr): Expr => ({ op: 'div', a, b });
export const pow = (a: Expr, b: Expr): Expr => ({ op: 'pow', a, b });
export const max = (a: Expr, b: Expr): Expr => ({ op: 'max', a, b });
export const log = (a: Expr): Expr => ({ op: 'log', a });
export const clip = (a: Expr, lo: number, hi: number): Expr => ({ op: 'clip', a, lo, hi });
export const impute = (a: Expr, value: number): Expr => ({ op: 'impute', a, value });
export const lookup = (name: string, table: Record<string, number>): Expr => ({ op: 'lookup', name, table });

/** One loan's raw fields: numbers for numeric inputs, strings for categorical ones. */
export type RawRow = Readonly<Record<string, number | string>>;

export function evaluate(expr: Expr, row: RawRow): number {
  switch (expr.op) {
    case 'input': {
      const v = row[expr.name];
      if (typeof v !== 'number') throw new Error(`numeric input "${expr.name}" is missing or not a number`);
      return v;
    }
    case 'const':
      return expr.value;
    case 'add':
      return evaluate(expr.a, row) + evaluate(expr.b, row);
    case 'sub':
      return evaluate(expr.a, row) - evaluate(expr.b, row);
    case 'mul':
      return evaluate(expr.a, row) * evaluate(expr.b, row);
    case 'div':
      return evaluate(expr.a, row) / evaluate(expr.b, row);
    case 'pow':
      return Math.pow(evaluate(expr.a, row), evaluate(expr.b, row));
    case 'max':
      return Math.max(evaluate(expr.a, row), evaluate(expr.b, row));
    case 'min':
      return Math.min(evaluate(expr.a, row), evaluate(expr.b, row));
    case 'log':
      return Math.log(evaluate(expr.a, row));
    case 'clip':
      return Math.min(expr.hi, Math.max(expr.lo, evaluate(expr.a, row)));
    case 'impute': {
      const v = evaluate(expr.a, row);
      return Number.isNaN(v) ? expr.value : v;
    }
    case 'lookup': {
      const v = row[expr.name];
      if (typeof v !== 'string') throw new Error(`categorical input "${expr.name}" is missing or not a string`);
      return Object.prototype.hasOwnProperty.call(expr.table, v) ? expr.table[v]! : Number.NaN;
    }
  }
}

/** The raw inputs an expression reads, split by kind. */
export function inputsOf(expr: Expr, into = { numeric: new Set<string>(), categorical: new Set<string>() }) {
  switch (expr.op) {
    case 'input':
      into.numeric.add(expr.name);
      break;
    case 'lookup':
      into.categorical.add(expr.name);
      break;
    case 'const':
      break;
    case 'log':
    case 'clip':
    case 'impute':
      inputsOf(expr.a, into);
      break;
    default:
      inputsOf(expr.a, into);
      inputsOf(expr.b, into);
  }
  return into;
}

/** What a loan-tape column must hold. The model card's input schema is turned into these. */
export interface ColumnSpec {
  column: string;
  kind: 'number' | 'category';
  description: string;
  unit?: string;
  min?: number;
  max?: number;
  integer?: boolean;
  categories?: readonly string[];
  /** A blank cell is allowed and kept as missing (NaN) because the model imputes it; otherwise it is an error. */
  allowMissing?: boolean;
  /** A column the engine can do without (e.g. the observed outcome). */
  optional?: boolean;
  /** For an optional column: what the engine does when the tape has none, as the page says it. */
  withoutIt?: string;
  /** An optional column whose absence is the rule, not worth a note (a model point's weight). */
  quietWhenAbsent?: boolean;
}

const formatNumber = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 4 });

/** "a number from 0 to 100 (percent)", "one of term_36, term_60": the "expected" part of an error. */
export function describeExpectation(spec: ColumnSpec): string {
  if (spec.kind === 'category') return spec.categories ? `one of ${spec.categories.join(', ')}` : 'a category (any non-empty text)';
  const what = spec.integer ? 'a whole number' : 'a number';
  const range =
    spec.min !== undefined && spec.max !== undefined
      ? ` from ${formatNumber(spec.min)} to ${formatNumber(spec.max)}`
      : spec.min !== undefined
        ? ` of at least ${formatNumber(spec.min)}`
        : spec.max !== undefined
          ? ` of at most ${formatNumber(spec.max)}`
          : '';
  return `${what}${range}${spec.unit ? ` (${spec.unit})` : ''}`;
}

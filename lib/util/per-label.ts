/**
 * `f` of each value of a category column, worked out once per distinct value: a million loans carry
 * a few dozen labels. A plain loop: `Array.from` and typed arrays' `from` with a mapping function
 * cost several times as much per element on a million-loan tape.
 */
export function perLabel<T>(values: readonly string[], f: (label: string) => T): T[] {
  const known = new Map<string, T>();
  const out = new Array<T>(values.length);
  for (let i = 0; i < values.length; i++) {
    const label = values[i]!;
    let result = known.get(label);
    if (result === undefined && !known.has(label)) known.set(label, (result = f(label)));
    out[i] = result as T;
  }
  return out;
}

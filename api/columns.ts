/**
 * A tape's loans as the Open Inference Protocol's named columnar inputs: one input per column, numbers
 * as FP64, text as BYTES, blank cells as null. What a bank's system sends to `infer`; the tests and
 * the benchmark build their requests with it.
 */
import Papa from 'papaparse';

export function namedInputs(csv: string, loans = Infinity) {
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  const rows = parsed.data.slice(0, loans);
  return (parsed.meta.fields ?? []).map((name) => {
    const values = rows.map((r) => r[name] ?? '');
    const numeric = values.every((v) => v === '' || Number.isFinite(Number(v)));
    return {
      name,
      shape: [rows.length],
      datatype: numeric ? 'FP64' : 'BYTES',
      data: numeric ? values.map((v) => (v === '' ? null : Number(v))) : values,
    };
  });
}

/**
 * The scenario in a URL: only assumptions that differ from the baseline, keyed by their ids
 * (?income-shock=-30&lgd=60). A link that names an unknown id or a bad value still opens; the
 * offending parts are ignored and reported.
 */
import { ASSUMPTIONS, BASELINE_ASSUMPTIONS, type AssumptionId, type Assumptions } from './assumptions';
import { parseScenario } from './scenario-file';

export function scenarioToQuery(assumptions: Assumptions): string {
  const params = new URLSearchParams();
  for (const { id } of ASSUMPTIONS) {
    if (assumptions[id] !== BASELINE_ASSUMPTIONS[id]) params.set(id, String(assumptions[id]));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function scenarioFromQuery(search: string): { assumptions: Assumptions; ignored: string[] } {
  const values: Partial<Record<AssumptionId, number>> = {};
  const ignored: string[] = [];
  for (const [key, raw] of new URLSearchParams(search)) {
    const value = raw.trim() === '' ? Number.NaN : Number(raw);
    const single = parseScenario({ [key]: value });
    if (single.ok) values[key as AssumptionId] = value;
    else ignored.push(...single.errors);
  }
  return { assumptions: { ...BASELINE_ASSUMPTIONS, ...values }, ignored };
}

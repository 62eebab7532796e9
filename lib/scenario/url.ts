/**
 * The scenario in a URL: only assumptions that differ from the baseline, keyed by their ids
 * (?income-shock=-30&lgd=60). A link that names an unknown id or a bad value still opens; the
 * offending parts are ignored and reported, echoed as given but shortened.
 */
import { shorten } from '../util';
import {
  ASSUMPTION_IDS,
  ASSUMPTIONS,
  BASELINE_ASSUMPTIONS,
  assumptionById,
  isAssumptionId,
  type AssumptionId,
  type Assumptions,
} from './assumptions';

export function scenarioToQuery(assumptions: Assumptions): string {
  const params = new URLSearchParams();
  for (const { id } of ASSUMPTIONS) {
    if (assumptions[id] !== BASELINE_ASSUMPTIONS[id]) params.set(id, String(assumptions[id]));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Why one link parameter is ignored, echoing it as given (shortened), or undefined when it is good. */
function refusal(key: string, raw: string): string | undefined {
  if (!isAssumptionId(key)) return `"${shorten(key)}" is not a lever; expected one of ${ASSUMPTION_IDS.join(', ')}.`;
  const { min, max, unit } = assumptionById(key);
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  const expected = `expected ${min} to ${max} ${unit}`;
  if (!Number.isFinite(value)) return `${key}=${shorten(raw)} is not a number; ${expected}.`;
  if (value < min || value > max) return `${key}=${shorten(raw)} is out of range; ${expected}.`;
  return undefined;
}

export function scenarioFromQuery(search: string): { assumptions: Assumptions; ignored: string[] } {
  const values: Partial<Record<AssumptionId, number>> = {};
  const ignored: string[] = [];
  for (const [key, raw] of new URLSearchParams(search)) {
    const why = refusal(key, raw);
    if (why) ignored.push(why);
    else values[key as AssumptionId] = Number(raw);
  }
  return { assumptions: { ...BASELINE_ASSUMPTIONS, ...values }, ignored };
}

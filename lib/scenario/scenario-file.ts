/**
 * A scenario is a JSON object of assumption ids to values in the assumptions' units; anything not
 * given stays at its baseline. Unknown ids, non-numbers and out-of-range values are refused.
 */
import { shorten } from '../util';
import { ASSUMPTION_IDS, BASELINE_ASSUMPTIONS, assumptionById, isAssumptionId, type AssumptionId, type Assumptions } from './assumptions';

export type ScenarioResult = { ok: true; assumptions: Assumptions } | { ok: false; errors: string[] };

export function parseScenario(json: unknown): ScenarioResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, errors: ['A scenario must be a JSON object of assumption ids to numbers, e.g. {"income-shock": -30}.'] };
  }
  const errors: string[] = [];
  const values: Record<AssumptionId, number> = { ...BASELINE_ASSUMPTIONS };
  for (const [id, value] of Object.entries(json)) {
    if (!isAssumptionId(id)) {
      errors.push(`Unknown assumption "${shorten(id)}"; expected one of ${ASSUMPTION_IDS.join(', ')}.`);
      continue;
    }
    const def = assumptionById(id);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      errors.push(
        `Assumption "${id}" is ${shorten(JSON.stringify(value) ?? String(value))}; expected a number in ${def.unit} from ${def.min} to ${def.max}.`,
      );
    } else if (value < def.min || value > def.max) {
      errors.push(`Assumption "${id}" is ${value} ${def.symbol}, out of range; expected ${def.min} to ${def.max} ${def.unit}.`);
    } else values[id] = value;
  }
  return errors.length ? { ok: false, errors } : { ok: true, assumptions: values };
}

/** Builds the model card (manifest) from a fitted champion model and its evaluation. */
import type { Manifest, ModelInput } from '../model';
import type { ColumnSpec } from '../portfolio';
import type { ChampionModel } from './champion';
import type { RawRow } from './expression';
import { modelInputs, PD_OUTPUT } from './onnx-graph';

/** Inputs a scenario shifts that are kept inside the training range (reported when it happens). */
const CLAMPED_INPUTS = new Set(['annual_inc', 'revol_util', 'all_util']);

/**
 * Unemployment sensitivity: the systematic factor moves 0.35 standard deviations per percentage
 * point, so +5 pp (the 2007–09 US rise) roughly doubles a 5% PD. See docs/assumptions.md.
 */
export const UNEMPLOYMENT_FACTOR_SD_PER_PP = 0.35;

export const ASSUMPTION_CHANNELS: Manifest['assumptions'] = [
  { id: 'income-shock', channel: { kind: 'scale-inputs', inputs: ['annual_inc'] } },
  { id: 'rate-shock', channel: { kind: 'shift-inputs', inputs: ['int_rate'], inputUnitsPerStep: 0.01 } },
  { id: 'utilization-shift', channel: { kind: 'shift-inputs', inputs: ['revol_util', 'all_util'], inputUnitsPerStep: 1 } },
  {
    id: 'unemployment-change',
    channel: {
      kind: 'systematic-factor',
      factorSdPerPoint: UNEMPLOYMENT_FACTOR_SD_PER_PP,
      reference: 'Vasicek (2002) single-factor model with the Basel other-retail asset correlation; docs/assumptions.md',
    },
  },
  { id: 'lgd', channel: { kind: 'loss-given-default' } },
  { id: 'cutoff', channel: { kind: 'approval-cutoff' } },
];

export function inputSchema(model: ChampionModel, columns: readonly ColumnSpec[], trainRows: readonly RawRow[]): ModelInput[] {
  const { numeric, categorical } = modelInputs(model);
  return [...numeric, ...categorical].map((name) => {
    const spec = columns.find((c) => c.column === name);
    if (!spec) throw new Error(`model input ${name} has no loan-tape column spec`);
    const observed = trainRows.map((r) => r[name]).filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
    return {
      name,
      type: spec.kind === 'category' ? 'string' : 'float32',
      column: spec.column,
      description: spec.description,
      ...(spec.unit ? { unit: spec.unit } : {}),
      ...(spec.kind === 'number'
        ? {
            validRange: [spec.min ?? -Infinity, spec.max ?? Infinity] as [number, number],
            trainingRange: [Math.min(...observed), Math.max(...observed)] as [number, number],
            ...(spec.integer ? { integer: true } : {}),
          }
        : { categories: [...(spec.categories ?? [])] }),
      ...(model.medians[name] !== undefined ? { imputedWith: model.medians[name] } : {}),
      clampScenarioToTrainingRange: CLAMPED_INPUTS.has(name),
    };
  });
}

export const PD_OUTPUT_SPEC = {
  name: PD_OUTPUT,
  description: 'probability that the loan goes bad (charged off, defaulted or 21–120 days late), treated as a 12-month PD',
};

/**
 * Assumptions → model inputs. Scale and shift channels (declared in the model card) change the
 * inputs they name; where the card says so, a shifted value is kept inside the training range and
 * every clamped value is counted.
 */
import type { Manifest } from '../model';
import type { ModelInputs } from '../model';
import type { AssumptionId, Assumptions } from './assumptions';

export interface ClampReport {
  input: string;
  /** The levers whose shock pushed this input past its training range. */
  levers: AssumptionId[];
  loans: number;
  range: [number, number];
}

export interface ShockedInputs {
  inputs: ModelInputs;
  clamped: ClampReport[];
}

/** The assumption values that reach the model's inputs; equal keys mean equal inputs. */
export function inputChannelKey(manifest: Manifest, assumptions: Assumptions): string {
  return manifest.assumptions
    .filter((a) => a.channel.kind === 'scale-inputs' || a.channel.kind === 'shift-inputs')
    .map((a) => `${a.id}=${assumptions[a.id as AssumptionId] ?? 0}`)
    .join('&');
}

/** Channels that act on the PDs (through the model's inputs or after it); the others act in the metrics only. */
const PD_CHANNELS = new Set(['scale-inputs', 'shift-inputs', 'systematic-factor']);

/** The levers that decide the scenario PDs: while these stand still, the model and the PD stage are not re-run. */
export function pdLeverIds(manifest: Manifest): AssumptionId[] {
  return manifest.assumptions.filter((a) => PD_CHANNELS.has(a.channel.kind)).map((a) => a.id as AssumptionId);
}

export function shockInputs(manifest: Manifest, base: ModelInputs, assumptions: Assumptions): ShockedInputs {
  const shocked: Record<string, Float32Array> = {};
  const shockedBy: Record<string, AssumptionId[]> = {};
  const column = (name: string, by: AssumptionId) => {
    (shockedBy[name] ??= []).push(by);
    return (shocked[name] ??= Float32Array.from(base[name] as Float32Array));
  };
  for (const { id, channel } of manifest.assumptions) {
    const value = assumptions[id as AssumptionId] ?? 0;
    if (value === 0) continue;
    if (channel.kind === 'scale-inputs') {
      const factor = 1 + value / 100;
      for (const name of channel.inputs) {
        const values = column(name, id as AssumptionId);
        for (let i = 0; i < values.length; i++) values[i] = values[i]! * factor;
      }
    } else if (channel.kind === 'shift-inputs') {
      const shift = value * channel.inputUnitsPerStep;
      for (const name of channel.inputs) {
        const values = column(name, id as AssumptionId);
        for (let i = 0; i < values.length; i++) values[i] = values[i]! + shift;
      }
    }
  }
  const clamped: ClampReport[] = [];
  for (const [name, values] of Object.entries(shocked)) {
    const spec = manifest.inputs.find((i) => i.name === name);
    if (!spec?.clampScenarioToTrainingRange || !spec.trainingRange) continue;
    const [lo, hi] = spec.trainingRange;
    const original = base[name] as Float32Array;
    let loans = 0;
    for (let i = 0; i < values.length; i++) {
      if (Number.isNaN(values[i]!)) continue; // missing stays missing; the model imputes it
      // A shock never pushes a value past the training range; a value already outside stays where it was.
      const bounded = Math.min(Math.max(values[i]!, Math.min(lo, original[i]!)), Math.max(hi, original[i]!));
      if (bounded !== values[i]) {
        values[i] = bounded;
        loans++;
      }
    }
    if (loans > 0) clamped.push({ input: name, levers: shockedBy[name]!, loans, range: [lo, hi] });
  }
  return { inputs: { ...base, ...shocked }, clamped };
}

/** The systematic-factor shift (in standard deviations) the unemployment lever implies. */
export function factorShift(manifest: Manifest, assumptions: Assumptions): number {
  let shift = 0;
  for (const { id, channel } of manifest.assumptions) {
    if (channel.kind === 'systematic-factor') shift += (assumptions[id as AssumptionId] ?? 0) * channel.factorSdPerPoint;
  }
  return shift;
}

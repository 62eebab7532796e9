import type { LoanTape } from '../portfolio';
import type { Manifest } from './manifest';

/** The model's feeds by input name: float32 for numeric inputs (NaN = missing), strings for categorical. */
export type ModelInputs = Readonly<Record<string, Float32Array | readonly string[]>>;

export function modelInputsFromTape(manifest: Manifest, tape: LoanTape): ModelInputs {
  return Object.fromEntries(
    manifest.inputs.map((input) => {
      if (input.type === 'string') return [input.name, tape.categories[input.column]!];
      return [input.name, new Float32Array(tape.numbers[input.column]!)];
    }),
  );
}

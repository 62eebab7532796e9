/**
 * The model card's lever channels are part of what is verified: each lever that moves PDs must move
 * them the documented way on the card's own reference loans. A channel zeroed, pointed at the wrong
 * input or reversed would otherwise put wrong figures in front of the board under a green badge.
 */
import { ModelVerificationError, referenceInputs, type Manifest, type ModelInputs } from '../model';
import { ASSUMPTIONS, assumptionById, BASELINE_ASSUMPTIONS, isAssumptionId, type AssumptionId } from './assumptions';
import { factorShift, shockInputs } from './transform';
import { stressedPd } from './vasicek';

/** A lever must move the reference loans' mean PD by at least this share of it at its adverse extreme. */
export const LEVER_MIN_EFFECT = 1e-3;

export interface LeverCheck {
  lever: AssumptionId;
  value: number;
  baselineMeanPd: number;
  stressedMeanPd: number;
}

const mean = (values: ArrayLike<number>) => Array.from(values).reduce((s, v) => s + v, 0) / values.length;

/** Checks every PD lever the card binds; throws a ModelVerificationError naming the first that fails. */
export async function checkLeverDirections(
  manifest: Manifest,
  scorePd: (inputs: ModelInputs) => Promise<Float32Array>,
): Promise<LeverCheck[]> {
  const base = referenceInputs(manifest);
  const baselinePd = await scorePd(base);
  const baselineMeanPd = mean(baselinePd);
  const checks: LeverCheck[] = [];
  // A lever the card leaves out would sit on the page doing nothing: as wrong as one bound the wrong way.
  const bound = new Set(manifest.assumptions.map((a) => a.id));
  const unbound = ASSUMPTIONS.filter((a) => 'adverse' in a && !bound.has(a.id));
  if (unbound.length > 0) {
    throw new ModelVerificationError(
      `The model card binds no channel for ${unbound.map((a) => `"${a.id}"`).join(', ')}; every lever on the page must act on the model or be declared as not reaching it.`,
    );
  }
  for (const { id, channel } of manifest.assumptions) {
    if (!isAssumptionId(id)) continue;
    const lever = assumptionById(id);
    if (!lever.adverse || channel.kind === 'none') continue;
    const value = lever.adverse === 'lowered' ? lever.min : lever.max;
    const assumptions = { ...BASELINE_ASSUMPTIONS, [id]: value };
    let stressed: ArrayLike<number>;
    if (channel.kind === 'systematic-factor') {
      const shift = factorShift(manifest, assumptions);
      stressed = Array.from(baselinePd, (p) => stressedPd(p, shift));
    } else {
      stressed = await scorePd(shockInputs(manifest, base, assumptions).inputs);
    }
    const stressedMeanPd = mean(stressed);
    checks.push({ lever: id, value, baselineMeanPd, stressedMeanPd });
    if (!(stressedMeanPd > baselineMeanPd * (1 + LEVER_MIN_EFFECT))) {
      const moved = stressedMeanPd < baselineMeanPd ? 'falls' : 'barely moves';
      throw new ModelVerificationError(
        `The model card's "${id}" channel does not act as documented: at ${value} ${lever.symbol} the mean PD of its ` +
          `${manifest.referenceRows.length} reference loans ${moved} (${baselineMeanPd.toFixed(6)} → ${stressedMeanPd.toFixed(6)}); ` +
          `a ${lever.adverse === 'lowered' ? 'lower' : 'higher'} ${lever.label.toLowerCase()} must raise PD.`,
      );
    }
  }
  return checks;
}

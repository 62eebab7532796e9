import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest, PdModel } from '../model';
import { bundledManifest, openBundled } from '../testing';
import { checkLeverDirections } from './lever-check';

let model: PdModel;
beforeAll(async () => {
  model = (await openBundled()).model;
});

/** The bundled card with one lever's channel replaced. */
function withChannel(id: string, channel: Manifest['assumptions'][number]['channel']): Manifest {
  const card = bundledManifest();
  return { ...card, assumptions: card.assumptions.map((a) => (a.id === id ? { ...a, channel } : a)) };
}

describe('lever channels are verified on the reference loans', () => {
  it('the bundled card: every PD lever raises PD at its adverse extreme', async () => {
    const checks = await checkLeverDirections(bundledManifest(), model.scorePd);
    expect(checks.map((c) => `${c.lever}=${c.value}`)).toEqual([
      'income-shock=-50',
      'rate-shock=600',
      'utilization-shift=50',
      'unemployment-change=10',
    ]);
    for (const c of checks) expect(c.stressedMeanPd, c.lever).toBeGreaterThan(c.baselineMeanPd * 1.001);
  });

  it.each([
    ['zeroed', 'rate-shock', { kind: 'shift-inputs', inputs: ['int_rate'], inputUnitsPerStep: 0 }, /"rate-shock" channel .* barely moves/],
    ['reversed', 'rate-shock', { kind: 'shift-inputs', inputs: ['int_rate'], inputUnitsPerStep: -0.01 }, /"rate-shock" channel .* falls/],
    ['bound to no input', 'income-shock', { kind: 'scale-inputs', inputs: [] }, /"income-shock" channel .* barely moves/],
    ['with a reversed factor', 'unemployment-change', { kind: 'systematic-factor', factorSdPerPoint: -0.35, reference: 'x' }, /falls/],
  ] as const)('a card whose channel is %s is refused', async (_how, id, channel, message) => {
    const check = checkLeverDirections(withChannel(id, channel as Manifest['assumptions'][number]['channel']), model.scorePd);
    await expect(check).rejects.toThrow(message);
    await expect(check).rejects.toMatchObject({ name: 'ModelVerificationError' });
  });

  it('a card that leaves a lever out is refused: the slider would do nothing', async () => {
    const card = bundledManifest();
    const missing = { ...card, assumptions: card.assumptions.filter((a) => a.id !== 'rate-shock') };
    await expect(checkLeverDirections(missing, model.scorePd)).rejects.toThrow(
      'The model card binds no channel for "rate-shock"; every lever on the page must act on the model or be declared as not reaching it.',
    );
  });

  it('says what it saw and what it expected', async () => {
    const card = withChannel('rate-shock', { kind: 'shift-inputs', inputs: ['int_rate'], inputUnitsPerStep: -0.01 });
    await expect(checkLeverDirections(card, model.scorePd)).rejects.toThrow(
      /^The model card's "rate-shock" channel does not act as documented: at 600 bp the mean PD of its 12 reference loans falls \(0\.\d{6} → 0\.\d{6}\); a higher interest-rate shock must raise PD\.$/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { populationStability, trainingDistribution } from './stability';

describe('population stability index', () => {
  it('matches a hand-worked value: training 50/50, tape 70/30 gives 0.2·ln(1.4) + 0.2·ln(5/3) = 0.16946 (moderate)', () => {
    const expected = { kind: 'categorical' as const, shares: { A: 0.5, B: 0.5 } };
    const tape = [...new Array<string>(70).fill('A'), ...new Array<string>(30).fill('B')];
    const result = populationStability('grade', expected, tape);
    expect(result.psi).toBeCloseTo(0.2 * Math.log(1.4) + 0.2 * Math.log(5 / 3), 12);
    expect(result.psi).toBeCloseTo(0.16946, 5);
    expect(result.reading).toBe('moderate shift');
  });

  it('is 0 on the training data itself, and large for a category the training never had', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    expect(populationStability('x', trainingDistribution(values), values).psi).toBe(0);
    const shifted = populationStability(
      'x',
      trainingDistribution(values),
      values.map((v) => v + 500),
    );
    expect(shifted.reading).toBe('significant shift');
    const unseen = populationStability('state', { kind: 'categorical', shares: { CA: 1 } }, ['CA', 'CA', 'CA', 'ZZ']);
    expect(unseen.largest[0]).toEqual({ bin: 'ZZ (not in training)', expected: 0, actual: 0.25 });
    // 0.25 share against the 0.01% floor: (0.25 − 0.0001)·ln(2500) + (0.75 − 1)·ln(0.75).
    expect(unseen.psi).toBeCloseTo((0.25 - 1e-4) * Math.log(2500) + -0.25 * Math.log(0.75), 10);
  });

  it('bins at the training deciles, a value on an edge going to the bin above; blanks apart', () => {
    const training = trainingDistribution(Float64Array.from({ length: 100 }, (_, i) => i));
    expect(training).toMatchObject({ kind: 'numeric', edges: [10, 20, 30, 40, 50, 60, 70, 80, 90], missingShare: 0 });
    const result = populationStability('x', training, Float64Array.of(10, 10, Number.NaN, 95));
    // Tape shares: "10 to < 20" 0.5, "≥ 90" 0.25, blank 0.25, the other 8 bins 0 (read as the 0.0001 floor); training 0.1 each, no blanks.
    const floor = 1e-4;
    const psi =
      0.4 * Math.log(5) + 0.15 * Math.log(2.5) + 8 * (floor - 0.1) * Math.log(floor / 0.1) + (0.25 - floor) * Math.log(0.25 / floor);
    expect(result.psi).toBeCloseTo(psi, 10);
    expect(result.largest.map((b) => b.bin)).toContain('blank');
  });
});

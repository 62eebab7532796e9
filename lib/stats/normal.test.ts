import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from './normal';

describe('standard normal', () => {
  it('matches the printed tables', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 7);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalQuantile(0.999)).toBeCloseTo(3.0902323, 7);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536, 7);
  });

  it('gives Φ to 15 digits far into either tail', () => {
    // Exact values: mpmath's ncdf at 30 digits, rounded to doubles.
    const exact: [number, number][] = [
      [-1, 0.15865525393145705],
      [-5, 2.866515718791939e-7],
      [-10, 7.619853024160525e-24],
      [-20, 2.7536241186062337e-89],
    ];
    for (const [x, p] of exact) expect(Math.abs(normalCdf(x) / p - 1), `Φ(${x})`).toBeLessThan(2e-15);
    expect(Math.abs(normalCdf(1.96) - 0.9750021048517796)).toBeLessThan(2e-16);
    for (let x = 0; x <= 8.5; x += 0.01) expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1), `symmetric at ${x}`).toBeLessThan(3e-16);
  });

  it('Φ is monotone across the splits of its rational pieces, and 0 or 1 beyond a double', () => {
    for (const edge of [-5.656854248, -0.66291, 0.66291, 5.656854248]) {
      expect(normalCdf(edge - 1e-12)).toBeLessThanOrEqual(normalCdf(edge));
      expect(normalCdf(edge)).toBeLessThanOrEqual(normalCdf(edge + 1e-12));
    }
    expect([normalCdf(-50), normalCdf(50), normalCdf(Number.NEGATIVE_INFINITY), normalCdf(Number.POSITIVE_INFINITY)]).toEqual([0, 1, 0, 1]);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });

  it('gives the quantiles to 15 digits (R 4, qnorm)', () => {
    const published: [number, number][] = [
      [0.5, 0],
      [0.975, 1.959963984540054],
      [0.05, -1.644853626951472],
      [0.001, -3.090232306167813],
      [0.999, 3.090232306167813],
      [0.3, -0.5244005127080407],
      [1e-10, -6.361340902404056],
    ];
    for (const [p, z] of published) expect(normalQuantile(p)).toBeCloseTo(z, 14);
  });

  it('inverts the CDF to the last digits of p, far into the tails where a PD lives', () => {
    for (let e = -300; e <= -0.31; e += 0.37) {
      const p = 10 ** e;
      const z = normalQuantile(p);
      // Φ's slope magnifies z's rounding by about z² in p's relative error. (@stdlib's quantile, erfinv(2p − 1),
      // is off by 2e-2 at p = 1e-15 and gives −∞ below 1e-16.)
      const allowed = 1e-15 * Math.max(1, z * z);
      expect(Math.abs(normalCdf(z) / p - 1), `p = ${p}`).toBeLessThan(allowed);
      // 1 − p keeps p only to about 1e-16 absolute: symmetric to that.
      if (p > 1e-12) expect(normalQuantile(1 - p) + normalQuantile(p), `symmetric at p = ${p}`).toBeCloseTo(0, 3);
    }
  });

  it('is monotone across the splits of its rational pieces', () => {
    // The central piece ends at |p − ½| = 0.425, the near tail at √(−ln p) = 5.
    for (const edge of [0.075, 0.925, Math.exp(-25)]) {
      const below = normalQuantile(edge * (1 - 1e-12));
      const at = normalQuantile(edge);
      const above = normalQuantile(edge * (1 + 1e-12));
      expect(below).toBeLessThan(at);
      expect(at).toBeLessThan(above);
    }
  });

  it('is infinite at 0 and 1 and refuses what is not a probability', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    for (const bad of [Number.NaN, -0.1, 1.5]) expect(normalQuantile(bad)).toBeNaN();
  });
});

import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from './normal';

describe('standard normal', () => {
  it('matches the printed tables', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 7);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalQuantile(0.999)).toBeCloseTo(3.0902323, 7);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536, 7);
  });
});

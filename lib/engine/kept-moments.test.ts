import { describe, expect, it } from 'vitest';
import { MOMENTS_STRIDE } from '../metrics';
import { KEPT_LOANS, keepMoments, keptMoments, newMomentsKey } from './kept-moments';

/** Moments of `count` loans whose every number says which loan it is of. */
const piece = (at: number, count: number) =>
  Float64Array.from({ length: count * MOMENTS_STRIDE }, (_, i) => at + Math.floor(i / MOMENTS_STRIDE));

describe('the moments a thread keeps', () => {
  it('gives a slice of its loans from inside a kept piece, and nothing for loans it does not hold whole', () => {
    const key = newMomentsKey();
    keepMoments(key, 1_000, piece(1_000, 500));
    expect(Array.from(keptMoments(key, 1_200, 3)!)).toEqual([1_200, 1_201, 1_202].flatMap((loan) => Array(MOMENTS_STRIDE).fill(loan)));
    expect(keptMoments(key, 1_400, 200)).toBeUndefined(); // runs past the piece
    expect(keptMoments(key, 900, 10)).toBeUndefined();
    expect(keptMoments(newMomentsKey(), 1_200, 3)).toBeUndefined(); // another baseline's
  });

  it('keeps a loan once: a piece cut another way replaces the pieces it overlaps', () => {
    const key = newMomentsKey();
    keepMoments(key, 0, piece(0, 100));
    keepMoments(key, 100, piece(100, 100));
    keepMoments(key, 50, piece(50, 100).fill(-1));
    expect(keptMoments(key, 0, 10)).toBeUndefined();
    expect(keptMoments(key, 150, 10)).toBeUndefined();
    expect(keptMoments(key, 60, 10)![0]).toBe(-1);
  });

  it('holds at most its budget of loans, letting the baseline used longest ago go first', () => {
    const [a, b, c] = [newMomentsKey(), newMomentsKey(), newMomentsKey()];
    const third = Math.floor(KEPT_LOANS / 3);
    keepMoments(a, 0, piece(0, third));
    keepMoments(b, 0, piece(0, third));
    expect(keptMoments(a, 0, 1)).toBeDefined(); // a is now the latest used
    keepMoments(c, 0, piece(0, third + 10));
    expect(keptMoments(b, 0, 1)).toBeUndefined();
    expect(keptMoments(a, 0, 1)).toBeDefined();
    expect(keptMoments(c, 0, 1)).toBeDefined();
  });
});

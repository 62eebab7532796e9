/**
 * The schedule moments of a baseline's loans (lib/metrics/schedule-moments.ts), kept by the thread
 * that made them: a few hundred bytes a loan, so they stay where they were made instead of travelling
 * with every job. Each thread keeps those of the loans it computed, by the book position of each job's
 * first loan; a job whose loans it does not hold (another cut of the book) makes them again. A loan's
 * moments depend on that loan alone: the figures are the same wherever they were made.
 */
import { MOMENTS_STRIDE } from '../metrics';

/** A scenario job's use of its baseline's moments: read where kept, else made from the baseline's intensities and kept. */
export interface MomentsUse {
  key: string;
}

/**
 * Loans whose moments a thread keeps, over every baseline (some 100 MB): a book at the cap with its
 * new business, or several small engines (a big book's preview sample, a drilled-down segment) beside
 * a big one. The baselines used longest ago go first.
 */
export const KEPT_LOANS = 300_000;

interface Piece {
  at: number;
  moments: Float64Array;
}

const kept = new Map<string, Piece[]>();

const loansIn = (piece: Piece) => piece.moments.length / MOMENTS_STRIDE;

export function keepMoments(key: string, at: number, moments: Float64Array): void {
  const count = moments.length / MOMENTS_STRIDE;
  // A piece the new one overlaps (the same loans cut another way) goes: a loan is kept once.
  const pieces = (kept.get(key) ?? []).filter((p) => p.at + loansIn(p) <= at || at + count <= p.at);
  pieces.push({ at, moments });
  kept.delete(key);
  kept.set(key, pieces);
  let total = [...kept.values()].flat().reduce((sum, p) => sum + loansIn(p), 0);
  for (const [oldest, its] of kept) {
    if (total <= KEPT_LOANS || oldest === key) break;
    total -= its.reduce((sum, p) => sum + loansIn(p), 0);
    kept.delete(oldest);
  }
}

/** The moments of loans [at, at + count) of baseline `key`, when this thread holds them in one piece. */
export function keptMoments(key: string, at: number, count: number): Float64Array | undefined {
  const pieces = kept.get(key);
  if (!pieces) return undefined;
  // The most recently used baseline is the last to go.
  kept.delete(key);
  kept.set(key, pieces);
  const piece = pieces.find((p) => p.at <= at && at + count <= p.at + loansIn(p));
  return piece?.moments.subarray((at - piece.at) * MOMENTS_STRIDE, (at - piece.at + count) * MOMENTS_STRIDE);
}

let made = 0;
/** A key for a new baseline's moments: unique within this thread (its helpers hear from it alone). */
export const newMomentsKey = (): string => `moments-${++made}`;

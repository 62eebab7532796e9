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

/** Baselines whose moments a thread keeps: the book's and new business's, and one while the settings change. */
const BASELINES_KEPT = 3;

const kept = new Map<string, Map<number, Float64Array>>();

export function keepMoments(key: string, at: number, moments: Float64Array): void {
  let byStart = kept.get(key);
  if (!byStart) {
    if (kept.size >= BASELINES_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(key, (byStart = new Map()));
  }
  byStart.set(at, moments);
}

/** The moments of loans [at, at + count) of baseline `key`, when this thread holds them in one piece. */
export function keptMoments(key: string, at: number, count: number): Float64Array | undefined {
  const byStart = kept.get(key);
  if (!byStart) return undefined;
  // The most recently used baseline is the last to go.
  kept.delete(key);
  kept.set(key, byStart);
  for (const [start, moments] of byStart) {
    const end = start + moments.length / MOMENTS_STRIDE;
    if (start <= at && at + count <= end) return moments.subarray((at - start) * MOMENTS_STRIDE, (at - start + count) * MOMENTS_STRIDE);
  }
  return undefined;
}

let made = 0;
/** A key for a new baseline's moments: unique within this thread (its helpers hear from it alone). */
export const newMomentsKey = (): string => `moments-${++made}`;

/** Baseline and scenario figures of the same segment side by side, as every table, chart and export shows them. */
import type { SegmentKind } from './book';
import type { BookMetrics, SegmentedMetrics } from './portfolio-metrics';

export interface SegmentPair {
  label: string;
  baseline: BookMetrics;
  scenario: BookMetrics;
}

/** Both runs segment the same book, so the i-th segment of one is the i-th of the other. */
export function pairSegments(baseline: SegmentedMetrics, scenario: SegmentedMetrics, kind: SegmentKind): SegmentPair[] {
  return scenario.segments[kind].map((segment, i) => ({
    label: segment.label,
    baseline: baseline.segments[kind][i]!.metrics,
    scenario: segment.metrics,
  }));
}

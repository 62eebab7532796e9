import type { RefObject } from 'react';
import { Button } from './ui/button';

export type ChartFormat = 'png' | 'svg';

/** What the page does with a chart to save: the element holding it, its words, the format. */
export type SaveChart = (chart: HTMLElement, words: { title: string; subtitle: string }, format: ChartFormat) => void;

/** PNG and SVG buttons beside a chart's title: the chart is drawn into the file with its words. */
export function SaveChartButtons({
  chart,
  title,
  subtitle,
  testId,
  onSave,
}: {
  chart: RefObject<HTMLElement | null>;
  title: string;
  subtitle: string;
  testId: string;
  onSave: SaveChart;
}) {
  return (
    <div className="flex shrink-0 gap-1" role="group" aria-label={`Save ${title}`}>
      {(['png', 'svg'] as const).map((format) => (
        <Button
          key={format}
          className="text-xs"
          onClick={() => chart.current && onSave(chart.current, { title, subtitle }, format)}
          aria-label={`${format.toUpperCase()}: save ${title} as ${format === 'png' ? 'an image' : 'a vector drawing'}`}
          data-testid={`${testId}-${format}`}
        >
          {format.toUpperCase()}
        </Button>
      ))}
    </div>
  );
}

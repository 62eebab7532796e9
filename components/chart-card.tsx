import { useRef, type ReactNode } from 'react';
import { Button } from './ui/button';
import { Card } from './ui/card';

export type ChartFormat = 'png' | 'svg';

/** A chart with its title; where the page can save it, PNG and SVG buttons (the chart is drawn into the file with its words). */
export function ChartCard({
  title,
  subtitle,
  children,
  testId,
  onSave,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
  testId: string;
  onSave?: (card: HTMLElement, words: { title: string; subtitle: string }, format: ChartFormat) => void;
}) {
  const card = useRef<HTMLElement>(null);
  return (
    <Card className="p-4" data-testid={testId} ref={card}>
      <div className="flex items-start justify-between gap-2">
        <div>
          <h3 className="text-base font-semibold text-slate-800">{title}</h3>
          <p className="text-sm text-slate-500">{subtitle}</p>
        </div>
        {onSave && (
          <div className="flex shrink-0 gap-1" role="group" aria-label={`Save ${title}`}>
            {(['png', 'svg'] as const).map((format) => (
              <Button
                key={format}
                className="text-xs"
                onClick={() => card.current && onSave(card.current, { title, subtitle }, format)}
                aria-label={`${format.toUpperCase()}: save ${title} as ${format === 'png' ? 'an image' : 'a vector drawing'}`}
                data-testid={`${testId}-${format}`}
              >
                {format.toUpperCase()}
              </Button>
            ))}
          </div>
        )}
      </div>
      <div className="mt-3 h-60">{children}</div>
    </Card>
  );
}

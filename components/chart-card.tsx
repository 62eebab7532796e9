import { useRef, type ReactNode } from 'react';
import { SaveChartButtons, type SaveChart } from './save-chart';
import { Card } from './ui/card';

/** A chart with its title; where the page can save it, PNG and SVG buttons. */
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
  onSave?: SaveChart;
}) {
  const card = useRef<HTMLElement>(null);
  return (
    <Card className="p-4" data-testid={testId} ref={card}>
      <div className="flex items-start justify-between gap-2">
        <div>
          <h3 className="text-base font-semibold text-slate-800">{title}</h3>
          <p className="text-sm text-slate-500">{subtitle}</p>
        </div>
        {onSave && <SaveChartButtons chart={card} title={title} subtitle={subtitle} testId={testId} onSave={onSave} />}
      </div>
      <div className="mt-3 h-60">{children}</div>
    </Card>
  );
}

import { formatChange, formatFigure, formatRelativeChange, isNegligibleChange, type FigureKind } from './format';
import { Card } from './ui/card';

export interface KpiCardProps {
  name: string;
  label: string;
  kind: FigureKind;
  /** Which direction is good for the bank. */
  higherIs: 'good' | 'bad';
  baseline: number;
  scenario: number;
  hint: string;
}

const TONES = {
  neutral: { badge: 'text-neutral-fg bg-neutral-bg', edge: 'border-t-slate-200' },
  better: { badge: 'text-better-fg bg-better-bg', edge: 'border-t-better' },
  worse: { badge: 'text-worse-fg bg-worse-bg', edge: 'border-t-worse' },
} as const;

export function KpiCard({ name, label, kind, higherIs, baseline, scenario, hint }: KpiCardProps) {
  const change = scenario - baseline;
  const negligible = isNegligibleChange(baseline, scenario);
  const tone = TONES[negligible || Number.isNaN(change) ? 'neutral' : change > 0 === (higherIs === 'good') ? 'better' : 'worse'];
  const relative = formatRelativeChange(baseline, scenario);
  return (
    <Card className={`border-t-4 ${tone.edge} p-3 xl:p-4`} title={hint} aria-label={label}>
      <h3 className="truncate text-sm font-medium text-slate-600">{label}</h3>
      <p
        className="figure mt-1 text-2xl font-semibold tracking-tight text-slate-900 xl:text-3xl"
        data-testid={`kpi-${name}`}
        data-value={scenario}
      >
        {formatFigure(kind, scenario)}
      </p>
      <div className="figure mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs xl:text-sm">
        <span className={`whitespace-nowrap rounded-md px-1.5 py-0.5 font-medium ${tone.badge}`} data-testid={`kpi-${name}-change`}>
          {negligible ? 'unchanged' : relative ? `${formatChange(kind, change)} (${relative})` : formatChange(kind, change)}
        </span>
        <span className="text-slate-500">baseline {formatFigure(kind, baseline)}</span>
      </div>
    </Card>
  );
}

import { formatChange, formatFigure, formatRelativeChange, isNegligibleChange, type FigureKind } from './format';

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

export function KpiCard({ name, label, kind, higherIs, baseline, scenario, hint }: KpiCardProps) {
  const change = scenario - baseline;
  const negligible = isNegligibleChange(baseline, scenario);
  const good = negligible ? null : change > 0 === (higherIs === 'good');
  const tone = good === null ? 'text-slate-500 bg-slate-100' : good ? 'text-emerald-800 bg-emerald-50' : 'text-rose-800 bg-rose-50';
  const edge = good === null ? 'border-t-slate-200' : good ? 'border-t-emerald-500' : 'border-t-rose-500';
  return (
    <section
      className={`rounded-xl border border-slate-200 border-t-4 ${edge} bg-white p-3 shadow-sm xl:p-4`}
      title={hint}
      aria-label={label}
    >
      <h3 className="truncate text-sm font-medium text-slate-600">{label}</h3>
      <p
        className="figure mt-1 text-2xl font-semibold tracking-tight text-slate-900 xl:text-3xl"
        data-testid={`kpi-${name}`}
        data-value={scenario}
      >
        {formatFigure(kind, scenario)}
      </p>
      <div className="figure mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs xl:text-sm">
        <span className={`whitespace-nowrap rounded-md px-1.5 py-0.5 font-medium ${tone}`} data-testid={`kpi-${name}-change`}>
          {negligible ? 'unchanged' : `${formatChange(kind, change)} (${formatRelativeChange(baseline, scenario)})`}
        </span>
        <span className="text-slate-500">baseline {formatFigure(kind, baseline)}</span>
      </div>
    </section>
  );
}

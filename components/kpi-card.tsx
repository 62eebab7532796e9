'use client';

import { formatChange, formatFigure, formatRelativeChange, isNegligibleChange, type FigureKind } from './format';
import { Card } from './ui/card';
import { DefinitionText, DefinitionToggle, useDefinition } from './definition';

export interface KpiCardProps {
  name: string;
  label: string;
  kind: FigureKind;
  /** Which direction is good for the bank. */
  higherIs: 'good' | 'bad';
  baseline: number;
  scenario: number;
  hint: string;
  /** Where its formula is in the docs the page serves. */
  doc?: string;
}

/** A KPI's colours by what its change means for the bank: badge, and the card's edge. */
const KPI_TONES = {
  neutral: { badge: 'text-neutral-fg bg-neutral-bg', edge: 'border-t-slate-200', border: 'border-slate-200' },
  better: { badge: 'text-better-fg bg-better-bg', edge: 'border-t-better', border: 'border-better' },
  worse: { badge: 'text-worse-fg bg-worse-bg', edge: 'border-t-worse', border: 'border-worse' },
} as const;

/** The change a KPI shows beside its value, and whether it is good for the bank: the card and the presentation alike. */
export function kpiChange({ kind, higherIs, baseline, scenario }: Pick<KpiCardProps, 'kind' | 'higherIs' | 'baseline' | 'scenario'>) {
  const change = scenario - baseline;
  const negligible = isNegligibleChange(baseline, scenario);
  const tone: keyof typeof KPI_TONES =
    negligible || Number.isNaN(change) ? 'neutral' : change > 0 === (higherIs === 'good') ? 'better' : 'worse';
  const relative = formatRelativeChange(baseline, scenario);
  const text = negligible ? 'unchanged' : relative ? `${formatChange(kind, change)} (${relative})` : formatChange(kind, change);
  return { tone: KPI_TONES[tone], text };
}

export function KpiCard({ name, label, kind, higherIs, baseline, scenario, hint, doc }: KpiCardProps) {
  const { tone, text } = kpiChange({ kind, higherIs, baseline, scenario });
  const definition = useDefinition();
  return (
    <Card className={`border-t-4 ${tone.edge} p-3 xl:p-4`} aria-label={label}>
      <div className="flex items-start justify-between gap-1">
        <h3 className="text-sm font-medium leading-tight text-slate-600" title={hint}>
          {label}
        </h3>
        <DefinitionToggle term={label} open={definition.open} onToggle={definition.toggle} controls={definition.id} />
      </div>
      <p
        className="figure mt-1 text-2xl font-semibold tracking-tight text-slate-900 xl:text-3xl"
        data-testid={`kpi-${name}`}
        data-value={scenario}
      >
        {formatFigure(kind, scenario)}
      </p>
      <div className="figure mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs xl:text-sm">
        <span className={`whitespace-nowrap rounded-md px-1.5 py-0.5 font-medium ${tone.badge}`} data-testid={`kpi-${name}-change`}>
          {text}
        </span>
        <span className="text-slate-500">baseline {formatFigure(kind, baseline)}</span>
      </div>
      {definition.open && <DefinitionText id={definition.id} text={hint} {...(doc ? { href: doc } : {})} />}
    </Card>
  );
}

'use client';

import { memo, useRef } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_TICK, GRID_STROKE } from './chart-theme';
import { formatFigure, slugOf, type FigureKind } from './format';
import { kpiChange } from './kpi-card';
import { Button } from './ui/button';
import { SaveChartButtons, type SaveChart } from './save-chart';
import { Card } from './ui/card';

export interface CompareKpi {
  name: string;
  label: string;
  metric: string;
  kind: FigureKind;
  higherIs: 'good' | 'bad';
}

export interface CompareFamily {
  title: string;
  kind: FigureKind;
  kpis: readonly string[];
}

export interface CompareColumn {
  name: string;
  values: Readonly<Record<string, number>>;
}

export interface ComparePanelProps {
  /** Every scenario that can be compared, in the order offered. */
  choices: readonly string[];
  chosen: readonly string[];
  onChoose: (names: string[]) => void;
  max: number;
  kpis: readonly CompareKpi[];
  families: readonly CompareFamily[];
  columns?: readonly CompareColumn[];
  /** Σ weight × KPI over the set's scenarios, and the weights, in words. */
  weighted?: { values: Readonly<Record<string, number>>; weights: string };
  failed?: string;
  /** The answer on show is for other scenarios or levers than chosen: dimmed until the new one comes. */
  stale: boolean;
  /** On a big book: comparisons are worked out when asked. */
  onAsk?: () => void;
  /** A family's chart saved as PNG or SVG, with its words. */
  onSave?: SaveChart;
}

/** One colour per compared scenario, in order: the first (the reference) in the baseline's grey. */
const SERIES = ['var(--baseline)', 'var(--scenario)', '#d97706', '#0d9488'];

/** Two to four scenarios side by side: every KPI, its difference from the first, the weighted result, one chart per family. */
export const ComparePanel = memo(function ComparePanel(props: ComparePanelProps) {
  const { choices, chosen, onChoose, max, kpis, families, columns, weighted, failed, stale, onAsk, onSave } = props;
  const toggle = (name: string) =>
    onChoose(chosen.includes(name) ? chosen.filter((n) => n !== name) : chosen.length < max ? [...chosen, name] : [...chosen]);
  const ready = chosen.length >= 2;
  return (
    <Card className="p-4" data-testid="compare-panel" aria-labelledby="compare-title">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="compare-title" className="text-lg font-semibold text-slate-900">
          Compare scenarios
        </h2>
        <p className="text-sm text-slate-600">Choose 2 to {max}; the first is the reference the others are measured against.</p>
      </div>
      <fieldset className="mt-2 flex flex-wrap gap-1.5" aria-label="Scenarios to compare">
        {choices.map((name) => {
          const k = chosen.indexOf(name);
          return (
            <label
              key={name}
              className={`flex cursor-pointer items-center gap-1.5 rounded-full border px-2.5 py-1 text-sm text-slate-700 ${
                k >= 0 ? 'border-indigo-600 bg-indigo-50' : 'border-slate-300'
              }`}
            >
              <input
                type="checkbox"
                className="accent-indigo-600"
                checked={k >= 0}
                disabled={k < 0 && chosen.length >= max}
                onChange={() => toggle(name)}
                data-testid={`compare-choose-${slugOf(name)}`}
              />
              {k >= 0 && <span className="figure text-xs font-semibold text-slate-500">{k + 1}</span>}
              {name}
            </label>
          );
        })}
      </fieldset>
      {!ready && <p className="mt-3 text-sm text-slate-600">Choose at least two scenarios.</p>}
      {ready && onAsk && (stale || !columns) && (
        <Button className="mt-3" onClick={onAsk} data-testid="compare-ask">
          Compare these on the whole book
        </Button>
      )}
      {ready && failed && (
        <p className="mt-3 text-sm text-warning-fg" data-testid="compare-failed">
          Not compared: {failed}
        </p>
      )}
      {ready && columns && (
        <div className={stale ? 'opacity-60 transition-opacity' : ''} data-stale={stale} data-testid="compare-result">
          <CompareTable kpis={kpis} columns={columns} weighted={weighted} />
          <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
            {families.map((f) => (
              <FamilyChart key={f.title} family={f} kpis={kpis} columns={columns} {...(onSave ? { onSave } : {})} />
            ))}
          </div>
        </div>
      )}
    </Card>
  );
});

function CompareTable({ kpis, columns, weighted }: Pick<ComparePanelProps, 'kpis' | 'weighted'> & { columns: readonly CompareColumn[] }) {
  const [reference, ...others] = columns;
  return (
    <div className="mt-3 overflow-x-auto" tabIndex={0} aria-label="Scenarios compared, KPI by KPI">
      <table className="figure w-full min-w-[40rem] text-sm" data-testid="compare-table">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th scope="col" className="py-2 pr-3 font-medium">
              KPI
            </th>
            {columns.map((c) => (
              <th key={c.name} scope="col" className="px-3 py-2 text-right font-semibold text-slate-800">
                {c.name}
              </th>
            ))}
            {weighted && (
              <th scope="col" className="px-3 py-2 text-right font-medium" title={weighted.weights}>
                Probability-weighted
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {kpis.map((kpi) => (
            <tr key={kpi.name} className="border-b border-slate-100" data-testid={`compare-row-${kpi.name}`}>
              <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-700">
                {kpi.label}
              </th>
              <td className="px-3 py-2 text-right text-slate-900" data-value={reference!.values[kpi.metric]}>
                {formatFigure(kpi.kind, reference!.values[kpi.metric]!)}
              </td>
              {others.map((c) => {
                const value = c.values[kpi.metric]!;
                const change = kpiChange({
                  kind: kpi.kind,
                  higherIs: kpi.higherIs,
                  baseline: reference!.values[kpi.metric]!,
                  scenario: value,
                });
                return (
                  <td key={c.name} className="px-3 py-2 text-right text-slate-900" data-value={value}>
                    {formatFigure(kpi.kind, value)}
                    <span className={`ml-2 inline-block rounded px-1.5 py-0.5 text-xs font-medium ${change.tone.badge}`}>
                      {change.text}
                    </span>
                  </td>
                );
              })}
              {weighted && (
                <td className="px-3 py-2 text-right text-slate-700" data-value={weighted.values[kpi.metric]}>
                  {formatFigure(kpi.kind, weighted.values[kpi.metric]!)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {weighted && (
        <p className="mt-2 text-xs text-slate-600">Probability-weighted: Σ weight × KPI over the scenario set ({weighted.weights}).</p>
      )}
    </div>
  );
}

function FamilyChart({
  family,
  kpis,
  columns,
  onSave,
}: {
  family: CompareFamily;
  kpis: readonly CompareKpi[];
  columns: readonly CompareColumn[];
  onSave?: ComparePanelProps['onSave'];
}) {
  const shown = family.kpis.map((name) => kpis.find((k) => k.name === name)!).filter(Boolean);
  const data = shown.map((k) => ({ label: k.label, ...Object.fromEntries(columns.map((c) => [c.name, c.values[k.metric]])) }));
  const format = (v: number) => formatFigure(family.kind, v);
  const figure = useRef<HTMLElement>(null);
  const testId = `compare-chart-${slugOf(family.title)}`;
  const words = { title: family.title, subtitle: `Scenarios compared: ${columns.map((c) => c.name).join(', ')}` };
  return (
    <figure className="rounded-lg border border-slate-200 p-3" data-testid={testId} aria-label={family.title} ref={figure}>
      <div className="flex items-start justify-between gap-2">
        <figcaption className="text-sm font-semibold text-slate-800">{family.title}</figcaption>
        {onSave && <SaveChartButtons chart={figure} title={words.title} subtitle={words.subtitle} testId={testId} onSave={onSave} />}
      </div>
      <div className="mt-2 h-52" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid vertical={false} stroke={GRID_STROKE} />
            <XAxis dataKey="label" tick={AXIS_TICK} interval={0} />
            <YAxis tick={AXIS_TICK} width={64} tickFormatter={format} />
            <Tooltip formatter={(v) => format(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span className="text-slate-700">{value}</span>} />
            {columns.map((c, k) => (
              <Bar key={c.name} dataKey={c.name} fill={SERIES[k % SERIES.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

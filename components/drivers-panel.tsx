'use client';

import { memo, useRef, type ReactNode } from 'react';
import type { DrivenKpi, Drivers, KpiAttribution } from '@/lib/engine';
import type { AssumptionId } from '@/lib/scenario';
import { TornadoChart } from './charts/tornado-chart';
import { SaveChartButtons, type SaveChart } from './save-chart';
import { WaterfallChart, type WaterfallStep } from './charts/waterfall-chart';
import { formatAssumption, formatPercent, formatUsd, NOT_AVAILABLE } from './format';
import { Card } from './ui/card';

const KPI = {
  expectedLoss: { label: 'Expected loss', format: formatUsd, worseWhen: 'up' },
  irbCapital: { label: 'IRB capital', format: formatUsd, worseWhen: 'up' },
  returnOnCapital: { label: 'Return on capital', format: formatPercent, worseWhen: 'down' },
} as const satisfies Record<DrivenKpi, { label: string; format: (v: number) => string; worseWhen: 'up' | 'down' }>;

/** A lever as the panel names it. */
export interface LeverName {
  id: AssumptionId;
  label: string;
  symbol: string;
}
const signed = (format: (v: number) => string, v: number) =>
  Number.isNaN(v) ? NOT_AVAILABLE : `${v >= 0 ? '+' : '−'}${format(Math.abs(v))}`;

/** Axis names short enough to sit under a bar (ids are the scenario file's public contract). */
const SHORT: Partial<Record<AssumptionId, string>> = {
  'income-shock': 'Income',
  'rate-shock': 'Rates',
  'utilization-shift': 'Utilisation',
  'unemployment-change': 'Unemployment',
  lgd: 'LGD',
  cutoff: 'Cut-off',
};

/** "Expected loss +$308K: unemployment +$3.3M, LGD −$3.5M, income +$0.4M." The biggest three, by size. */
function sentence(a: KpiAttribution): string {
  const { label, format } = KPI[a.kpi];
  const total = a.scenario - a.baseline;
  const moving = a.contributions.filter((c) => c.contribution !== 0);
  if (moving.length === 0 || Number.isNaN(total)) return `${label}: unchanged by the levers.`;
  const biggest = [...moving].sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution)).slice(0, 3);
  const parts = biggest.map(
    (c) => `${(SHORT[c.lever] ?? c.lever).toLowerCase().replace(/^lgd$/, 'LGD')} ${signed(format, c.contribution)}`,
  );
  return `${label} ${signed(format, total)}: ${parts.join(', ')}${moving.length > 3 ? ', the rest less' : ''}.`;
}

function steps(a: KpiAttribution, lever: (id: AssumptionId) => LeverName): WaterfallStep[] {
  const better = (v: number) => (KPI[a.kpi].worseWhen === 'up' ? v < 0 : v > 0);
  return [
    { label: 'Baseline', kind: 'total', value: a.baseline },
    ...a.contributions.map((c) => ({
      label: SHORT[c.lever] ?? lever(c.lever).label,
      kind: 'step' as const,
      value: c.contribution,
      better: better(c.contribution),
    })),
    { label: 'Scenario', kind: 'total', value: a.scenario },
  ];
}

interface Props {
  levers: readonly LeverName[];
  drivers?: Drivers;
  failed?: string;
  /** The answer is for other levers than those on the sliders (a newer one is on its way, or to be asked for). */
  stale: boolean;
  /** Above this many loans the page asks only when the user does: each answer re-runs the model up to 8 times. */
  onAsk?: () => void;
  tornadoKpi: DrivenKpi;
  onTornadoKpi: (kpi: DrivenKpi) => void;
  /** A chart saved as PNG or SVG. */
  onSave?: SaveChart;
}

/**
 * What drove it: each lever's share of the change (Shapley), and each lever's swing over the scenario set.
 * Memoised: a slider move changes none of its props but `stale` (once), and that only dims the card:
 * its four charts (`DriversFigures`) do not re-render, not even on the first key press.
 */
export const DriversPanel = memo(function DriversPanel({ levers, drivers, failed, stale, onAsk, tornadoKpi, onTornadoKpi, onSave }: Props) {
  return (
    <Card className="stale-aware p-4" data-stale={stale} data-testid="drivers" aria-busy={stale}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-800">What drove it</h2>
        {onAsk && (
          <button
            type="button"
            className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50"
            onClick={onAsk}
            data-testid="drivers-ask"
          >
            Work out what drove these figures
          </button>
        )}
      </div>
      {failed && <p className="mt-1 text-sm text-error-fg">The drivers could not be worked out: {failed}</p>}
      {drivers && (
        <DriversFigures
          levers={levers}
          drivers={drivers}
          tornadoKpi={tornadoKpi}
          onTornadoKpi={onTornadoKpi}
          {...(onSave ? { onSave } : {})}
        />
      )}
    </Card>
  );
});

/** The sentences, the waterfalls and the tornado of one answer. */
const DriversFigures = memo(function DriversFigures({
  levers,
  drivers,
  tornadoKpi,
  onTornadoKpi,
  onSave,
}: Pick<Props, 'levers' | 'tornadoKpi' | 'onTornadoKpi' | 'onSave'> & { drivers: Drivers }) {
  const lever = (id: AssumptionId) => levers.find((l) => l.id === id) ?? { id, label: id, symbol: '' };
  return (
    <>
      <ul className="mt-1 space-y-0.5 text-sm text-slate-700" data-testid="drivers-sentences">
        {drivers.attributions.map((a) => (
          <li key={a.kpi} data-testid={`drivers-sentence-${a.kpi}`}>
            {sentence(a)}
          </li>
        ))}
      </ul>
      <div className="mt-3 grid grid-cols-1 gap-4 lg:grid-cols-3">
        {drivers.attributions.map((a) => (
          <SavableFigure
            key={a.kpi}
            testId={`attribution-${a.kpi}`}
            title={`${KPI[a.kpi].label}: baseline to scenario`}
            subtitle="Each lever’s Shapley share of the change"
            {...(onSave ? { onSave } : {})}
          >
            <div className="mt-1 h-48" aria-hidden>
              <WaterfallChart steps={steps(a, lever)} format={KPI[a.kpi].format} />
            </div>
            <table className="figure sr-only">
              <tbody>
                {a.contributions.map((c) => (
                  <tr key={c.lever} data-testid={`attribution-${a.kpi}-${c.lever}`} data-value={c.contribution}>
                    <th scope="row">{lever(c.lever).label}</th>
                    <td>{signed(KPI[a.kpi].format, c.contribution)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </SavableFigure>
        ))}
      </div>
      <p className="mt-2 text-xs text-slate-500">{drivers.method}</p>
      <div className="mt-4 flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-700">How far each lever swings it over the scenario set’s range</h3>
        <label className="text-sm text-slate-600">
          KPI{' '}
          <select
            className="rounded-md border border-slate-300 px-1 py-0.5"
            value={tornadoKpi}
            onChange={(e) => onTornadoKpi(e.target.value as DrivenKpi)}
            data-testid="tornado-kpi"
          >
            {(Object.keys(KPI) as DrivenKpi[]).map((k) => (
              <option key={k} value={k}>
                {KPI[k].label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="figure sr-only" data-testid="tornado-table">
        <tbody>
          {drivers.tornado.bars.map((b) => (
            <tr key={b.lever} data-testid={`tornado-${b.lever}`} data-low={b.low.kpi} data-high={b.high.kpi}>
              <th scope="row">{lever(b.lever).label}</th>
              <td>
                {KPI[drivers.tornado.kpi].format(b.low.kpi)} to {KPI[drivers.tornado.kpi].format(b.high.kpi)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {drivers.tornado.bars.some((b) => b.high.value === b.low.value) && (
        <p className="text-xs text-slate-500" data-testid="tornado-still">
          The scenario set does not move{' '}
          {drivers.tornado.bars
            .filter((b) => b.high.value === b.low.value)
            .map((b) => (SHORT[b.lever] ?? lever(b.lever).label).toLowerCase())
            .join(' or ')}
          : no swing to show.
        </p>
      )}
      <SavableFigure
        testId="tornado-chart"
        captionShown={false}
        title={`How far each lever swings ${KPI[drivers.tornado.kpi].label.toLowerCase()}`}
        subtitle="Each lever over the scenario set’s range, the others as in the scenario"
        {...(onSave ? { onSave } : {})}
      >
        <div className="mt-1 h-56" data-testid="tornado" aria-hidden>
          <TornadoChart
            current={drivers.tornado.current}
            format={KPI[drivers.tornado.kpi].format}
            data={drivers.tornado.bars
              .filter((b) => b.high.value !== b.low.value)
              .map((b) => {
                const d = lever(b.lever);
                return {
                  label: `${SHORT[b.lever] ?? d.label} ${formatAssumption(b.low.value, d.symbol, false)} to ${formatAssumption(b.high.value, d.symbol, false)}`,
                  low: b.low.kpi,
                  high: b.high.kpi,
                };
              })}
          />
        </div>
      </SavableFigure>
    </>
  );
});

/** A chart under its caption, with PNG and SVG buttons where the page can save it. */
function SavableFigure({
  testId,
  title,
  subtitle,
  onSave,
  captionShown = true,
  children,
}: {
  testId: string;
  title: string;
  subtitle: string;
  onSave?: SaveChart;
  /** False where a heading above already says it: the caption is then for screen readers and the saved file. */
  captionShown?: boolean;
  children: ReactNode;
}) {
  const figure = useRef<HTMLElement>(null);
  return (
    <figure data-testid={testId} ref={figure}>
      <div className={`flex items-start gap-2 ${captionShown ? 'justify-between' : 'justify-end'}`}>
        <figcaption className={captionShown ? 'text-sm font-medium text-slate-700' : 'sr-only'}>{title}</figcaption>
        {onSave && <SaveChartButtons chart={figure} title={title} subtitle={subtitle} testId={testId} onSave={onSave} />}
      </div>
      {children}
    </figure>
  );
}

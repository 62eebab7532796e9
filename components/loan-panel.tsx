'use client';

import { memo } from 'react';
import type { LoanLine, LoanView } from '@/lib/engine';
import { formatChange, formatInteger, formatPercent, formatUsd } from './format';
import { Card } from './ui/card';

/** A loan of the list: the engine's own description of it. */
export type LoanLineProps = LoanLine;

/** The loan chosen, with each lever named as the page names it. */
export type LoanDetail = Omit<LoanView, 'levers'> & { levers: { label: string; contribution: number }[] };

/** The loans with the largest ECL in the segment drilled into; one chosen shows what the model reads and how each lever moves it. */
export const LoanPanel = memo(function LoanPanel({
  where,
  largest,
  detail,
  chosen,
  onChoose,
  stale,
  failed,
}: {
  /** The book or segment the loans are from, in words. */
  where: string;
  largest?: readonly LoanLineProps[];
  detail?: LoanDetail;
  chosen?: number;
  onChoose: (loan: number | undefined) => void;
  stale: boolean;
  failed?: string;
}) {
  return (
    <Card className="p-4" data-testid="loan-panel" aria-labelledby="loan-title">
      <h2 id="loan-title" className="text-lg font-semibold text-slate-900">
        Single loans: {where}
      </h2>
      <p className="text-sm text-slate-600">The ten loans with the largest IFRS 9 ECL under the scenario; choose one to see it alone.</p>
      {failed && <p className="mt-2 text-sm text-warning-fg">Not worked out: {failed}</p>}
      <div className={`mt-3 grid grid-cols-1 gap-4 xl:grid-cols-2 ${stale ? 'opacity-60' : ''}`} data-stale={stale}>
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Largest loans">
          <table className="figure w-full text-sm [&_td]:whitespace-nowrap [&_td]:py-1 [&_td:not(:first-child)]:pl-3 [&_th:not(:first-child)]:pl-3">
            <thead className="text-left text-slate-500">
              <tr className="border-b border-slate-200">
                <th className="py-1.5 font-medium">Row</th>
                <th className="py-1.5 font-medium">Grade</th>
                <th className="py-1.5 text-right font-medium">Exposure</th>
                <th className="py-1.5 text-right font-medium">PD</th>
                <th className="py-1.5 text-right font-medium">IFRS 9 ECL</th>
              </tr>
            </thead>
            <tbody>
              {(largest ?? []).map((l) => (
                <tr key={l.loan} className={`border-b border-slate-100 ${chosen === l.loan ? 'bg-indigo-50' : ''}`}>
                  <td>
                    <button
                      type="button"
                      aria-pressed={chosen === l.loan}
                      onClick={() => onChoose(chosen === l.loan ? undefined : l.loan)}
                      className="rounded px-1 font-medium text-indigo-700 underline decoration-indigo-300 underline-offset-2 hover:bg-indigo-50"
                      data-testid={`loan-row-${l.tapeRow}`}
                    >
                      {formatInteger(l.tapeRow)}
                    </button>
                  </td>
                  <td>{l.grade}</td>
                  <td className="text-right">{formatUsd(l.exposure)}</td>
                  <td className="text-right">
                    {formatPercent(l.pdBaseline)} → {formatPercent(l.pdScenario)}
                  </td>
                  <td className="text-right">{formatUsd(l.ifrs9EclScenario)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {detail && chosen === detail.loan && <LoanCard detail={detail} />}
      </div>
    </Card>
  );
});

function LoanCard({ detail: d }: { detail: LoanDetail }) {
  const change = d.pdScenario - d.pdBaseline;
  const largest = Math.max(1e-12, ...d.levers.map((l) => Math.abs(l.contribution)));
  return (
    <section className="rounded-lg border border-slate-200 p-3" data-testid="loan-view" aria-label={`Loan in row ${d.tapeRow}`}>
      <h3 className="text-base font-semibold text-slate-800">
        Row {formatInteger(d.tapeRow)} · grade {d.grade}
      </h3>
      <dl className="figure mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-sm">
        <dt className="text-slate-600">12-month PD</dt>
        <dd data-testid="loan-pd" data-baseline={d.pdBaseline} data-scenario={d.pdScenario}>
          {formatPercent(d.pdBaseline)} → {formatPercent(d.pdScenario)} ({formatChange('percent', change)})
        </dd>
        <dt className="text-slate-600">Expected loss</dt>
        <dd>
          {formatUsd(d.expectedLoss.baseline)} → {formatUsd(d.expectedLoss.scenario)}
        </dd>
        <dt className="text-slate-600">IFRS 9 ECL</dt>
        <dd>
          {formatUsd(d.ifrs9Ecl.baseline)} → {formatUsd(d.ifrs9Ecl.scenario)} (stage {d.stage.baseline} → {d.stage.scenario})
        </dd>
      </dl>
      <h4 className="mt-3 text-sm font-semibold text-slate-700">How each lever moves its PD</h4>
      {d.levers.length === 0 ? (
        <p className="text-sm text-slate-600">No lever is moved: the PD is the baseline’s.</p>
      ) : (
        <ul className="mt-1 space-y-1 text-sm" data-testid="loan-levers">
          {d.levers.map((l) => (
            <li key={l.label} className="grid grid-cols-[11rem_1fr_5rem] items-center gap-2">
              <span className="truncate text-slate-700">{l.label}</span>
              <span className="h-2 rounded bg-slate-100" aria-hidden="true">
                <span
                  className={`block h-2 rounded ${l.contribution > 0 ? 'bg-worse' : 'bg-better'}`}
                  style={{ width: `${(100 * Math.abs(l.contribution)) / largest}%` }}
                />
              </span>
              <span className="figure text-right">{formatChange('percent', l.contribution)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-1 text-xs text-slate-600">Shapley shares: they add up to the PD’s change. LGD and the cut-off never move a PD.</p>
      <h4 className="mt-3 text-sm font-semibold text-slate-700">What the model reads</h4>
      <dl className="figure mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-xs">
        {d.facts.map((f) => (
          <div key={f.column + f.label} className="contents">
            <dt className="text-slate-600" title={f.column}>
              {f.label}
            </dt>
            <dd>{typeof f.value === 'number' ? (Number.isNaN(f.value) ? 'blank' : f.value.toLocaleString('en-US')) : f.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

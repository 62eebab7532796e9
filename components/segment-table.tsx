'use client';

import { useState } from 'react';
import { formatChange, formatPercent, formatUsd } from './format';

export interface SegmentRow {
  label: string;
  loans: number;
  exposure: number;
  baselinePd: number;
  scenarioPd: number;
  baselineLoss: number;
  scenarioLoss: number;
}

interface Props {
  segments: Record<'grade' | 'term' | 'state', SegmentRow[]>;
}

const TABS = [
  ['grade', 'Grade'],
  ['term', 'Term'],
  ['state', 'State'],
] as const;
const TERM_LABELS: Record<string, string> = { term_36: '36 months', term_60: '60 months' };

/** Metrics by segment, largest expected-loss increase first for states. */
export function SegmentTable({ segments }: Props) {
  const [tab, setTab] = useState<(typeof TABS)[number][0]>('grade');
  const rows =
    tab === 'state'
      ? [...segments.state].sort((a, b) => b.scenarioLoss - b.baselineLoss - (a.scenarioLoss - a.baselineLoss)).slice(0, 12)
      : segments[tab];
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="segment-table">
      <div className="flex items-center justify-between gap-4">
        <div>
          <h3 className="text-base font-semibold text-slate-800">By segment</h3>
          <p className="text-sm text-slate-500">
            {tab === 'state' ? 'The 12 states whose expected loss rises most' : 'Approved book, baseline → scenario'}
          </p>
        </div>
        <div role="tablist" className="flex rounded-lg bg-slate-100 p-0.5 text-sm">
          {TABS.map(([key, label]) => (
            <button
              key={key}
              type="button"
              role="tab"
              aria-selected={tab === key}
              onClick={() => setTab(key)}
              className={`rounded-md px-3 py-1 ${tab === key ? 'bg-white font-medium shadow-sm' : 'text-slate-600'}`}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      <table className="figure mt-3 w-full text-sm">
        <thead className="text-left text-slate-500">
          <tr className="border-b border-slate-200">
            <th className="py-1.5 font-medium">{TABS.find(([k]) => k === tab)![1]}</th>
            <th className="py-1.5 text-right font-medium">Loans</th>
            <th className="py-1.5 text-right font-medium">Exposure</th>
            <th className="py-1.5 text-right font-medium">Mean PD</th>
            <th className="py-1.5 text-right font-medium">Expected loss</th>
            <th className="py-1.5 text-right font-medium">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const change = r.scenarioLoss - r.baselineLoss;
            return (
              <tr key={r.label} className="border-b border-slate-100 last:border-0">
                <td className="py-1.5 font-medium text-slate-700">{TERM_LABELS[r.label] ?? r.label}</td>
                <td className="py-1.5 text-right">{r.loans.toLocaleString('en-US')}</td>
                <td className="py-1.5 text-right">{formatUsd(r.exposure)}</td>
                <td className="py-1.5 text-right">
                  {formatPercent(r.baselinePd)} → {formatPercent(r.scenarioPd)}
                </td>
                <td className="py-1.5 text-right">
                  {formatUsd(r.baselineLoss)} → {formatUsd(r.scenarioLoss)}
                </td>
                <td
                  className={`py-1.5 text-right font-medium ${change > 0.5 ? 'text-rose-700' : change < -0.5 ? 'text-emerald-700' : 'text-slate-500'}`}
                >
                  {Math.abs(change) < 0.5 ? '—' : formatChange('usd', change)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

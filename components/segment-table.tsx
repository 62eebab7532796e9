'use client';

import { useState } from 'react';
import type { SegmentKind } from '@/lib/metrics';
import { formatChange, formatInteger, formatPercent, formatUsd, isNegligibleChange } from './format';
import { Card } from './ui/card';

export interface SegmentRow {
  /** The segment as a reader names it: "A", "36 months", "CA". */
  label: string;
  loans: number;
  exposure: number;
  baselinePd: number;
  scenarioPd: number;
  /** IFRS 9 ECL, USD. */
  baselineLoss: number;
  scenarioLoss: number;
  returnOnCapital: number;
  /** The contract rate at which the return on capital meets the hurdle rate. */
  breakEvenRate: number;
}

interface Props {
  segments: Record<SegmentKind, SegmentRow[]>;
  /** A segment chosen: every figure is drilled into it (absent while drilled into one already). */
  onDrill?: (kind: SegmentKind, label: string) => void;
}

const KIND_LABELS: Record<SegmentKind, string> = { grade: 'Grade', term: 'Term', state: 'State' };
const KINDS = Object.keys(KIND_LABELS) as SegmentKind[];
/** States are many: the table shows those whose expected loss rises most. */
const STATES_SHOWN = 12;

function shownRows(segments: Props['segments'], kind: SegmentKind): SegmentRow[] {
  if (kind !== 'state') return segments[kind];
  const rise = (r: SegmentRow) => r.scenarioLoss - r.baselineLoss;
  return [...segments.state].sort((a, b) => rise(b) - rise(a)).slice(0, STATES_SHOWN);
}

/** Metrics by segment; a row of toggle buttons picks the cut (grade, term, state). */
export function SegmentTable({ segments, onDrill }: Props) {
  const [kind, setKind] = useState<SegmentKind>('grade');
  const rows = shownRows(segments, kind);
  return (
    <Card className="p-4" data-testid="segment-table">
      <div className="flex items-center justify-between gap-4">
        <div>
          <h3 className="text-base font-semibold text-slate-800">By segment</h3>
          <p className="text-sm text-slate-500">
            {kind === 'state' ? `The ${STATES_SHOWN} states whose IFRS 9 ECL rises most` : 'The existing book, baseline → scenario'}
            {onDrill && '; choose one to see every figure for its loans alone'}
          </p>
        </div>
        <div role="group" aria-label="Segment by" className="flex rounded-lg bg-slate-100 p-0.5 text-sm">
          {KINDS.map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={kind === k}
              onClick={() => setKind(k)}
              data-testid={`segment-kind-${k}`}
              className={`rounded-md px-3 py-1 ${kind === k ? 'bg-white font-medium shadow-sm' : 'text-slate-600'}`}
            >
              {KIND_LABELS[k]}
            </button>
          ))}
        </div>
      </div>
      {/* Scrolls sideways on a narrow screen: focusable, so the keyboard can scroll it too. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`Segment figures by ${KIND_LABELS[kind].toLowerCase()}`}>
        <table className="figure mt-3 w-full text-sm [&_td]:whitespace-nowrap [&_td:not(:first-child)]:pl-3 [&_th:not(:first-child)]:pl-3">
          <thead className="text-left text-slate-500">
            <tr className="border-b border-slate-200">
              <th className="py-1.5 font-medium">{KIND_LABELS[kind]}</th>
              <th className="py-1.5 text-right font-medium">Loans</th>
              <th className="py-1.5 text-right font-medium">Exposure</th>
              <th className="py-1.5 text-right font-medium">Mean PD</th>
              <th className="py-1.5 text-right font-medium">IFRS 9 ECL</th>
              <th className="py-1.5 text-right font-medium">Change</th>
              <th className="hidden py-1.5 text-right font-medium sm:table-cell">Return on capital</th>
              <th
                className="hidden py-1.5 text-right font-medium sm:table-cell"
                title="Contract rate at which the return on capital meets the hurdle rate"
              >
                Break-even rate
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <SegmentTableRow key={r.label} row={r} {...(onDrill ? { onDrill: () => onDrill(kind, r.label) } : {})} />
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function SegmentTableRow({ row: r, onDrill }: { row: SegmentRow; onDrill?: () => void }) {
  const change = r.scenarioLoss - r.baselineLoss;
  const negligible = isNegligibleChange(r.baselineLoss, r.scenarioLoss);
  const tone = negligible ? 'text-slate-500' : change > 0 ? 'text-worse-fg' : 'text-better-fg';
  return (
    <tr className="border-b border-slate-100 last:border-0">
      <td className="py-1.5 font-medium text-slate-700">
        {onDrill ? (
          <button
            type="button"
            onClick={onDrill}
            className="rounded px-1 text-left text-indigo-700 underline decoration-indigo-300 underline-offset-2 hover:bg-indigo-50"
            aria-label={`${r.label}: drill into its loans alone`}
            data-testid={`drill-${r.label}`}
          >
            {r.label}
          </button>
        ) : (
          r.label
        )}
      </td>
      <td className="py-1.5 text-right">{formatInteger(r.loans)}</td>
      <td className="py-1.5 text-right">{formatUsd(r.exposure)}</td>
      <td className="py-1.5 text-right">
        {formatPercent(r.baselinePd)} → {formatPercent(r.scenarioPd)}
      </td>
      <td className="py-1.5 text-right">
        {formatUsd(r.baselineLoss)} → {formatUsd(r.scenarioLoss)}
      </td>
      <td className={`py-1.5 text-right font-medium ${tone}`}>{negligible ? '—' : formatChange('usd', change)}</td>
      <td className="hidden py-1.5 text-right sm:table-cell">{formatPercent(r.returnOnCapital)}</td>
      <td className="hidden py-1.5 text-right sm:table-cell">{formatPercent(r.breakEvenRate)}</td>
    </tr>
  );
}

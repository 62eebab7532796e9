'use client';

import { memo, type ChangeEvent } from 'react';
import type { Comparison, ModelSide } from '@/lib/engine';
import { formatInteger, formatPercent, formatUsd } from './format';
import { Button } from './ui/button';
import { Card } from './ui/card';

const three = (v: number | undefined) => (v === undefined ? 'n/a' : v.toFixed(3));

const ROWS: { label: string; value: (s: ModelSide) => number | undefined; format: (v: number | undefined) => string }[] = [
  { label: 'AUC on this tape', value: (s) => s.auc, format: three },
  { label: 'Gini on this tape', value: (s) => s.gini, format: three },
  { label: 'KS on this tape', value: (s) => s.ks, format: three },
  { label: 'Book mean PD', value: (s) => s.meanPd, format: (v) => (v === undefined ? 'n/a' : formatPercent(v)) },
  { label: 'Book expected loss', value: (s) => s.expectedLoss, format: (v) => (v === undefined ? 'n/a' : formatUsd(v)) },
  { label: 'Book IFRS 9 ECL', value: (s) => s.ifrs9Ecl, format: (v) => (v === undefined ? 'n/a' : formatUsd(v)) },
  { label: 'IRB capital', value: (s) => s.capital, format: (v) => (v === undefined ? 'n/a' : formatUsd(v)) },
  {
    label: 'New business approved at the cut-off',
    value: (s) => s.newApprovalRate,
    format: (v) => (v === undefined ? 'n/a' : formatPercent(v)),
  },
  { label: 'New business expected loss', value: (s) => s.newExpectedLoss, format: (v) => (v === undefined ? 'n/a' : formatUsd(v)) },
];

/** Champion and challenger on the same tape and scenario: the figures side by side, where their PDs part, and the swap. */
export function ChallengerPanel({
  challengerName,
  comparison,
  onSwap,
  onRemove,
}: {
  challengerName: string;
  /** Absent until the first comparison arrives. */
  comparison?: Comparison;
  onSwap: () => void;
  onRemove: () => void;
}) {
  return (
    <Card className="p-4" data-testid="challenger">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-800">Champion and challenger: same tape, same scenario</h2>
        <div className="flex gap-2">
          <Button onClick={onSwap} data-testid="challenger-swap">
            Let {challengerName} drive the page
          </Button>
          <Button variant="quiet" onClick={onRemove} data-testid="challenger-remove">
            Remove the challenger
          </Button>
        </div>
      </div>
      {!comparison ? (
        <p className="mt-2 text-sm text-slate-500">Scoring {challengerName} on this tape…</p>
      ) : (
        <div className="mt-2 grid grid-cols-1 gap-4 lg:grid-cols-2">
          <table className="figure w-full self-start text-sm" data-testid="challenger-figures">
            <thead className="text-left text-xs text-slate-500">
              <tr className="border-b border-slate-200">
                <th className="w-2/5 py-0.5 font-medium" />
                <th className="break-all py-0.5 pl-2 text-right font-medium">{comparison.champion.name} (in use)</th>
                <th className="break-all py-0.5 pl-2 text-right font-medium">{comparison.challenger.name}</th>
              </tr>
            </thead>
            <tbody>
              {ROWS.map((r) => (
                <tr key={r.label} className="border-b border-slate-100 last:border-0">
                  <td className="py-0.5 text-slate-600">{r.label}</td>
                  <td className="py-0.5 text-right">{r.format(r.value(comparison.champion))}</td>
                  <td className="py-0.5 text-right">{r.format(r.value(comparison.challenger))}</td>
                </tr>
              ))}
              <tr>
                <td className="py-0.5 text-slate-600" colSpan={2}>
                  Applicants one model approves and the other declines
                </td>
                <td className="py-0.5 text-right" data-testid="challenger-switches">
                  {formatPercent(comparison.approvalSwitches)}
                </td>
              </tr>
            </tbody>
          </table>
          <div>
            <h3 className="text-sm font-semibold text-slate-700">Where they disagree most</h3>
            <table className="figure mt-1 w-full text-xs" data-testid="challenger-disagreements">
              <thead className="text-left text-slate-500">
                <tr className="border-b border-slate-200">
                  <th className="py-0.5 font-medium">Loan (tape row)</th>
                  <th className="py-0.5 text-right font-medium">PD in use</th>
                  <th className="py-0.5 text-right font-medium">Challenger PD</th>
                  <th className="py-0.5 text-right font-medium">Observed</th>
                </tr>
              </thead>
              <tbody>
                {comparison.disagreements.map((d) => (
                  <tr key={d.loan} className="border-b border-slate-100 last:border-0">
                    <td className="py-0.5">{formatInteger(d.loan)}</td>
                    <td className="py-0.5 text-right">{formatPercent(d.champion)}</td>
                    <td className="py-0.5 text-right">{formatPercent(d.challenger)}</td>
                    <td className="py-0.5 text-right">{d.bad === undefined ? 'n/a' : d.bad ? 'bad' : 'good'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3 className="mt-2 text-sm font-semibold text-slate-700">Loans by scenario PD</h3>
            <table className="figure mt-1 w-full text-xs" data-testid="challenger-pd-bands">
              <thead className="text-left text-slate-500">
                <tr className="border-b border-slate-200">
                  <th className="py-0.5 font-medium">Scenario PD</th>
                  <th className="py-0.5 text-right font-medium">Loans, in use</th>
                  <th className="py-0.5 text-right font-medium">Loans, challenger</th>
                </tr>
              </thead>
              <tbody>
                {comparison.champion.pdBands.map((b, k) => (
                  <tr key={b.label} className="border-b border-slate-100 last:border-0">
                    <td className="py-0.5">{b.label}</td>
                    <td className="py-0.5 text-right">{formatInteger(b.loans)}</td>
                    <td className="py-0.5 text-right">{formatInteger(comparison.challenger.pdBands[k]?.loans ?? 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </Card>
  );
}

/** The file input for a challenger model (with its card where it has one). Memoised: a slider step does not touch it. */
export const ChallengerPicker = memo(function ChallengerPicker({ onChoose }: { onChoose: (files: File[]) => void }) {
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    if (files.length) onChoose(files);
    e.target.value = '';
  };
  return (
    <label className="mt-2 block font-medium text-slate-700">
      Compare with a challenger model
      <input
        type="file"
        accept=".onnx,.json,application/json"
        multiple
        onChange={onChange}
        data-testid="challenger-file"
        className="mt-1 block w-full text-xs font-normal file:mr-2 file:rounded-md file:border-0 file:bg-slate-100 file:px-2 file:py-1 file:text-slate-700"
      />
    </label>
  );
});

'use client';

import { useState } from 'react';
import type { WeightedEcl } from '@/lib/engine';
import type { Assumptions } from '@/lib/scenario';
import { formatChange, formatPercent, formatUsd } from './format';
import { Button } from './ui/button';
import { Card } from './ui/card';

export interface ScenarioSetRow {
  id: string;
  name: string;
  narrative: string;
  /** Percent. */
  weight: number;
  central: boolean;
  /** "Unemployment +6 pp · Income −10%": the levers that differ from the baseline. */
  levers: string;
  assumptions: Assumptions;
}

interface Props {
  rows: ScenarioSetRow[];
  weighted: WeightedEcl;
  source: string;
  /** New weights (percent, in row order) once they sum to 100%. */
  onWeights: (weights: number[]) => void;
  /** Puts a scenario's levers on the sliders. */
  onExplore: (assumptions: Assumptions) => void;
}

const sumOf = (values: number[]) => values.reduce((s, v) => s + v, 0);

/**
 * The reported IFRS 9 ECL: each scenario with its weight, narrative and ECL, the weighted sum, and the gap
 * to the central scenario. Weights are edited here; a set whose weights do not sum to 100% is not used.
 */
export function WeightedEclTable({ rows, weighted, source, onWeights, onExplore }: Props) {
  const [draft, setDraft] = useState<string[] | null>(null);
  const shown = draft ?? rows.map((r) => String(r.weight));
  const numbers = shown.map(Number);
  const total = sumOf(numbers);
  const valid = numbers.every((w) => Number.isFinite(w) && w >= 0) && Math.abs(total - 100) < 1e-6;
  const edit = (k: number, value: string) => {
    const next = shown.map((w, j) => (j === k ? value : w));
    setDraft(next);
    const parsed = next.map(Number);
    if (parsed.every((w) => Number.isFinite(w) && w >= 0) && Math.abs(sumOf(parsed) - 100) < 1e-6) onWeights(parsed);
  };
  const byId = new Map(weighted.scenarios.map((s) => [s.id, s]));
  return (
    <Card className="p-4" data-testid="weighted-ecl">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h2 className="text-base font-semibold text-slate-800">Reported ECL: probability-weighted scenarios</h2>
          <p className="text-sm text-slate-500">IFRS 9 5.5.17(a): Σ weight × ECL of each scenario, on the existing book</p>
        </div>
        <p className="figure text-right">
          <span className="block text-2xl font-semibold text-slate-900" data-testid="weighted-ifrs9-ecl" data-value={weighted.ifrs9Ecl}>
            {formatUsd(weighted.ifrs9Ecl)}
          </span>
          <span className="text-xs text-slate-500">CECL {formatUsd(weighted.ceclEcl)}</span>
        </p>
      </div>
      <div className="overflow-x-auto">
        <table className="figure mt-3 w-full text-sm">
          <thead className="text-left text-slate-500">
            <tr className="border-b border-slate-200">
              <th className="py-1.5 font-medium">Scenario</th>
              <th className="py-1.5 text-right font-medium">Weight</th>
              <th className="whitespace-nowrap py-1.5 pl-3 text-right font-medium">IFRS 9 ECL</th>
              <th className="py-1.5 pl-3 text-right font-medium">CECL</th>
              <th className="hidden whitespace-nowrap py-1.5 pl-3 text-right font-medium md:table-cell">Stage 2</th>
              <th className="py-1.5" />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, k) => {
              const result = byId.get(r.id);
              return (
                <tr key={r.id} className="border-b border-slate-100 align-top last:border-0" data-testid={`scenario-${r.id}`}>
                  <td className="py-1.5 pr-3">
                    <span className="font-medium text-slate-800">
                      {r.name}
                      {r.central && <span className="ml-1 text-xs font-normal text-slate-500">(central)</span>}
                    </span>
                    <span className="block text-xs text-slate-500">{r.narrative}</span>
                    <span className="block text-xs text-slate-500">{r.levers}</span>
                  </td>
                  <td className="py-1.5 text-right">
                    <label className="inline-flex items-center gap-1">
                      <span className="sr-only">Weight of {r.name}, percent</span>
                      <input
                        type="number"
                        min={0}
                        max={100}
                        step={5}
                        value={shown[k]}
                        onChange={(e) => edit(k, e.target.value)}
                        className="w-16 rounded border border-slate-300 px-1.5 py-0.5 text-right"
                        data-testid={`weight-${r.id}`}
                      />
                      %
                    </label>
                  </td>
                  <td className="whitespace-nowrap py-1.5 pl-3 text-right">{result ? formatUsd(result.ifrs9Ecl) : '…'}</td>
                  <td className="whitespace-nowrap py-1.5 pl-3 text-right">{result ? formatUsd(result.ceclEcl) : '…'}</td>
                  <td className="hidden whitespace-nowrap py-1.5 pl-3 text-right md:table-cell">
                    {result ? formatPercent(result.stage2Share) : '…'}
                  </td>
                  <td className="py-1.5 pl-2 text-right">
                    <Button variant="quiet" onClick={() => onExplore(r.assumptions)} data-testid={`explore-${r.id}`}>
                      Explore
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {!valid && (
        <p className="mt-2 text-sm font-medium text-worse-fg" role="alert" data-testid="weights-invalid">
          The weights sum to {Number.isFinite(total) ? `${Number(total.toFixed(2))}%` : 'something that is not a number'}; they must sum to
          100%. The figures above use the last weights that did.
        </p>
      )}
      <p className="figure mt-2 text-sm text-slate-700" data-testid="non-linearity-gap">
        Central scenario alone: {formatUsd(weighted.centralIfrs9Ecl)}; weighted − central: {formatChange('usd', weighted.nonLinearityGap)}.
        Of that, {formatChange('usd', weighted.meanShift)} is the set’s weighted-mean levers lying away from the central scenario (ECL there{' '}
        {formatUsd(weighted.meanScenarioIfrs9Ecl)}) and {formatChange('usd', weighted.convexity)} is non-linearity: losses rise faster in a
        downturn than they fall in an upturn.
      </p>
      <p className="mt-1 text-xs text-slate-500">{source}</p>
    </Card>
  );
}

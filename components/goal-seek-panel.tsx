'use client';

import { memo, useState } from 'react';
import type { Seek, SeekAnswer, SeekableKpi } from '@/lib/engine';
import type { AssumptionId } from '@/lib/scenario';
import { formatAssumption, formatPercent, formatUsd } from './format';
import { Card } from './ui/card';

/** How each KPI is named, written and typed in (money in millions, return in percent). */
const KPI: Record<SeekableKpi, { label: string; format: (v: number) => string; unit: string; fromInput: (v: number) => number }> = {
  expectedLoss: { label: 'expected loss', format: formatUsd, unit: '$M', fromInput: (v) => v * 1e6 },
  ifrs9Ecl: { label: 'IFRS 9 ECL', format: formatUsd, unit: '$M', fromInput: (v) => v * 1e6 },
  ceclEcl: { label: 'CECL allowance', format: formatUsd, unit: '$M', fromInput: (v) => v * 1e6 },
  irbCapital: { label: 'IRB capital', format: formatUsd, unit: '$M', fromInput: (v) => v * 1e6 },
  returnOnCapital: { label: 'return on capital', format: formatPercent, unit: '%', fromInput: (v) => v / 100 },
  economicProfit: { label: 'economic profit', format: formatUsd, unit: '$M', fromInput: (v) => v * 1e6 },
};

export interface SeekLever {
  id: AssumptionId;
  label: string;
  symbol: string;
}

const sameSeek = (a: Seek, b: Seek) => a.lever === b.lever && a.kpi === b.kpi && a.target === b.target;

interface Props {
  levers: readonly SeekLever[];
  /** The breaking points asked for, and the user's own seek (if any). */
  breakingPoints: Seek[];
  seek?: Seek;
  answers?: SeekAnswer[];
  failed?: string;
  /** The answers are for other levers than those on the sliders. */
  stale: boolean;
  /** Above this many loans the page asks only when the user does. */
  onAsk?: () => void;
  eclLimit?: number;
  onEclLimit: (limit: number | undefined) => void;
  onSeek: (seek: Seek) => void;
  onApply: (lever: AssumptionId, value: number) => void;
}

/** "How bad can it get": where the book breaks its limits, and which lever value reaches a chosen target. Memoised like the drivers. */
export const GoalSeekPanel = memo(function GoalSeekPanel({
  levers,
  breakingPoints,
  seek,
  answers,
  failed,
  stale,
  onAsk,
  eclLimit,
  onEclLimit,
  onSeek,
  onApply,
}: Props) {
  const lever = (id: AssumptionId) => levers.find((l) => l.id === id) ?? { id, label: id, symbol: '' };
  const answerTo = (s: Seek) => answers?.find((a) => sameSeek(a, s));
  const sentence = (a: SeekAnswer) => {
    const l = lever(a.lever);
    const { label, format } = KPI[a.kpi];
    if (a.reached)
      return `${label} reaches ${format(a.target)} at ${l.label.toLowerCase()} ${formatAssumption(a.value, l.symbol, true)} (${format(a.kpiAtValue)} there).`;
    return `No ${l.label.toLowerCase()} on the slider brings ${label} to ${format(a.target)}: the closest is ${formatAssumption(a.closest.value, l.symbol, true)}, at ${format(a.closest.kpi)}.`;
  };
  // An answer for other levers than the sliders' is not applied: it would move a lever to the wrong place.
  const applyButton = (a: SeekAnswer, testId: string, autoFocus = false) =>
    a.reached && !stale ? (
      <button
        type="button"
        className="ml-2 rounded-md border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-50"
        onClick={() => onApply(a.lever, a.value)}
        data-testid={testId}
        autoFocus={autoFocus}
      >
        Apply
      </button>
    ) : null;
  const [hurdleSeek, eclSeek] = [breakingPoints.find((s) => s.kpi === 'returnOnCapital'), breakingPoints.find((s) => s.kpi === 'ifrs9Ecl')];
  const hurdle = hurdleSeek && answerTo(hurdleSeek);
  const ecl = eclSeek && answerTo(eclSeek);
  const own = seek && answerTo(seek);
  return (
    <Card className="stale-aware p-4" data-stale={stale} data-testid="goal-seek" aria-busy={stale}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-800">How bad can it get</h2>
        {onAsk && (
          <button
            type="button"
            className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50"
            onClick={onAsk}
            data-testid="goal-seek-ask"
          >
            Work out the breaking points
          </button>
        )}
      </div>
      {failed && <p className="mt-1 text-sm text-error-fg">The breaking points could not be worked out: {failed}</p>}
      <ul className="mt-1 space-y-1 text-sm text-slate-700">
        <li data-testid="breaking-hurdle">
          {hurdle ? (
            hurdle.reached ? (
              <>
                Return on capital falls to the {formatPercent(hurdle.target)} hurdle at unemployment{' '}
                <strong>{formatAssumption(hurdle.value, lever('unemployment-change').symbol, true)}</strong> (
                {formatPercent(hurdle.kpiAtValue)} there).
                {applyButton(hurdle, 'breaking-hurdle-apply')}
              </>
            ) : (
              <>
                Return on capital stays {hurdle.closest.kpi > hurdle.target ? 'above' : 'below'} the {formatPercent(hurdle.target)} hurdle
                at every unemployment change on the slider ({formatPercent(hurdle.closest.kpi)} at{' '}
                {formatAssumption(hurdle.closest.value, lever('unemployment-change').symbol, true)}).
              </>
            )
          ) : (
            'Return on capital against the hurdle: …'
          )}
        </li>
        <li className="flex flex-wrap items-center gap-x-2" data-testid="breaking-ecl">
          <label className="flex items-center gap-1">
            IFRS 9 ECL limit ($M)
            <EclLimitInput eclLimit={eclLimit} onEclLimit={onEclLimit} />
          </label>
          {ecl && <span data-testid="breaking-ecl-answer">{sentence(ecl)}</span>}
          {ecl && applyButton(ecl, 'breaking-ecl-apply')}
        </li>
      </ul>
      <SeekForm levers={levers} {...(seek ? { seek } : {})} onSeek={onSeek} />
      {seek && (
        <p className="mt-2 text-sm text-slate-800" data-testid="goal-seek-answer">
          {own && !stale ? (
            <>
              {sentence(own)}
              {applyButton(own, 'goal-seek-apply', true)}
            </>
          ) : (
            'Working it out…'
          )}
        </p>
      )}
    </Card>
  );
});

/*
 * The fields are their own memoised components: the card re-renders when its answers go out of date
 * (the first key press of a slider run), and React rewrites a re-rendered field's attributes.
 */

const EclLimitInput = memo(function EclLimitInput({ eclLimit, onEclLimit }: Pick<Props, 'eclLimit' | 'onEclLimit'>) {
  return (
    <input
      type="number"
      min={0}
      step="any"
      className="w-24 rounded-md border border-slate-300 px-1 py-0.5"
      defaultValue={eclLimit !== undefined ? eclLimit / 1e6 : ''}
      onChange={(e) =>
        onEclLimit(e.target.value === '' || !Number.isFinite(Number(e.target.value)) ? undefined : Number(e.target.value) * 1e6)
      }
      data-testid="ecl-limit"
    />
  );
});

/** "Which value of lever X brings KPI Y to Z?" */
const SeekForm = memo(function SeekForm({ levers, seek, onSeek }: Pick<Props, 'levers' | 'seek' | 'onSeek'>) {
  const [form, setForm] = useState({ lever: seek?.lever ?? 'unemployment-change', kpi: seek?.kpi ?? 'expectedLoss', target: '' });
  return (
    <form
      className="mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-700"
      onSubmit={(e) => {
        e.preventDefault();
        const target = Number(form.target);
        if (form.target !== '' && Number.isFinite(target))
          onSeek({ lever: form.lever, kpi: form.kpi, target: KPI[form.kpi].fromInput(target) });
      }}
      data-testid="goal-seek-form"
    >
      Which
      <select
        className="rounded-md border border-slate-300 px-1 py-0.5"
        value={form.lever}
        onChange={(e) => setForm({ ...form, lever: e.target.value as AssumptionId })}
        aria-label="Lever"
        data-testid="goal-seek-lever"
      >
        {levers.map((l) => (
          <option key={l.id} value={l.id}>
            {l.label.toLowerCase()}
          </option>
        ))}
      </select>
      brings
      <select
        className="rounded-md border border-slate-300 px-1 py-0.5"
        value={form.kpi}
        onChange={(e) => setForm({ ...form, kpi: e.target.value as SeekableKpi })}
        aria-label="KPI"
        data-testid="goal-seek-kpi"
      >
        {(Object.keys(KPI) as SeekableKpi[]).map((k) => (
          <option key={k} value={k}>
            {KPI[k].label}
          </option>
        ))}
      </select>
      to
      <input
        type="number"
        step="any"
        className="w-24 rounded-md border border-slate-300 px-1 py-0.5"
        value={form.target}
        onChange={(e) => setForm({ ...form, target: e.target.value })}
        aria-label={`Target (${KPI[form.kpi].unit})`}
        data-testid="goal-seek-target"
      />
      {KPI[form.kpi].unit}?
      <button
        type="submit"
        className="rounded-md border border-indigo-300 bg-indigo-50 px-2 py-0.5 font-medium text-indigo-800 hover:bg-indigo-100"
        data-testid="goal-seek-find"
      >
        Find
      </button>
    </form>
  );
});

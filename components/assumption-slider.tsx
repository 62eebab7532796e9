'use client';

import { memo, useId, type JSX, type KeyboardEvent } from 'react';
import type { AssumptionDefinition } from '@/lib/scenario';
import { formatAssumption } from './format';
import { DefinitionText, DefinitionToggle, useDefinition } from './definition';

interface Props<Id extends string> {
  /** The lever's own definition: plain data from the scenario registry. */
  definition: AssumptionDefinition & { id: Id };
  value: number;
  /** Called with the slider's id, so one stable callback serves every slider. */
  onChange: (id: Id, value: number) => void;
  /** The model in use has no input this lever reaches: its PD does not move (the lever may still act on the figures). */
  inert?: boolean;
  /** Where the lever's channel is explained in the docs the page serves. */
  doc?: string;
}

/** The native thumb's width: the baseline marker is placed where the thumb's centre sits at the default. */
const THUMB_PX = 16;

/** Re-renders only when its own value moves (its definition and callback are stable). */
export const AssumptionSlider = memo(function AssumptionSlider<Id extends string>({
  definition: d,
  value,
  onChange: onChangeOf,
  inert = false,
  doc,
}: Props<Id>) {
  const definition = useDefinition();
  const onChange = (v: number) => onChangeOf(d.id, v);
  const inputId = useId();
  const signed = d.min < 0;
  const shown = formatAssumption(value, d.symbol, signed);
  const atBaseline = value === d.defaultValue;
  const position = (v: number) => (v - d.min) / (d.max - d.min);
  const snap = (v: number) => Number((Math.round(Math.min(d.max, Math.max(d.min, v)) / d.step) * d.step).toFixed(4));

  // Native range inputs already give arrows (one step) and Home/End; PageUp/PageDown take the big step.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'PageUp' && e.key !== 'PageDown') return;
    e.preventDefault();
    onChange(snap(value + (e.key === 'PageUp' ? d.bigStep : -d.bigStep)));
  };
  const p = position(d.defaultValue);

  return (
    <div className="group rounded-lg px-3 py-2.5 hover:bg-slate-50" data-at-baseline={atBaseline}>
      <div className="flex items-baseline justify-between gap-2">
        <span className="flex items-center gap-1.5">
          <label htmlFor={inputId} className="text-sm font-medium text-slate-700" title={d.description}>
            {d.label}
          </label>
          <DefinitionToggle term={d.label} open={definition.open} onToggle={definition.toggle} controls={definition.id} />
        </span>
        <span className={`figure whitespace-nowrap text-base font-semibold ${atBaseline ? 'text-slate-500' : 'text-indigo-700'}`}>
          {shown}
        </span>
      </div>
      <div className="relative mt-1.5 h-6">
        <span
          aria-hidden
          title={`Baseline: ${formatAssumption(d.defaultValue, d.symbol, signed)}`}
          className="pointer-events-none absolute top-0 h-6 w-0.5 -translate-x-1/2 rounded bg-slate-400"
          style={{ left: `calc(${p * 100}% + ${(0.5 - p) * THUMB_PX}px)` }}
        />
        <input
          id={inputId}
          type="range"
          min={d.min}
          max={d.max}
          step={d.step}
          value={value}
          onChange={(e) => onChange(Number(e.target.value))}
          onKeyDown={onKeyDown}
          aria-valuetext={`${shown} (${d.unit})`}
          data-testid={`assumption-${d.id}`}
          className="relative h-6 w-full cursor-pointer accent-indigo-600"
        />
      </div>
      <div className="figure mt-0.5 flex items-center justify-between text-xs text-slate-500">
        <span>{formatAssumption(d.min, d.symbol, signed)}</span>
        <button
          type="button"
          onClick={() => onChange(d.defaultValue)}
          disabled={atBaseline}
          className="rounded px-1.5 py-0.5 text-indigo-700 hover:bg-indigo-50 disabled:invisible"
          aria-label={`Reset ${d.label} to baseline`}
          data-testid={`reset-${d.id}`}
        >
          Reset to {formatAssumption(d.defaultValue, d.symbol, signed)}
        </button>
        <span>{formatAssumption(d.max, d.symbol, signed)}</span>
      </div>
      {inert && (
        <p className="mt-0.5 text-xs text-slate-500" data-testid={`inert-${d.id}`}>
          Does not move this model&rsquo;s PD.
        </p>
      )}
      {definition.open && <DefinitionText id={definition.id} text={d.description} {...(doc ? { href: doc } : {})} />}
    </div>
  );
}) as <Id extends string>(props: Props<Id>) => JSX.Element;

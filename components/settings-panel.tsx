'use client';

import { memo, useState } from 'react';
import type { SettingDefinition } from '@/lib/scenario';
import { Button } from './ui/button';
import { Card } from './ui/card';

/** A setting as the panel shows it: its definition and its value now. */
export interface SettingField extends Omit<SettingDefinition, 'group'> {
  value: number;
}

export interface SettingGroupProps {
  title: string;
  fields: SettingField[];
}

export interface RegimeChoice {
  id: string;
  label: string;
  source: string;
}

interface Props {
  groups: SettingGroupProps[];
  regimes: RegimeChoice[];
  regime: string;
  fixedRules: readonly { label: string; value: string; source: string }[];
  onChange: (id: string, value: number) => void;
  onRegime: (id: string) => void;
  onReset: () => void;
  changed: boolean;
}

/**
 * Every fixed assumption behind the figures, with its value and source; each can be changed here.
 * Memoised: a slider step re-renders the page around it, and its twenty fields have no part in that frame.
 */
export const SettingsPanel = memo(function SettingsPanel({
  groups,
  regimes,
  regime,
  fixedRules,
  onChange,
  onRegime,
  onReset,
  changed,
}: Props) {
  const chosen = regimes.find((r) => r.id === regime);
  return (
    <Card className="p-4" data-testid="settings" aria-label="Settings">
      <div className="flex items-baseline justify-between gap-2">
        <div>
          <h2 className="text-base font-semibold text-slate-800">Settings: every fixed assumption</h2>
          <p className="text-sm text-slate-500">Each with its source; they travel in every export, link and scenario file</p>
        </div>
        <Button variant="quiet" onClick={onReset} disabled={!changed} data-testid="reset-settings">
          Reset settings
        </Button>
      </div>
      <div className="mt-3 grid grid-cols-1 gap-x-6 gap-y-4 md:grid-cols-2 2xl:grid-cols-4">
        <fieldset>
          <legend className="text-sm font-semibold text-slate-700">Capital</legend>
          <label className="mt-2 block text-sm text-slate-700">
            Regime
            <select
              className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1"
              value={regime}
              onChange={(e) => onRegime(e.target.value)}
              data-testid="setting-regime"
            >
              {regimes.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          {chosen && <p className="mt-0.5 text-xs text-slate-500">{chosen.source}</p>}
          {groups
            .filter((g) => g.title === 'Capital')
            .flatMap((g) => g.fields)
            .map((f) => (
              <SettingInput key={f.id} field={f} onChange={onChange} />
            ))}
        </fieldset>
        {groups
          .filter((g) => g.title !== 'Capital')
          .map((g) => (
            <fieldset key={g.title}>
              <legend className="text-sm font-semibold text-slate-700">{g.title}</legend>
              {g.fields.map((f) => (
                <SettingInput key={f.id} field={f} onChange={onChange} />
              ))}
            </fieldset>
          ))}
      </div>
      <div className="mt-4 border-t border-slate-100 pt-3">
        <h3 className="text-sm font-semibold text-slate-700">Fixed rules</h3>
        <ul className="mt-1 grid grid-cols-1 gap-x-6 gap-y-1 text-xs text-slate-600 md:grid-cols-2" data-testid="fixed-rules">
          {fixedRules.map((r) => (
            <li key={r.label}>
              <span className="font-medium text-slate-700">{r.label}:</span> {r.value}. {r.source}
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
});

/** A number field that applies only values in range; anything else is said, not applied. */
function SettingInput({ field: f, onChange }: { field: SettingField; onChange: (id: string, value: number) => void }) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? String(f.value);
  const value = Number(shown);
  const bad = shown.trim() === '' || !Number.isFinite(value) || value < f.min || value > f.max;
  return (
    <div className="mt-2">
      <label className="flex items-center justify-between gap-2 text-sm text-slate-700">
        <span>{f.label}</span>
        <span className="flex shrink-0 items-center gap-1">
          <input
            type="number"
            min={f.min}
            max={f.max}
            step={f.step}
            value={shown}
            aria-invalid={bad}
            onChange={(e) => {
              setText(e.target.value);
              const v = Number(e.target.value);
              if (e.target.value.trim() !== '' && Number.isFinite(v) && v >= f.min && v <= f.max) onChange(f.id, v);
            }}
            onBlur={() => setText(null)}
            className={`figure w-20 rounded border px-1.5 py-0.5 text-right ${bad ? 'border-worse' : 'border-slate-300'}`}
            data-testid={`setting-${f.id}`}
          />
          <span className="w-6 text-xs text-slate-500">{f.symbol}</span>
        </span>
      </label>
      {bad && (
        <p className="text-xs font-medium text-worse-fg" role="alert">
          Expected {f.min} to {f.max} {f.unit}; {f.value} stays in use.
        </p>
      )}
      <p className="text-xs text-slate-500">{f.source}</p>
    </div>
  );
}

'use client';

import { memo, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { slugOf } from './format';
import { Button } from './ui/button';

export interface LibraryScenario {
  name: string;
  /** The narrative of a preset, or the note the user saved with it. */
  note: string;
  /** When it was saved, for the user's own; presets have none. */
  savedAt?: string;
}

export interface ScenarioLibraryProps {
  presets: readonly LibraryScenario[];
  saved: readonly LibraryScenario[];
  /** The scenario the sliders stand on, if they stand on one. */
  active?: string;
  onApply: (name: string) => void;
  /** Saves the sliders under a name; answers why not, when the name is refused. */
  onSave: (name: string, note: string) => string | undefined;
  onRename: (from: string, to: string) => string | undefined;
  onDelete: (name: string) => void;
  onExport: () => void;
  onImport: (file: File) => void;
  /** What an imported file said, good or bad. */
  imported?: { ok: boolean; lines: string[] };
}

/** The scenarios a user can stand on: the set's presets, their own saved ones (rename, delete), and a file of them. Memoised: a slider step does not touch it. */
export const ScenarioLibrary = memo(function ScenarioLibrary(props: ScenarioLibraryProps) {
  const { presets, saved, active, onApply, onExport, onImport, imported } = props;
  const importId = useId();
  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) onImport(file);
    e.target.value = '';
  };
  return (
    <section className="mt-3 space-y-2 border-t border-slate-100 px-4 pt-3 text-xs text-slate-600" aria-labelledby="scenarios-title">
      <h3 id="scenarios-title" className="text-sm font-semibold text-slate-800">
        Scenarios
      </h3>
      <div className="flex flex-wrap gap-1.5" role="group" aria-label="Preset scenarios">
        {presets.map((p, k) => (
          <button
            key={p.name}
            type="button"
            title={`${p.note} (key ${k + 1})`}
            aria-pressed={active === p.name}
            onClick={() => onApply(p.name)}
            data-testid={`scenario-preset-${slugOf(p.name)}`}
            className="rounded-full border border-slate-300 px-2.5 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50 aria-pressed:border-indigo-600 aria-pressed:bg-indigo-50 aria-pressed:text-indigo-800"
          >
            {p.name}
          </button>
        ))}
      </div>
      {saved.length > 0 && (
        <ul className="space-y-1" aria-label="Your scenarios" data-testid="saved-scenarios">
          {saved.map((s) => (
            <SavedRow
              key={s.name}
              scenario={s}
              active={active === s.name}
              onApply={onApply}
              onRename={props.onRename}
              onDelete={props.onDelete}
            />
          ))}
        </ul>
      )}
      <SaveForm onSave={props.onSave} />
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={onExport} data-testid="export-scenarios" className="text-xs">
          Export scenarios
        </Button>
        <label
          htmlFor={importId}
          className="cursor-pointer rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-within:outline-2 focus-within:outline-indigo-600"
        >
          Import…
          <input
            id={importId}
            type="file"
            accept=".json,application/json"
            onChange={onFile}
            className="sr-only"
            data-testid="import-scenarios"
          />
        </label>
      </div>
      {imported && (
        <div className={imported.ok ? 'text-slate-700' : 'text-warning-fg'} data-testid="scenarios-imported" role="status">
          {imported.lines.map((line, k) => (
            <p key={k} className="break-words">
              {line}
            </p>
          ))}
        </div>
      )}
    </section>
  );
});

function SavedRow({
  scenario,
  active,
  onApply,
  onRename,
  onDelete,
}: { scenario: LibraryScenario; active: boolean } & Pick<ScenarioLibraryProps, 'onApply' | 'onRename' | 'onDelete'>) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(scenario.name);
  const [refusal, setRefusal] = useState<string>();
  const id = slugOf(scenario.name);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const why = name.trim() === scenario.name ? undefined : onRename(scenario.name, name);
    setRefusal(why);
    if (!why) setRenaming(false);
  };
  if (renaming)
    return (
      <li>
        <form onSubmit={submit} className="flex items-center gap-1">
          <input
            aria-label={`New name for ${scenario.name}`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            className="min-w-0 flex-1 rounded border border-slate-300 px-1.5 py-0.5 text-xs"
            data-testid={`rename-input-${id}`}
            autoFocus
          />
          <Button type="submit" className="text-xs" data-testid={`rename-save-${id}`}>
            Save
          </Button>
          <Button variant="quiet" className="text-xs" onClick={() => setRenaming(false)}>
            Cancel
          </Button>
        </form>
        {refusal && <p className="text-warning-fg">{refusal}</p>}
      </li>
    );
  return (
    <li className="flex items-center gap-1" data-testid={`saved-scenario-${id}`}>
      <button
        type="button"
        onClick={() => onApply(scenario.name)}
        aria-pressed={active}
        title={scenario.note || undefined}
        className="min-w-0 flex-1 truncate rounded px-1.5 py-0.5 text-left font-medium text-slate-800 hover:bg-slate-50 aria-pressed:bg-indigo-50 aria-pressed:text-indigo-800"
      >
        {scenario.name}
        {scenario.note && <span className="block truncate font-normal text-slate-600">{scenario.note}</span>}
      </button>
      <Button variant="quiet" className="text-xs" onClick={() => setRenaming(true)} aria-label={`Rename ${scenario.name}`}>
        Rename
      </Button>
      <Button
        variant="quiet"
        className="text-xs"
        onClick={() => onDelete(scenario.name)}
        aria-label={`Delete ${scenario.name}`}
        data-testid={`delete-${id}`}
      >
        Delete
      </Button>
    </li>
  );
}

function SaveForm({ onSave }: Pick<ScenarioLibraryProps, 'onSave'>) {
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [refusal, setRefusal] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const why = onSave(name, note);
    setRefusal(why);
    if (!why) {
      setName('');
      setNote('');
    }
  };
  return (
    <form onSubmit={submit} className="space-y-1" aria-label="Save the sliders as a scenario">
      <div className="flex gap-1">
        <input
          aria-label="Scenario name"
          placeholder="Name these sliders…"
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="min-w-0 flex-1 rounded border border-slate-300 px-1.5 py-1 text-xs"
          data-testid="scenario-name"
        />
        <Button type="submit" className="text-xs" data-testid="save-scenario">
          Save
        </Button>
      </div>
      {name.trim() && (
        <input
          aria-label="Note (why this scenario)"
          placeholder="Note: why this scenario"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          className="w-full rounded border border-slate-300 px-1.5 py-1 text-xs"
          data-testid="scenario-note"
        />
      )}
      {refusal && (
        <p className="text-warning-fg" role="alert" data-testid="scenario-refused">
          {refusal}
        </p>
      )}
    </form>
  );
}

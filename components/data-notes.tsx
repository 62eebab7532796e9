import type { TapeNotes } from '@/lib/portfolio';
import type { ClampReport } from '@/lib/scenario';
import { formatInteger, formatNumber } from './format';

/** What the engine did to the data, said out loud: nothing is ignored, filled in or held back silently. */
export function DataNotes({ notes, clamped }: { notes: TapeNotes; clamped: readonly ClampReport[] }) {
  const items = [
    ...notes.absentColumns.map((a) => (
      <li key={`absent-${a.column}`} data-testid="note-absent-column">
        No <code>{a.column}</code> column ({a.description}): {a.withoutIt}
        {a.suggestion ? (
          <>
            ; did you mean <code>{a.suggestion}</code>?
          </>
        ) : (
          '.'
        )}
      </li>
    )),
    ...notes.imputedCells.map((c) => (
      <li key={`imputed-${c.column}`} data-testid="note-imputed">
        {formatInteger(c.cells)} blank <code>{c.column}</code> cells filled with the model&apos;s training median.
      </li>
    )),
    ...(notes.ignoredColumns.length > 0
      ? [
          <li key="ignored" data-testid="note-ignored-columns" className="break-words">
            Not used: {notes.ignoredColumns.map((c) => `“${c}”`).join(', ')}.
          </li>,
        ]
      : []),
    ...clamped.map((c) => (
      <li key={`clamp-${c.input}`} data-testid="clamp-note">
        {formatInteger(c.loans)} loans: {c.levers.join(' and ')} held <code>{c.input}</code> inside the model&apos;s training range (
        {formatNumber(c.range[0])}–{formatNumber(c.range[1])}).
      </li>
    )),
  ];
  if (items.length === 0) return null;
  return (
    <div className="mt-3 border-t border-slate-100 px-4 pt-3 text-xs text-slate-600" data-testid="data-notes">
      <p className="font-medium text-slate-700">What the engine did to the data</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-4">{items}</ul>
    </div>
  );
}

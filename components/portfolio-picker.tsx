'use client';

import { memo, type ChangeEvent } from 'react';
import { Button } from './ui/button';

/** The user's own loan tape: read in this browser, handed over as bytes; and the way back to the bundled one. Memoised like the other pickers: a slider step does not touch it. */
export const PortfolioPicker = memo(function PortfolioPicker({
  onChoose,
  chosenTape,
  onUseBundled,
}: {
  onChoose: (file: File) => void;
  /** The user's tape in use (kept in this browser across reloads), or null. */
  chosenTape: string | null;
  onUseBundled: () => void;
}) {
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) onChoose(file);
    e.target.value = '';
  };
  return (
    <div className="mt-3 border-t border-slate-100 px-4 pt-3 text-xs text-slate-600">
      <label className="block font-medium text-slate-700" htmlFor="portfolio-file">
        Score your own loan tape (CSV)
      </label>
      <input
        id="portfolio-file"
        type="file"
        accept=".csv,text/csv"
        onChange={onChange}
        data-testid="portfolio-file"
        className="mt-1 block w-full text-xs file:mr-2 file:rounded-md file:border-0 file:bg-slate-100 file:px-2 file:py-1 file:text-slate-700"
      />
      <p className="mt-1">Read in this browser only; it never leaves the device.</p>
      {chosenTape && (
        <div className="mt-2 flex items-center justify-between gap-2">
          <p className="min-w-0 break-words">{chosenTape} is kept in this browser until you go back.</p>
          <Button onClick={onUseBundled} data-testid="use-bundled-portfolio" className="shrink-0">
            Use the bundled tape
          </Button>
        </div>
      )}
    </div>
  );
});

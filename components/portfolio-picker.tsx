'use client';

import type { ChangeEvent } from 'react';

/** The user's own loan tape: read in this browser and handed over as text. */
export function PortfolioPicker({ onLoad }: { onLoad: (name: string, csvText: string) => void }) {
  const onChange = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) onLoad(file.name, await file.text());
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
    </div>
  );
}

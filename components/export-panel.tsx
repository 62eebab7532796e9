import { Button } from './ui/button';

export type ExportFormat = 'csv' | 'json';

/** Exports follow the figures on screen, so they are off (no `onExport`) while an answer is pending. */
export function ExportPanel({ onExport }: { onExport?: (format: ExportFormat) => void }) {
  return (
    <div className="mt-3 border-t border-slate-100 px-4 pt-3 text-xs text-slate-600">
      <p className="font-medium text-slate-700">Export these figures</p>
      <div className="mt-1 flex gap-2">
        <Button disabled={!onExport} onClick={() => onExport?.('csv')} data-testid="export-csv">
          CSV
        </Button>
        <Button disabled={!onExport} onClick={() => onExport?.('json')} data-testid="export-json">
          JSON
        </Button>
      </div>
      <p className="mt-1">
        The book, new business, both together, the weighted ECL and every segment, baseline and scenario, with every lever and setting, the
        model and data hashes.
      </p>
    </div>
  );
}

import { memo } from 'react';
import { Button } from './ui/button';

export type ExportFormat = 'csv' | 'json' | 'xlsx' | 'loans-csv' | 'pptx' | 'pdf';
export type PaperSize = 'a4' | 'letter';

/** Each export's button: its test id suffix, its words and what it holds. */
const EXPORTS: { format: ExportFormat; testId: string; label: string; holds: string }[] = [
  { format: 'xlsx', testId: 'xlsx', label: 'Excel', holds: 'Summary, scenarios, segments, every loan, assumptions and provenance' },
  { format: 'pdf', testId: 'pdf', label: 'PDF', holds: 'The board page: headline, KPIs, charts, assumptions, provenance' },
  { format: 'pptx', testId: 'pptx', label: 'PowerPoint', holds: 'Slides with native, editable charts' },
  { format: 'csv', testId: 'csv', label: 'CSV', holds: 'Every figure, one row per segment' },
  { format: 'loans-csv', testId: 'loans', label: 'Loans CSV', holds: 'Every loan’s PDs, ECL, stage and approval' },
  { format: 'json', testId: 'json', label: 'JSON', holds: 'Every figure, for code' },
];

export interface ExportPanelProps {
  /** Absent while the figures on show are not current: exports follow the screen. */
  onExport?: (format: ExportFormat) => void;
  /** What a long export is doing, while it runs; the buttons wait. */
  progress?: string;
  /** Why the last export failed. */
  problem?: string;
  paper: PaperSize;
  onPaper: (paper: PaperSize) => void;
}

/** Memoised: `onExport` reads the figures when pressed, so a slider step does not re-render the panel. */
export const ExportPanel = memo(function ExportPanel({ onExport, progress, problem, paper, onPaper }: ExportPanelProps) {
  const disabled = !onExport || progress !== undefined;
  return (
    <div className="mt-3 border-t border-slate-100 px-4 pt-3 text-xs text-slate-600 print:hidden">
      <p className="font-medium text-slate-700">Export these figures</p>
      <div className="mt-1 flex flex-wrap gap-2">
        {EXPORTS.map((e) => (
          <Button
            key={e.format}
            disabled={disabled}
            onClick={() => onExport?.(e.format)}
            data-testid={`export-${e.testId}`}
            title={e.holds}
          >
            {e.label}
          </Button>
        ))}
      </div>
      <label className="mt-2 flex items-center gap-2">
        PDF paper
        <select
          className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
          value={paper}
          onChange={(e) => onPaper(e.target.value as PaperSize)}
          data-testid="export-paper"
        >
          <option value="a4">A4</option>
          <option value="letter">Letter</option>
        </select>
      </label>
      <p className="mt-1" role="status" data-testid="export-status">
        {progress ?? (problem ? <span className="text-red-700">The export failed: {problem}</span> : null)}
      </p>
      <p className="mt-1">
        Made here in the browser, nothing uploaded. Every file carries every lever and setting and the model and data hashes.
      </p>
      <p className="mt-1" data-testid="whole-book">
        Run this on the whole book, with the same engine:{' '}
        <a className="text-indigo-700 underline" href="/docs/architecture#a-million-loans">
          in batch or on Dask
        </a>{' '}
        (<code>npm run score -- --scenario</code> with the scenarios exported above) or{' '}
        <a className="text-indigo-700 underline" href="/docs/architecture#the-rest-face">
          over REST
        </a>{' '}
        (<code>npm run api</code>).
      </p>
    </div>
  );
});

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportFormat, PaperSize } from '@/components/export-panel';
import type { LoanLevelResult } from '@/lib/engine';
import { errorMessage } from '@/lib/util';
import { defaultPaper, type ChartDrawing } from './board-pdf';
import { chartSvg, chartsDrawn } from './chart-image';
import { exportView, type ExportableView } from './export-view';

/** The charts the board page carries, as the page draws them (test ids of their cards). */
const BOARD_CHARTS = ['chart-pd-distribution', 'chart-el-by-grade', 'chart-cutoff-curve', 'chart-return-by-grade'];

/** The board charts on screen as standalone SVG, each with its title, subtitle and source line. */
function drawnCharts(source: string): ChartDrawing[] {
  return BOARD_CHARTS.flatMap((id) => {
    const card = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    if (!card?.querySelector('svg.recharts-surface')) return [];
    const words = { title: card.querySelector('h3')?.textContent ?? '', subtitle: card.querySelector('h3 + p')?.textContent ?? '', source };
    return [chartSvg(card, words)];
  });
}

interface ExportsOptions {
  view: ExportableView | undefined;
  scenarioName?: string;
  link: () => string;
  chartSource: () => string;
  /** Brings the charts on the page up to the figures exported (they may be held while off screen). */
  settleCharts: () => void;
  exportLoans: (inputs: Pick<ExportableView['evaluation'], 'assumptions' | 'settings'>) => Promise<LoanLevelResult>;
}

/** The export panel's state: the paper, a long export's progress, the last failure. */
export function useExports(options: ExportsOptions) {
  const [paper, setPaper] = useState<PaperSize>('a4');
  const [progress, setProgress] = useState<string>();
  const [problem, setProblem] = useState<string>();
  // The reader's locale picks the paper once the page runs in the browser (the server cannot know it).
  useEffect(() => setPaper(defaultPaper(navigator.language)), []);
  // Read when an export is asked for: the callback stays the same while the sliders move, so the panel does not re-render.
  const latest = useRef({ ...options, paper });
  latest.current = { ...options, paper };
  const run = useCallback((format: ExportFormat) => {
    const { view, scenarioName, link, chartSource, settleCharts, exportLoans, paper } = latest.current;
    if (!view) return;
    setProblem(undefined);
    setProgress('Preparing the export…');
    exportView(format, view, {
      ...(scenarioName ? { scenarioName } : {}),
      link: link(),
      paper,
      loanFigures: () => exportLoans(view.evaluation),
      chartDrawings: async () => {
        settleCharts();
        await chartsDrawn();
        return drawnCharts(chartSource());
      },
      onProgress: setProgress,
    })
      .then(() => setProgress(undefined))
      .catch((e: unknown) => {
        setProgress(undefined);
        setProblem(errorMessage(e));
      });
  }, []);
  return { onExport: options.view ? run : undefined, progress, problem, paper, onPaper: setPaper };
}

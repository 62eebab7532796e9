import type { ExportFormat, PaperSize } from '@/components/export-panel';
import { csvPreamble, reportCsv, scenarioReport, type LoanLevelResult, type ScenarioEvaluation, type ScenarioReport } from '@/lib/engine';
import { boardPage, type ExportJob, type ExportJobMessage } from '@/lib/export';
import type { ModelSummary, PortfolioSummary } from '@/lib/worker';
import { BASELINE_ASSUMPTIONS, sameAssumptions } from '@/lib/scenario';
import { boardContent } from './board-view';
import { boardPdf, type ChartDrawing } from './board-pdf';
import { downloadBlob, downloadText } from './download';

/** The figures on show and what they rest on: all an export needs. */
export interface ExportableView {
  evaluation: ScenarioEvaluation;
  model: ModelSummary;
  portfolio: PortfolioSummary;
}

/** What an export takes from the page besides the figures. */
export interface ExportContext {
  /** The scenario's name when it is one of the set's or the user's. */
  scenarioName?: string;
  /** The link that opens this view again. */
  link: string;
  paper: PaperSize;
  /** Every loan's figures under the same levers (the engine worker computes them). */
  loanFigures: () => Promise<LoanLevelResult>;
  /** The main charts as drawn on the page, for the PDF. */
  chartDrawings: () => Promise<ChartDrawing[]>;
  /** How far a long export is, in words. */
  onProgress: (text: string) => void;
}

/** What the loan export's table is, as its last comment line says. */
const LOANS_TABLE =
  '# table: one row per loan of the whole book, numbered as the rows of the tape (loan 1 is its first); the columns of npm run score -- --out';

const EXTENSIONS: Record<ExportFormat, string> = {
  csv: 'csv',
  json: 'json',
  xlsx: 'xlsx',
  'loans-csv': 'loans.csv',
  pptx: 'pptx',
  pdf: 'pdf',
};

/** The scenario as a reader names it: its name, "Baseline", or "Custom scenario". */
function scenarioTitle(evaluation: ScenarioEvaluation, name?: string): string {
  if (name) return name;
  return sameAssumptions(evaluation.assumptions, BASELINE_ASSUMPTIONS) ? 'Baseline' : 'Custom scenario';
}

function report({ evaluation, model, portfolio }: ExportableView, link: string): ScenarioReport {
  return scenarioReport(evaluation, {
    model: {
      name: model.name,
      version: model.version,
      sha256: model.sha256,
      cardSha256: model.cardSha256,
      selfTest: model.selfTest,
      leverChannels: model.quality.leverChannels,
    },
    portfolio: { name: portfolio.name, loans: portfolio.loans, sha256: portfolio.sha256, notes: portfolio.notes },
    generatedAt: new Date().toISOString(),
    appVersion: process.env.RISKDIAL_APP_VERSION,
    link,
  });
}

/** A file name with the scenario, the model and the time: only letters, digits, dots and dashes from names users give. */
function fileName(format: ExportFormat, scenario: string, model: string, generatedAt: string): string {
  const safe = (text: string) => text.replace(/[^\w.-]+/g, '_').slice(0, 60);
  return `riskdial-${safe(scenario.toLowerCase())}-${safe(model)}-${generatedAt.slice(0, 19).replace(/[:T]/g, '-')}.${EXTENSIONS[format]}`;
}

/** Runs a job in a worker of its own (a big book's workbook takes seconds): the page keeps answering meanwhile. */
function inExportWorker(job: ExportJob, onProgress: (share: number) => void): Promise<Blob> {
  const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module', name: 'riskdial-export' });
  return new Promise<Blob>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<ExportJobMessage>) => {
      const message = event.data;
      if (message.type === 'progress') onProgress(message.share);
      else if (message.type === 'done') resolve(message.file);
      else reject(new Error(message.message));
    });
    worker.addEventListener('error', (event) => reject(new Error(event.message || 'The export worker stopped.')));
    worker.postMessage(job);
  }).finally(() => worker.terminate());
}

/** Saves the figures on screen with their provenance: a file made in the browser, nothing sent anywhere. */
export async function exportView(format: ExportFormat, view: ExportableView, context: ExportContext): Promise<void> {
  const made = report(view, context.link);
  const scenario = scenarioTitle(view.evaluation, context.scenarioName);
  const name = fileName(
    format,
    context.scenarioName ?? (scenario === 'Baseline' ? 'baseline' : 'scenario'),
    view.model.name,
    made.generatedAt,
  );
  const percent = (what: string) => (share: number) => context.onProgress(`${what} ${Math.round(share * 100)}%`);
  switch (format) {
    case 'csv':
      return downloadText(name, reportCsv(made), 'text/csv');
    case 'json':
      return downloadText(name, `${JSON.stringify(made, null, 2)}\n`, 'application/json');
    case 'loans-csv':
    case 'xlsx': {
      context.onProgress('Computing every loan’s figures…');
      const loans = await context.loanFigures();
      const writing = format === 'xlsx' ? 'Writing the workbook…' : 'Writing the loans…';
      context.onProgress(writing);
      const job: ExportJob =
        format === 'xlsx'
          ? { id: 1, kind: 'workbook', input: { report: made, scenarioName: scenario, loans } }
          : { id: 1, kind: 'loans-csv', loans, preamble: csvPreamble(made, LOANS_TABLE) };
      return downloadBlob(name, await inExportWorker(job, percent(writing)));
    }
    case 'pptx': {
      context.onProgress('Making the slides…');
      const page = boardPage(made, boardContent(view.evaluation, scenario));
      return downloadBlob(name, await inExportWorker({ id: 1, kind: 'slides', page }, () => undefined));
    }
    case 'pdf': {
      context.onProgress('Making the PDF…');
      const page = boardPage(made, boardContent(view.evaluation, scenario));
      return downloadBlob(name, await boardPdf(page, await context.chartDrawings(), context.paper));
    }
  }
}

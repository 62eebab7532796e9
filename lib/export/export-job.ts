/**
 * The export worker's side: files that take seconds on a big book (every loan's figures as CSV or in
 * the workbook) are made off the page's thread, so the page keeps answering the sliders meanwhile.
 */
import type { LoanLevelResult } from '../engine';
import { errorMessage } from '../util';
import type { BoardPage } from './board';
import { loanCsvPieces } from './loan-rows';
import type { WorkbookInput } from './workbook';

export type ExportJob =
  | { id: number; kind: 'workbook'; input: WorkbookInput }
  | { id: number; kind: 'loans-csv'; loans: LoanLevelResult; preamble?: string }
  | { id: number; kind: 'slides'; page: BoardPage };

export type ExportJobMessage =
  | { id: number; type: 'progress'; share: number }
  | { id: number; type: 'done'; file: Blob }
  | { id: number; type: 'failed'; message: string };

/*
 * The workbook and slide libraries (ExcelJS, PptxGenJS: some 1.3 MB) are imported when a job first
 * needs them. Imported at the top, they were evaluated by every importer of this folder: the page
 * (which takes only the board's figures from it) spent some 200-350 ms on them while it started.
 */
async function fileOf(job: ExportJob, progress: (share: number) => void): Promise<Blob> {
  switch (job.kind) {
    case 'workbook': {
      const { reportWorkbook, WORKBOOK_TYPE } = await import('./workbook');
      return new Blob(await reportWorkbook(job.input, progress), { type: WORKBOOK_TYPE });
    }
    case 'loans-csv':
      return new Blob([...loanCsvPieces(job.loans, job.preamble)], { type: 'text/csv' });
    case 'slides': {
      const { boardSlides, SLIDES_TYPE } = await import('./slides');
      return new Blob([(await boardSlides(job.page)) as Uint8Array<ArrayBuffer>], { type: SLIDES_TYPE });
    }
  }
}

/** Makes the file a job asks for, telling how far it is between pieces. */
export async function runExportJob(job: ExportJob, post: (message: ExportJobMessage) => void): Promise<void> {
  try {
    const progress = (share: number) => post({ id: job.id, type: 'progress', share });
    post({ id: job.id, type: 'done', file: await fileOf(job, progress) });
  } catch (e) {
    post({ id: job.id, type: 'failed', message: errorMessage(e) });
  }
}

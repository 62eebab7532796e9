export { boardPage, type BoardChart, type BoardContent, type BoardKpi, type BoardPage } from './board';
export { runExportJob, type ExportJob, type ExportJobMessage } from './export-job';
export { loanRowsCsv } from './loan-rows';

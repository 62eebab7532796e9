export { boardCharts, boardPage, type BoardChart, type BoardContent, type BoardKpi, type BoardPage } from './board';
export { runExportJob, type ExportJob, type ExportJobMessage } from './export-job';
export { LOAN_FIELDS, loanRowsCsv } from './loan-rows';

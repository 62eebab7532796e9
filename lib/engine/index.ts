export { ScenarioEngine, type LoanLevelResult, type PdScorer, type ScenarioEvaluation } from './engine';
export { openEngine, type OpenResult, type OpenSources, type OpenedEngine } from './open';
export { loadPortfolio, portfolioColumnSpecs, type PortfolioLoad } from './portfolio';
export { bookMetricsWithoutEngine } from './instant';
export { reportCsv, scenarioReport, type ReportProvenance, type ReportRow, type ScenarioReport } from './report';

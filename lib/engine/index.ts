export { ScenarioEngine, type LoanLevelResult, type PdScorer, type ScenarioEvaluation } from './engine';
export { loadPortfolio, portfolioColumnSpecs, type PortfolioLoad } from './portfolio';

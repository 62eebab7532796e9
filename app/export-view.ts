import type { ExportFormat } from '@/components/export-panel';
import { reportCsv, scenarioReport, type ScenarioEvaluation } from '@/lib/engine';
import type { ModelSummary, PortfolioSummary } from '@/lib/worker';
import { BASELINE_ASSUMPTIONS, sameAssumptions } from '@/lib/scenario';
import { downloadText } from './download';

/** The figures on show and what they rest on: all an export needs. */
export interface ExportableView {
  evaluation: ScenarioEvaluation;
  model: ModelSummary;
  portfolio: PortfolioSummary;
}

/** Saves the figures on screen with their provenance: a file made in the browser, nothing sent anywhere. */
export function exportView(format: ExportFormat, { evaluation, model, portfolio }: ExportableView, scenarioName?: string): void {
  const generatedAt = new Date().toISOString();
  const report = scenarioReport(evaluation, {
    model: {
      name: model.name,
      version: model.version,
      sha256: model.sha256,
      cardSha256: model.cardSha256,
      selfTest: model.selfTest,
      leverChannels: model.quality.leverChannels,
    },
    portfolio: { name: portfolio.name, loans: portfolio.loans, sha256: portfolio.sha256, notes: portfolio.notes },
    generatedAt,
  });
  const text = format === 'csv' ? reportCsv(report) : `${JSON.stringify(report, null, 2)}\n`;
  // Names come from the user and the card: only letters, digits, dots and dashes reach the file name.
  const safe = (text: string) => text.replace(/[^\w.-]+/g, '_').slice(0, 60);
  const scenario = safe(scenarioName ?? (sameAssumptions(evaluation.assumptions, BASELINE_ASSUMPTIONS) ? 'baseline' : 'scenario'));
  const name = `riskdial-${scenario}-${safe(model.name)}-${generatedAt.slice(0, 19).replace(/[:T]/g, '-')}.${format}`;
  downloadText(name, text, format === 'csv' ? 'text/csv' : 'application/json');
}

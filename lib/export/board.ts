/**
 * The board's page: what the slides and the PDF both show, in the same words and figures as the page
 * (the page formats the KPIs and the headline; the charts carry their numbers, to be drawn natively),
 * with every assumption and the provenance a figure in a committee pack must carry.
 */
import type { ScenarioReport } from '../engine';
import { ASSUMPTIONS, REGIMES, SETTINGS } from '../scenario';
import type { FigureUnit } from './figures';

export interface BoardKpi {
  label: string;
  /** As the page shows them: "$1.23M", "5.27%", "+$210K". */
  baseline: string;
  scenario: string;
  change: string;
}

export interface BoardChart {
  title: string;
  subtitle: string;
  /** Bars by category (grades), or points of x against y (the cut-off curve). */
  kind: 'bar' | 'scatter';
  categories: string[];
  series: { name: string; values: number[] }[];
  /** For a scatter: each point's x (the categories are then unused). */
  x?: { name: string; values: number[]; unit: FigureUnit };
  unit: FigureUnit;
}

export interface BoardPage {
  title: string;
  scenarioName: string;
  headline: { levers: string; sentence: string };
  kpis: BoardKpi[];
  charts: BoardChart[];
  /** Every lever and setting as "label: value unit". */
  assumptions: string[];
  /** Model, card and tape by SHA-256, release, time, link. */
  provenance: string[];
  /** The line under each chart: where its numbers come from. */
  source: string;
}

export interface BoardContent {
  scenarioName: string;
  headline: BoardPage['headline'];
  kpis: BoardKpi[];
  charts: BoardChart[];
}

/** The board page of a report: the page's words and figures, the report's assumptions and provenance. */
export function boardPage(report: ScenarioReport, content: BoardContent): BoardPage {
  const { model, portfolio } = report;
  const short = (sha: string) => sha.slice(0, 12);
  return {
    ...content,
    title: `${content.scenarioName} against the baseline`,
    assumptions: [
      ...ASSUMPTIONS.map((a) => `${a.label}: ${report.assumptions[a.id]} ${a.symbol}`),
      `Capital regime: ${REGIMES[report.settings.regime].label}`,
      ...SETTINGS.map((d) => `${d.label}: ${report.settings[d.id]} ${d.symbol}`),
      `Scenario weights: ${report.scenarioSet.map((s) => `${s.name} ${s.weight}%`).join(', ')}`,
    ],
    provenance: [
      `Model ${model.name} v${model.version}, SHA-256 ${model.sha256}; card SHA-256 ${model.cardSha256}`,
      `Loan tape ${portfolio.name}, ${portfolio.loans.toLocaleString('en-US')} loans, SHA-256 ${portfolio.sha256}`,
      `Exposure ${report.exposureBasis === 'outstanding' ? 'at the outstanding balance' : 'at origination (no outstanding balance on the tape)'}`,
      `Made ${report.generatedAt} by Riskdial ${report.appVersion ?? ''}, in the browser; nothing uploaded`.replace('  ', ' '),
      ...(report.link ? [`This view: ${report.link}`] : []),
    ],
    source: `Source: Riskdial; model ${model.name} (${short(model.sha256)}) on ${portfolio.name} (${short(portfolio.sha256)}), ${report.generatedAt.slice(0, 10)}`,
  };
}

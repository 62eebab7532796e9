/** A report of the bundled model under some levers, stamped with made-up hashes and time: what the export tests write out. */
import { scenarioReport, type ReportProvenance, type ScenarioReport } from '../engine';
import { leverChannels } from '../model';
import type { Assumptions } from '../scenario';
import { bundledManifest, openBundled } from './bundled';

export async function bundledReport(levers: Assumptions, extra: Partial<ReportProvenance> = {}) {
  const opened = await openBundled();
  const { engine, model } = opened;
  const evaluation = await engine.evaluate(levers);
  const report: ScenarioReport = scenarioReport(evaluation, {
    model: {
      name: 'lending-club-pd',
      version: '1.0.0',
      sha256: model.sha256,
      cardSha256: 'c'.repeat(64),
      selfTest: model.selfTest,
      leverChannels: leverChannels(bundledManifest()),
    },
    portfolio: {
      name: 'bundled tape',
      loans: engine.loanCount,
      sha256: 'd'.repeat(64),
      notes: { ignoredColumns: [], absentColumns: [], imputedCells: [] },
    },
    generatedAt: '2026-11-26T09:00:00.000Z',
    ...extra,
  });
  return { ...opened, evaluation, report };
}

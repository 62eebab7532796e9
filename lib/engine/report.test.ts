import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BASELINE_ASSUMPTIONS } from '../scenario';
import { openBundled } from '../testing';
import { reportCsv, scenarioReport } from './report';

describe('scenario export', () => {
  it('carries every figure with the assumptions, model and portfolio it rests on, and reads back from CSV', async () => {
    const { engine, model, manifest } = await openBundled();
    const stress = { ...BASELINE_ASSUMPTIONS, 'income-shock': -30, lgd: 60, cutoff: 15 };
    const evaluation = await engine.evaluate(stress);
    const report = scenarioReport(evaluation, {
      model: { name: manifest.name, version: manifest.version, sha256: model.sha256, selfTest: model.selfTest },
      portfolio: { name: 'Lending Club 2016 Q1', loans: 9857, sha256: manifest.trainingData.sha256 },
      generatedAt: '2026-11-25T10:00:00.000Z',
    });
    expect(report.assumptions).toEqual(stress);
    expect(report.rows).toHaveLength(15 * (1 + 7 + 2 + 50));
    const loss = report.rows.find((r) => r.scope === 'book' && r.metric === 'expectedLoss')!;
    expect(loss.scenario).toBe(evaluation.scenario.book.expectedLoss);
    expect(loss.change).toBeCloseTo(evaluation.scenario.book.expectedLoss - evaluation.baseline.book.expectedLoss, 6);

    const csv = reportCsv(report);
    expect(csv).toContain(`# model: lending-club-pd v1.0.0, SHA-256 ${model.sha256}`);
    expect(csv).toContain('# assumptions: income-shock=-30 rate-shock=0 utilization-shift=0 unemployment-change=0 lgd=60 cutoff=15');
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true }).data;
    expect(parsed).toHaveLength(report.rows.length);
    const gradeC = parsed.find((r) => r.scope === 'grade' && r.segment === 'C' && r.metric === 'approvalRate')!;
    const expected = evaluation.scenario.segments.grade.find((s) => s.label === 'C')!.metrics.approvalRate;
    expect(Number(gradeC.scenario)).toBe(expected);
  });
});

import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { pairSegments } from '../metrics';
import { openBundled } from '../testing';
import { BASELINE_ASSUMPTIONS } from '../scenario';
import { scenarioReport } from '../engine';
import { boardPage, type BoardChart } from './board';
import { boardSlides } from './slides';

describe('the slides', () => {
  it('carry the headline, the KPIs as the page shows them, each chart as a native chart with its numbers, and the provenance', async () => {
    const { engine, model } = await openBundled();
    const stress = { ...BASELINE_ASSUMPTIONS, 'unemployment-change': 4 };
    const evaluation = await engine.evaluate(stress);
    const report = scenarioReport(evaluation, {
      model: {
        name: 'lending-club-pd',
        version: '1.0.0',
        sha256: model.sha256,
        cardSha256: 'c'.repeat(64),
        selfTest: model.selfTest,
        leverChannels: [],
      },
      portfolio: {
        name: 'bundled tape',
        loans: engine.loanCount,
        sha256: 'e'.repeat(64),
        notes: { ignoredColumns: [], absentColumns: [], imputedCells: [] },
      },
      generatedAt: '2026-11-26T09:00:00.000Z',
      link: 'http://127.0.0.1:3000/?unemployment-change=4',
    });
    const grades = pairSegments(evaluation.baseline, evaluation.scenario, 'grade');
    const byGrade: BoardChart = {
      title: 'IFRS 9 ECL by grade',
      subtitle: 'The existing book, baseline vs scenario',
      kind: 'bar',
      unit: 'usd',
      categories: grades.map((g) => g.label),
      series: [
        { name: 'Baseline', values: grades.map((g) => g.baseline.ifrs9Ecl) },
        { name: 'Scenario', values: grades.map((g) => g.scenario.ifrs9Ecl) },
      ],
    };
    const curve: BoardChart = {
      title: 'New business: approval rate vs expected bad rate',
      subtitle: 'Each point a cut-off',
      kind: 'scatter',
      unit: 'share',
      categories: [],
      x: { name: 'Approval rate', values: evaluation.cutoffCurve.scenario.map((p) => p.approvalRate), unit: 'share' },
      series: [{ name: 'Expected bad rate', values: evaluation.cutoffCurve.scenario.map((p) => p.expectedBadRate) }],
    };
    const page = boardPage(report, {
      scenarioName: 'Jobs shock',
      headline: { levers: 'Unemployment change +4 pp', sentence: 'Expected loss rises from $9.1M to $12.3M.' },
      kpis: [{ label: 'Expected loss', baseline: '$9.1M', scenario: '$12.3M', change: '+$3.2M' }],
      charts: [byGrade, curve],
    });
    const files = unzipSync(await boardSlides(page));
    const slide = (n: number) => strFromU8(files[`ppt/slides/slide${n}.xml`]!);
    expect(Object.keys(files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))).toHaveLength(5);
    expect(slide(1)).toContain('Jobs shock against the baseline');
    expect(slide(1)).toContain('Expected loss rises from $9.1M to $12.3M.');
    expect(slide(2)).toContain('$12.3M');
    expect(slide(2)).toContain('+$3.2M');
    // Native charts: chart parts whose cached values are the figures; no picture anywhere.
    const charts = Object.keys(files).filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(2);
    const bar = strFromU8(files[charts.find((c) => strFromU8(files[c]!).includes('barChart'))!]!);
    const gradeC = grades.find((g) => g.label === 'C')!.scenario.ifrs9Ecl;
    expect(bar).toContain(`<c:v>${gradeC}</c:v>`);
    expect(bar).toContain('<c:v>C</c:v>');
    expect(Object.keys(files).filter((f) => /\.(png|jpe?g|gif|svg|emf|wmf)$/i.test(f))).toEqual([]);
    const scatter = strFromU8(files[charts.find((c) => strFromU8(files[c]!).includes('scatterChart'))!]!);
    expect(scatter).toContain(`<c:v>${evaluation.cutoffCurve.scenario[3]!.expectedBadRate}</c:v>`);
    expect(slide(5)).toContain(model.sha256);
    expect(slide(5)).toContain('e'.repeat(64));
    expect(slide(5)).toContain('Unemployment change: 4 pp');
    expect(slide(3)).toContain(`lending-club-pd (${model.sha256.slice(0, 12)})`);
  });
});

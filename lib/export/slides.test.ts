import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { pairSegments } from '../metrics';
import { bundledReport } from '../testing';
import { BASELINE_ASSUMPTIONS } from '../scenario';
import { boardCharts, boardPage } from './board';
import { boardSlides } from './slides';

describe('the slides', () => {
  it('carry the headline, the KPIs as the page shows them, each chart as a native chart with its numbers, and the provenance', async () => {
    const stress = { ...BASELINE_ASSUMPTIONS, 'unemployment-change': 4 };
    const { model, evaluation, report } = await bundledReport(stress, { link: 'http://127.0.0.1:3000/?unemployment-change=4' });
    const grades = pairSegments(evaluation.baseline, evaluation.scenario, 'grade');
    // The page's four charts: PD distribution, ECL by grade, the cut-off curve, rates by grade.
    const charts = boardCharts(evaluation);
    expect(charts.map((c) => [c.title, c.kind])).toEqual([
      ['PD distribution', 'bar'],
      ['IFRS 9 ECL by grade', 'bar'],
      ['New business: approval rate vs expected bad rate', 'scatter'],
      ['Rate against break-even rate by grade', 'bar'],
    ]);
    const page = boardPage(report, {
      scenarioName: 'Jobs shock',
      headline: { levers: 'Unemployment change +4 pp', sentence: 'Expected loss rises from $9.1M to $12.3M.' },
      kpis: [{ label: 'Expected loss', baseline: '$9.1M', scenario: '$12.3M', change: '+$3.2M' }],
      charts,
    });
    const files = unzipSync(await boardSlides(page));
    const slide = (n: number) => strFromU8(files[`ppt/slides/slide${n}.xml`]!);
    expect(Object.keys(files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))).toHaveLength(7);
    expect(slide(1)).toContain('Jobs shock against the baseline');
    expect(slide(1)).toContain('Expected loss rises from $9.1M to $12.3M.');
    expect(slide(2)).toContain('$12.3M');
    expect(slide(2)).toContain('+$3.2M');
    // Native charts: chart parts whose cached values are the figures; no picture anywhere.
    const chartFiles = Object.keys(files).filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f));
    expect(chartFiles).toHaveLength(4);
    const bar = strFromU8(
      files[chartFiles.find((c) => strFromU8(files[c]!).includes('ECL by grade') || strFromU8(files[c]!).includes('<c:v>G</c:v>'))!]!,
    );
    const gradeC = grades.find((g) => g.label === 'C')!.scenario.ifrs9Ecl;
    expect(bar).toContain(`<c:v>${gradeC}</c:v>`);
    expect(bar).toContain('<c:v>C</c:v>');
    expect(Object.keys(files).filter((f) => /\.(png|jpe?g|gif|svg|emf|wmf)$/i.test(f))).toEqual([]);
    const scatter = strFromU8(files[chartFiles.find((c) => strFromU8(files[c]!).includes('scatterChart'))!]!);
    expect(scatter).toContain(`<c:v>${evaluation.cutoffCurve.scenario[3]!.expectedBadRate}</c:v>`);
    expect(slide(7)).toContain(model.sha256);
    expect(slide(7)).toContain('d'.repeat(64));
    expect(slide(7)).toContain('Unemployment change: 4 pp');
    expect(slide(7)).toContain('by Riskdial, in the browser; nothing uploaded');
    expect(slide(4)).toContain(`lending-club-pd (${model.sha256.slice(0, 12)})`);
  });
});

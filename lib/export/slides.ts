/**
 * The board page as PowerPoint slides (pptxgenjs): a title slide with the headline, the KPIs, one
 * slide per chart as a native chart the consultant can restyle in PowerPoint (its numbers are in the
 * file, not a picture of them), and the assumptions and provenance.
 */
import PptxGenJS from 'pptxgenjs';
import type { BoardChart, BoardPage } from './board';
import { NUMBER_FORMATS } from './figures';

export const SLIDES_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

const INK = '0F172A';
const MUTED = '475569';
const BASELINE_COLOUR = '94A3B8';
const SCENARIO_COLOUR = 'C2410C';
const FONT = 'Arial';

function titled(deck: PptxGenJS, title: string, subtitle?: string) {
  const slide = deck.addSlide();
  slide.addText(title, { x: 0.5, y: 0.3, w: 12.3, h: 0.7, fontFace: FONT, fontSize: 26, bold: true, color: INK });
  if (subtitle) slide.addText(subtitle, { x: 0.5, y: 0.95, w: 12.3, h: 0.45, fontFace: FONT, fontSize: 14, color: MUTED });
  return slide;
}

function footer(slide: PptxGenJS.Slide, text: string) {
  slide.addText(text, { x: 0.5, y: 7.0, w: 12.3, h: 0.3, fontFace: FONT, fontSize: 9, color: MUTED });
}

function chartSlide(deck: PptxGenJS, chart: BoardChart, source: string) {
  const slide = titled(deck, chart.title, chart.subtitle);
  const common = {
    x: 0.5,
    y: 1.5,
    w: 12.3,
    h: 5.4,
    fontFace: FONT,
    showLegend: true,
    legendPos: 'b' as const,
    valAxisLabelFormatCode: NUMBER_FORMATS[chart.unit],
    chartColors: [BASELINE_COLOUR, SCENARIO_COLOUR],
  };
  if (chart.kind === 'scatter' && chart.x) {
    const data = [{ name: chart.x.name, values: chart.x.values }, ...chart.series];
    slide.addChart(deck.ChartType.scatter, data, {
      ...common,
      lineSize: 2,
      lineDataSymbol: 'none',
      showCatAxisTitle: true,
      catAxisTitle: chart.x.name,
      catLabelFormatCode: NUMBER_FORMATS[chart.x.unit],
      showValAxisTitle: true,
      valAxisTitle: chart.series[0]?.name ?? '',
    });
  } else {
    const data = chart.series.map((s) => ({ name: s.name, labels: chart.categories, values: s.values }));
    slide.addChart(deck.ChartType.bar, data, { ...common, barDir: 'col', barGrouping: 'clustered' });
  }
  footer(slide, source);
}

/** The deck as the bytes of a .pptx file. */
export async function boardSlides(page: BoardPage): Promise<Uint8Array> {
  const deck = new PptxGenJS();
  deck.layout = 'LAYOUT_WIDE';
  deck.author = 'Riskdial';
  deck.title = `Riskdial: ${page.title}`;

  const cover = deck.addSlide();
  cover.addText(page.title, { x: 0.6, y: 1.6, w: 12.1, h: 1, fontFace: FONT, fontSize: 34, bold: true, color: INK });
  cover.addText(page.headline.levers, { x: 0.6, y: 2.7, w: 12.1, h: 0.6, fontFace: FONT, fontSize: 16, color: SCENARIO_COLOUR });
  cover.addText(page.headline.sentence, { x: 0.6, y: 3.4, w: 12.1, h: 1.6, fontFace: FONT, fontSize: 20, color: INK, valign: 'top' });
  footer(cover, page.source);

  const kpis = titled(deck, 'Key figures', page.headline.levers);
  const header = ['Figure', 'Baseline', 'Scenario', 'Change'].map((text) => ({ text, options: { bold: true, fill: { color: 'E2E8F0' } } }));
  const rows = page.kpis.map((k) => [k.label, k.baseline, k.scenario, k.change].map((text) => ({ text })));
  kpis.addTable([header, ...rows], {
    x: 0.5,
    y: 1.6,
    w: 12.3,
    colW: [5.1, 2.4, 2.4, 2.4],
    fontFace: FONT,
    fontSize: 14,
    color: INK,
    border: { type: 'solid', pt: 0.5, color: 'CBD5E1' },
  });
  footer(kpis, page.source);

  for (const chart of page.charts) chartSlide(deck, chart, page.source);

  const last = titled(deck, 'Assumptions and provenance');
  last.addText(
    page.assumptions.map((text) => ({ text, options: { breakLine: true } })),
    {
      x: 0.5,
      y: 1.2,
      w: 6.4,
      h: 5.7,
      fontFace: FONT,
      fontSize: 10,
      color: INK,
      valign: 'top',
    },
  );
  last.addText(
    page.provenance.map((text) => ({ text, options: { breakLine: true } })),
    {
      x: 7.1,
      y: 1.2,
      w: 5.7,
      h: 5.7,
      fontFace: FONT,
      fontSize: 10,
      color: MUTED,
      valign: 'top',
    },
  );
  return (await deck.write({ outputType: 'uint8array' })) as Uint8Array;
}

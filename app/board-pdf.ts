/**
 * The board page as a PDF made in the browser (jsPDF): the headline, the KPI table, the main charts as
 * vector graphics (each chart's own SVG, drawn by svg2pdf), then every assumption and the provenance,
 * on A4 or Letter. Text is set in DejaVu Sans, served by this origin and embedded, so the minus signs,
 * arrows and the dashes of the page's figures print, and a PDF reader (or pdftotext) reads them back.
 */
import type { PaperSize } from '@/components/export-panel';
import type { BoardPage } from '@/lib/export';

/** Letter where the reader's locale is the United States or Canada; A4 elsewhere. */
export const defaultPaper = (language: string): PaperSize => (/-(US|CA)$/i.test(language) ? 'letter' : 'a4');

export interface ChartDrawing {
  svg: string;
  width: number;
  height: number;
}

const FONT = 'DejaVuSans';
const MARGIN = 40;
const INK: [number, number, number] = [15, 23, 42];
const MUTED: [number, number, number] = [71, 85, 105];
const SCENARIO: [number, number, number] = [194, 65, 12];

async function fontBase64(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The PDF's font ${url} could not be loaded (HTTP ${response.status}).`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** CSS properties that are also SVG presentation attributes: what a style attribute may become. */
const PRESENTATION = new Set([
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-size',
  'font-weight',
  'font-family',
  'text-anchor',
  'display',
  'visibility',
]);

/**
 * A chart's style attributes (React sets some styles on Recharts' elements) as SVG presentation
 * attributes: parsing markup with style attributes counts as inline style under the page's policy.
 * A property the element already has as an attribute keeps the attribute (a duplicate would not parse).
 */
const stylesAsAttributes = (svg: string) =>
  svg.replace(/<[^>]* style="[^"]*"[^>]*>/g, (tag) => {
    const style = / style="([^"]*)"/.exec(tag)![1]!;
    const rest = tag.replace(/ style="[^"]*"/, '');
    const attributes = style
      .split(';')
      .map((declaration) => declaration.split(':').map((part) => part.trim()))
      .filter(([name, value]) => name && value && PRESENTATION.has(name) && !new RegExp(` ${name}="`).test(rest))
      .map(([name, value]) => ` ${name}="${value}"`)
      .join('');
    return rest.replace(/^<([\w:-]+)/, `<$1${attributes}`);
  });

/** A chart's SVG as an element svg2pdf reads, its text in the PDF's font and faces. */
function chartElement(svg: string): Element {
  // svg2pdf picks a registered face by weight: the page's 500 and 600 become the two faces the PDF has.
  const markup = stylesAsAttributes(svg)
    .replace(/font-family="[^"]*"/g, `font-family="${FONT}"`)
    .replace(/font-weight="(\d+)"/g, (_, weight: string) => `font-weight="${Number(weight) >= 600 ? 'bold' : 'normal'}"`);
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
  if (parsed.querySelector('parsererror')) throw new Error('A chart could not be read for the PDF.');
  return parsed.documentElement;
}

/** The board page as a PDF file. */
export async function boardPdf(page: BoardPage, charts: ChartDrawing[], paper: PaperSize): Promise<Blob> {
  const [{ jsPDF }, { svg2pdf }, regular, bold] = await Promise.all([
    import('jspdf'),
    import('svg2pdf.js'),
    fontBase64('/fonts/DejaVuSans.ttf'),
    fontBase64('/fonts/DejaVuSans-Bold.ttf'),
  ]);
  const doc = new jsPDF({ unit: 'pt', format: paper, compress: true });
  doc.addFileToVFS('DejaVuSans.ttf', regular);
  doc.addFont('DejaVuSans.ttf', FONT, 'normal');
  doc.addFileToVFS('DejaVuSans-Bold.ttf', bold);
  doc.addFont('DejaVuSans-Bold.ttf', FONT, 'bold');
  doc.setProperties({ title: `Riskdial: ${page.title}`, subject: page.headline.sentence, creator: 'Riskdial' });
  const width = doc.internal.pageSize.getWidth();
  const height = doc.internal.pageSize.getHeight();
  const inner = width - 2 * MARGIN;

  let y = MARGIN;
  const write = (text: string, size: number, style: 'normal' | 'bold', colour: [number, number, number], gap = 4) => {
    doc
      .setFont(FONT, style)
      .setFontSize(size)
      .setTextColor(...colour);
    const lines = doc.splitTextToSize(text, inner) as string[];
    doc.text(lines, MARGIN, y, { baseline: 'top' });
    y += lines.length * size * 1.25 + gap;
  };
  const footer = () => {
    doc
      .setFont(FONT, 'normal')
      .setFontSize(7)
      .setTextColor(...MUTED);
    doc.text(doc.splitTextToSize(page.source, inner) as string[], MARGIN, height - 24, { baseline: 'top' });
  };

  write(`Riskdial · ${page.title}`, 18, 'bold', INK, 6);
  write(page.headline.levers, 10, 'normal', SCENARIO);
  write(page.headline.sentence, 11, 'normal', INK, 10);

  // The KPI table: figure, baseline, scenario, change.
  const columns = [MARGIN, MARGIN + inner * 0.42, MARGIN + inner * 0.58, MARGIN + inner * 0.74];
  doc.setFillColor(226, 232, 240).rect(MARGIN, y - 2, inner, 14, 'F');
  doc
    .setFont(FONT, 'bold')
    .setFontSize(8.5)
    .setTextColor(...INK);
  ['Figure', 'Baseline', 'Scenario', 'Change'].forEach((h, k) => doc.text(h, columns[k]! + 3, y, { baseline: 'top' }));
  y += 15;
  doc.setFont(FONT, 'normal');
  for (const k of page.kpis) {
    [k.label, k.baseline, k.scenario, k.change].forEach((cell, c) => doc.text(cell, columns[c]! + 3, y, { baseline: 'top' }));
    y += 12.5;
  }
  y += 10;

  // The charts two abreast, as vectors, each scaled to its column.
  const gap = 14;
  const cell = (inner - gap) / 2;
  for (let k = 0; k < charts.length; k += 2) {
    const row = charts.slice(k, k + 2);
    const rowHeight = Math.max(...row.map((c) => (c.height / c.width) * cell));
    if (y + rowHeight > height - 48) {
      footer();
      doc.addPage();
      y = MARGIN;
    }
    for (const [i, chart] of row.entries()) {
      await svg2pdf(chartElement(chart.svg), doc, {
        x: MARGIN + i * (cell + gap),
        y,
        width: cell,
        height: (chart.height / chart.width) * cell,
      });
    }
    y += rowHeight + gap;
  }
  footer();

  doc.addPage();
  y = MARGIN;
  write('Assumptions', 13, 'bold', INK);
  for (const line of page.assumptions) write(line, 8.5, 'normal', INK, 1);
  y += 10;
  write('Provenance', 13, 'bold', INK);
  for (const line of page.provenance) write(line, 8, 'normal', MUTED, 2);
  footer();
  return doc.output('blob');
}

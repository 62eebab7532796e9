/**
 * A chart on the page as a file a consultant pastes into slides: the chart's own SVG (vector), with
 * its title, subtitle, legend and a source line drawn into it, its colours resolved from the page's CSS
 * variables (a standalone SVG has no stylesheet); and the same as a PNG at twice its size. Made in the
 * browser from what is on screen; nothing is sent anywhere.
 */
import { downloadBlob, downloadText } from './download';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
/** Room above the chart for the title and a one-line subtitle, and below it for the legend and the source line. */
const HEAD = 60;
const FOOT = 58;
/** The subtitle's characters per pixel of width at 12 px, near enough: it wraps between words before the edge. */
const SUBTITLE_CHAR_PX = 6.4;
/** White margin around everything: a slide crops nothing. */
const PAD = 12;
/** The source line's characters per pixel of width, near enough at 10 px: it wraps at its " · " before the edge. */
const SOURCE_CHAR_PX = 5.6;

/** Text in lines that fit `width` at `charPx` pixels a character, broken at `separator`. */
function wrapped(text: string, width: number, separator: string, charPx: number): string[] {
  const lines: string[] = [];
  for (const part of text.split(separator)) {
    const last = lines.at(-1);
    if (last !== undefined && (last.length + separator.length + part.length) * charPx <= width)
      lines[lines.length - 1] = `${last}${separator}${part}`;
    else lines.push(part);
  }
  return lines;
}

export interface ChartImageText {
  title: string;
  subtitle: string;
  /** What the figures rest on: model, tape, levers and time. */
  source: string;
}

/** `var(--x)` in an attribute or style, as the page's computed value of --x. */
function resolveVariables(value: string): string {
  const root = getComputedStyle(document.documentElement);
  return value.replace(/var\((--[\w-]+)\)/g, (_, name: string) => root.getPropertyValue(name).trim() || '#000');
}

/** Text as SVG text content or an attribute value. */
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const text = (x: number, y: number, content: string, size: number, weight: number, fill: string) =>
  `<text x="${x}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escaped(content)}</text>`;

/** The legend's entries as the chart shows them: colour and name. */
function legendOf(card: HTMLElement): { color: string; name: string }[] {
  return [...card.querySelectorAll('.recharts-legend-item')].map((item) => {
    const mark = item.querySelector('path, rect, line');
    // A bar's mark is filled; a line's is stroked (its fill is "none").
    const fill = mark?.getAttribute('fill');
    const color = fill && fill !== 'none' ? fill : (mark?.getAttribute('stroke') ?? '#000');
    return { color: resolveVariables(color), name: item.textContent?.trim() ?? '' };
  });
}

/**
 * The chart in `card` as a standalone SVG document, with its title, legend and source line. Written as
 * text from the chart's serialised markup: the page's policy forbids setting style attributes, so the
 * chart's DOM is read, never cloned or changed.
 */
export function chartSvg(card: HTMLElement, words: ChartImageText): { svg: string; width: number; height: number } {
  const chart = card.querySelector<SVGSVGElement>('.recharts-wrapper > svg.recharts-surface');
  if (!chart) throw new Error(`The chart “${words.title}” is not drawn yet.`);
  const box = chart.getBoundingClientRect();
  const [chartWidth, chartHeight] = [Math.round(box.width), Math.round(box.height)];
  const width = chartWidth + 2 * PAD;
  const source = wrapped(words.source, chartWidth, ' · ', SOURCE_CHAR_PX);
  const subtitle = wrapped(words.subtitle, chartWidth, ' ', SUBTITLE_CHAR_PX);
  // A subtitle of more lines moves the chart down by as many.
  const head = HEAD + 16 * (subtitle.length - 1);
  const height = head + chartHeight + FOOT + 12 * (source.length - 1);
  const markup = resolveVariables(new XMLSerializer().serializeToString(chart))
    // Placed under the title: the chart's own root becomes a nested drawing.
    .replace(/^<svg\b/, `<svg x="${PAD}" y="${head}"`);
  let x = PAD;
  const legend = legendOf(card).map((entry) => {
    const item =
      `<rect x="${x}" y="${head + chartHeight + 8}" width="10" height="10" fill="${escaped(entry.color)}"/>` +
      text(x + 14, head + chartHeight + 17, entry.name, 12, 400, '#334155');
    x += 14 + entry.name.length * 7 + 16;
    return item;
  });
  const svg =
    `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escaped(FONT)}">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    text(PAD, PAD + 16, words.title, 16, 600, '#1e293b') +
    subtitle.map((line, k) => text(PAD, PAD + 36 + 16 * k, line, 12, 400, '#475569')).join('') +
    markup +
    legend.join('') +
    source.map((line, k) => text(PAD, head + chartHeight + 40 + 12 * k, line, 10, 400, '#64748b')).join('') +
    `</svg>`;
  return { svg, width, height };
}

/** A file name from the chart's title: letters, digits and dashes. */
const fileName = (title: string, ext: string) =>
  `riskdial-${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}.${ext}`;

/**
 * Resolves once charts just brought up to date are drawn: the chart library lays its SVG out in
 * effects after React's commit, done two frames later (or after 250 ms where frames do not come, as
 * in a tab in the background).
 */
export const chartsDrawn = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
    window.setTimeout(resolve, 250);
  });

export async function downloadChart(card: HTMLElement, words: ChartImageText, format: 'svg' | 'png'): Promise<void> {
  const { svg, width, height } = chartSvg(card, words);
  if (format === 'svg') return downloadText(fileName(words.title, 'svg'), svg, 'image/svg+xml');
  // Twice the size on screen: sharp on a slide. The SVG is drawn from a data: URL, which the page's policy allows for images.
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * 2;
  canvas.height = height * 2;
  const context = canvas.getContext('2d')!;
  context.scale(2, 2);
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))), 'image/png'),
  );
  downloadBlob(fileName(words.title, 'png'), blob);
}

/** How figures read on the page: compact USD, percentages with sensible decimals, signed changes. */
export type FigureKind = 'usd' | 'percent' | 'count';

const usdCompact = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumSignificantDigits: 3,
});
const usdSmall = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
// Made once: toLocaleString builds a formatter on every call, tens of microseconds each, thousands per render.
const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const fourDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** What a figure that does not exist reads as (a return on no capital, a rate of nothing). */
export const NOT_AVAILABLE = 'n/a';

/** $12.4M, $845K, $950 */
export function formatUsd(value: number): string {
  if (Number.isNaN(value)) return NOT_AVAILABLE;
  // A typographic minus, as the changes use: −$231K.
  return (Math.abs(value) >= 1000 ? usdCompact.format(value) : usdSmall.format(value)).replace(/^-/, '−');
}

/** A share as a percentage: two decimals below 10%, one above (5.27%, 51.4%). */
export function formatPercent(share: number): string {
  if (Number.isNaN(share)) return NOT_AVAILABLE;
  const pct = share * 100;
  const digits = Math.abs(pct) < 10 ? 2 : 1;
  return `${pct.toFixed(digits)}%`.replace(/^-/, '−');
}

export function formatCount(value: number): string {
  return (Math.abs(value) < 100 ? oneDecimal : wholeNumber).format(value);
}

export function formatFigure(kind: FigureKind, value: number): string {
  if (kind === 'usd') return formatUsd(value);
  if (kind === 'percent') return formatPercent(value);
  return formatCount(value);
}

/** Changes smaller than this share of the baseline read as unchanged (float noise, rounding). */
const NEGLIGIBLE_SHARE = 0.0005;

/** Whether a move from `baseline` to `scenario` is too small to report as a change. */
export function isNegligibleChange(baseline: number, scenario: number): boolean {
  if (Number.isNaN(baseline) || Number.isNaN(scenario)) return Number.isNaN(baseline) && Number.isNaN(scenario);
  return scenario === baseline || Math.abs(scenario - baseline) <= NEGLIGIBLE_SHARE * Math.abs(baseline);
}

const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '±');

/** The absolute change in the figure's own terms: +$1.2M, +3.86 pp, −12.5 */
export function formatChange(kind: FigureKind, change: number): string {
  if (Number.isNaN(change)) return NOT_AVAILABLE;
  const magnitude = Math.abs(change);
  if (kind === 'percent') {
    const pp = magnitude * 100;
    return `${sign(change)}${pp.toFixed(pp < 10 ? 2 : 1)} pp`;
  }
  return `${sign(change)}${kind === 'usd' ? formatUsd(magnitude) : formatCount(magnitude)}`;
}

/**
 * The relative change: +15.3%. Empty where a percentage would mislead: a zero or negative baseline (a loss
 * turning into a bigger loss), or a change of ten times the baseline or more (a figure near zero).
 */
export function formatRelativeChange(baseline: number, scenario: number): string {
  if (!(baseline > 0) || Number.isNaN(scenario)) return '';
  const rel = (scenario - baseline) / baseline;
  if (Math.abs(rel) >= 10) return '';
  const pct = Math.abs(rel * 100);
  return `${sign(rel)}${pct.toFixed(pct < 100 ? 1 : 0)}%`;
}

/** An assumption's value with its unit: −30%, +250 bp, 85%, 12.5% PD */
export function formatAssumption(value: number, symbol: string, signed: boolean): string {
  const text = Number.isInteger(value) ? String(Math.abs(value)) : Math.abs(value).toFixed(2).replace(/0$/, '');
  const prefix = signed ? sign(value) : value < 0 ? '−' : '';
  const space = symbol === '%' ? '' : ' ';
  return `${prefix === '±' ? '' : prefix}${text}${space}${symbol}`;
}

/** A whole count with thousands separators: 9,857 */
export function formatInteger(value: number): string {
  return wholeNumber.format(Math.round(value));
}

/** A share as a percentage with fixed decimals, for axes and tooltips: 20%, 4.5% */
export function formatShare(share: number, digits: number): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** A plain decimal with fixed digits: an AUC of 0.736 */
export function formatDecimal(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** A small deviation in scientific notation: 3.2e-7 */
export function formatScientific(value: number, digits: number): string {
  return value.toExponential(digits);
}

/** Any other number, as written: up to four decimals, thousands separated (150, 0.25, 12,500) */
export function formatNumber(value: number): string {
  return fourDecimals.format(value);
}

/** "lending-club-pd v1.1.0"; a card drafted from a bare file has no version to show. */
export const modelLabel = (model: { name: string; version: string }): string =>
  model.version && model.version !== 'unversioned' ? `${model.name} v${model.version}` : model.name;

/** A name as a test id or file name part: lower case, runs of anything else but letters and digits as "-". */
export const slugOf = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

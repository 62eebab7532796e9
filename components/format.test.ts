import { describe, expect, it } from 'vitest';
import { formatAssumption, formatChange, formatCount, formatPercent, formatRelativeChange, formatUsd, isNegligibleChange } from './format';

describe('figure formatting', () => {
  it('USD in compact units', () => {
    expect(formatUsd(12_437_000)).toBe('$12.4M');
    expect(formatUsd(154_592_825)).toBe('$155M');
    expect(formatUsd(845_300)).toBe('$845K');
    expect(formatUsd(950)).toBe('$950');
    expect(formatUsd(1_250_000_000)).toBe('$1.25B');
  });

  it('percentages with two decimals below 10%, one above', () => {
    expect(formatPercent(0.052703)).toBe('5.27%');
    expect(formatPercent(0.5137)).toBe('51.4%');
    expect(formatPercent(1)).toBe('100.0%');
  });

  it('changes carry a sign; rates change in percentage points', () => {
    expect(formatChange('usd', 1_234_000)).toBe('+$1.23M');
    expect(formatChange('usd', -50_000)).toBe('−$50K');
    expect(formatChange('percent', 0.0386)).toBe('+3.86 pp');
    expect(formatChange('count', -12.5)).toBe('−12.5');
    expect(formatChange('percent', 0)).toBe('±0.00 pp');
    expect(formatRelativeChange(100, 115.3)).toBe('+15.3%');
    expect(formatRelativeChange(100, 50)).toBe('−50.0%');
    expect(formatRelativeChange(100, 260)).toBe('+160%');
    expect(formatRelativeChange(0, 5)).toBe('');
    expect(formatCount(519.49)).toBe('519');
  });

  it('assumption values with units', () => {
    expect(formatAssumption(-30, '%', true)).toBe('−30%');
    expect(formatAssumption(250, 'bp', true)).toBe('+250 bp');
    expect(formatAssumption(0, 'pp', true)).toBe('0 pp');
    expect(formatAssumption(85, '%', false)).toBe('85%');
    expect(formatAssumption(12.5, '% PD', false)).toBe('12.5 % PD');
    expect(formatAssumption(2.25, 'pp', true)).toBe('+2.25 pp');
  });

  it('a change under 0.05% of the baseline reads as unchanged, on cards and in the headline alike', () => {
    expect(isNegligibleChange(7_580_000, 7_583_000)).toBe(true); // +0.04%
    expect(isNegligibleChange(7_580_000, 7_585_000)).toBe(false); // +0.07%
    expect(isNegligibleChange(0, 0)).toBe(true);
    expect(isNegligibleChange(0, 0.001)).toBe(false);
  });

  it('a figure that does not exist reads n/a; a loss reads with a minus; no percentage off a negative or tiny baseline', () => {
    expect(formatPercent(Number.NaN)).toBe('n/a');
    expect(formatUsd(Number.NaN)).toBe('n/a');
    expect(formatChange('percent', Number.NaN)).toBe('n/a');
    expect(formatUsd(-231_090)).toBe('−$231K');
    expect(formatPercent(-0.0796)).toBe('−7.96%');
    expect(formatRelativeChange(-231_090, -5_090_000)).toBe('');
    expect(formatRelativeChange(1_000, 50_000)).toBe('');
    expect(formatRelativeChange(1_000, 5_000)).toBe('+400%');
    expect(isNegligibleChange(Number.NaN, 0.1)).toBe(false);
    expect(isNegligibleChange(Number.NaN, Number.NaN)).toBe(true);
  });
});

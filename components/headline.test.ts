import { describe, expect, it } from 'vitest';
import { scenarioHeadline, type HeadlineLever } from './headline';

const lever = (label: string, symbol: string, value: number, defaultValue: number, signed = true): HeadlineLever => ({
  label,
  symbol,
  value,
  defaultValue,
  signed,
});
const baseline = { expectedLoss: 7_580_000, riskAdjustedReturn: 0.514, approvalRate: 1, exposure: 154_592_825 };

describe('scenario headline', () => {
  it('names the moved levers and says what happens to loss, return and approvals', () => {
    const h = scenarioHeadline(
      [
        lever('Income shock', '%', -20, 0),
        lever('Unemployment change', 'pp', 3, 0),
        lever('Loss given default', '%', 85, 85, false),
        lever('Approval cut-off', '% PD', 20, 100, false),
      ],
      baseline,
      { expectedLoss: 8_620_000, riskAdjustedReturn: 0.265, approvalRate: 0.921, exposure: 140_000_000 },
    );
    expect(h.levers).toBe('Income shock −20% · Unemployment change +3 pp · Approval cut-off 20 % PD');
    expect(h.sentence).toBe(
      'Expected loss rises by $1.04M (+13.7%) to $8.62M, return on capital falls from 51.4% to 26.5% and the cut-off declines 7.90% of loans.',
    );
  });

  it('a milder scenario lowers the loss', () => {
    const h = scenarioHeadline([lever('Loss given default', '%', 60, 85, false)], baseline, {
      ...baseline,
      expectedLoss: 5_350_588,
      riskAdjustedReturn: 0.9,
    });
    expect(h.sentence).toBe('Expected loss falls by $2.23M (−29.4%) to $5.35M and return on capital rises from 51.4% to 90.0%.');
  });

  it('at the baseline it states the book', () => {
    const h = scenarioHeadline([lever('Income shock', '%', 0, 0)], baseline, baseline);
    expect(h.levers).toBe('Baseline');
    expect(h.sentence).toBe('Expected loss $7.58M on $155M of exposure; return on capital 51.4%. Move a lever to see what changes.');
  });
});

import { describe, expect, it } from 'vitest';
import { scenarioHeadline, type HeadlineLever } from './headline';

const lever = (label: string, symbol: string, value: number, defaultValue: number, signed = true): HeadlineLever => ({
  label,
  symbol,
  value,
  defaultValue,
  signed,
});
const baseline = { expectedLoss: 7_620_000, returnOnCapital: 0.11, exposure: 154_592_825 };
const allApproved = { baseline: 1, scenario: 1 };

describe('scenario headline', () => {
  it('names the moved levers and says what happens to the book’s loss and return, and to new business approvals', () => {
    const h = scenarioHeadline(
      [
        lever('Income shock', '%', -20, 0),
        lever('Unemployment change', 'pp', 3, 0),
        lever('Loss given default', '%', 85, 85, false),
        lever('Approval cut-off', '% PD', 20, 100, false),
      ],
      baseline,
      { expectedLoss: 8_660_000, returnOnCapital: 0.025, exposure: 154_592_825 },
      { baseline: 0.95, scenario: 0.921 },
    );
    expect(h.levers).toBe('Income shock −20% · Unemployment change +3 pp · Approval cut-off 20 % PD');
    expect(h.sentence).toBe(
      "The book's expected loss rises by $1.04M (+13.6%) to $8.66M, return on capital falls from 11.0% to 2.50% and new business at the cut-off approves 92.1% of applicants (95.0% at baseline PDs).",
    );
  });

  it('a milder scenario lowers the loss; with every applicant approved there is no approval clause', () => {
    const h = scenarioHeadline(
      [lever('Loss given default', '%', 60, 85, false)],
      baseline,
      { ...baseline, expectedLoss: 5_378_824, returnOnCapital: 0.2 },
      allApproved,
    );
    expect(h.sentence).toBe("The book's expected loss falls by $2.24M (−29.4%) to $5.38M and return on capital rises from 11.0% to 20.0%.");
  });

  it('a return on no capital reads n/a, not 0%', () => {
    const h = scenarioHeadline(
      [lever('Loss given default', '%', 0, 85, false)],
      baseline,
      { ...baseline, expectedLoss: 0, returnOnCapital: Number.NaN },
      allApproved,
    );
    expect(h.sentence).toContain('return on capital is n/a (was 11.0%)');
  });

  it('at the baseline it states the book', () => {
    const h = scenarioHeadline([lever('Income shock', '%', 0, 0)], baseline, baseline, allApproved);
    expect(h.levers).toBe('Baseline');
    expect(h.sentence).toBe(
      "The book's expected loss is $7.62M on $155M of exposure; return on capital 11.0%. Move a lever to see what changes.",
    );
  });
});

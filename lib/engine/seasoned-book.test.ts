/** A seasoned book: balances, age, arrears and origination PDs from the tape drive EAD, the schedule and staging. */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { LENDING_CLUB_BOOK_COLUMNS } from '../portfolio';
import { BASELINE_ASSUMPTIONS } from '../scenario';
import { bundledCard, TAPE_PATH } from '../testing';
import { ScenarioEngine } from './engine';
import { openEngine } from './open';
import { localLoanFigures, type LoanFiguresRunner } from './per-loan';

const rows = Papa.parse<Record<string, string>>(readFileSync(TAPE_PATH, 'utf8'), { header: true, skipEmptyLines: true }).data.slice(0, 400);

/** The first 400 loans a year on: 80% of the amount lent still owed; loan 1 is 120 days past due and loan 2 is 45. */
function seasonedTape(change: (row: Record<string, string>, i: number) => Record<string, string> = (r) => r) {
  const seasoned = rows.map((r, i) =>
    change(
      {
        ...r,
        outstanding_balance: String(Math.round(Number(r.funded_amnt) * 0.8)),
        months_on_book: '12',
        days_past_due: i === 0 ? '120' : i === 1 ? '45' : '0',
        origination_pd: '0.02',
      },
      i,
    ),
  );
  return Papa.unparse(seasoned);
}

describe('a seasoned book', () => {
  it('uses the outstanding balance as exposure, the remaining term, and stages by arrears and origination PD', async () => {
    const opened = await openEngine({ ...bundledCard(), csvText: seasonedTape() });
    if (!opened.ok) throw new Error(opened.issues[0]!.message);
    const result = await opened.engine.evaluate(BASELINE_ASSUMPTIONS);
    const book = result.scenario.book;
    expect(result.exposureBasis).toBe('outstanding');
    const owed = rows.reduce((s, r) => s + Math.round(Number(r.funded_amnt) * 0.8), 0);
    expect(book.exposure).toBe(owed);
    const loans = await opened.engine.loanLevel(BASELINE_ASSUMPTIONS);
    expect(loans.stage[0]).toBe(3);
    expect(loans.stage[1]).toBe(2);
    expect(loans.pdScenario[0]).toBe(1);
    // The credit-impaired loan's ECL is its whole balance at the point-in-time LGD.
    expect(loans.ifrs9Ecl[0]).toBeCloseTo(0.85 * Math.round(Number(rows[0]!.funded_amnt) * 0.8), 6);
    expect(book.stage3Share).toBeCloseTo(Math.round(Number(rows[0]!.funded_amnt) * 0.8) / owed, 12);
    // Against a 2% origination PD, loans whose PD now is over 4% (and 2 pp more) are in stage 2 even at the baseline.
    expect(book.stage2Share).toBeGreaterThan(0.2);
    // New business is the same applicants lent their full amount: exposure at origination.
    expect(result.newBusiness.scenario.exposure).toBe(rows.reduce((s, r) => s + Number(r.funded_amnt), 0));
    await opened.model.release();
  });

  it('a lever move computes every loan’s figures twice, for the book and for new business: the baselines’ are kept', async () => {
    const opened = await openEngine({ ...bundledCard(), csvText: seasonedTape() });
    if (!opened.ok) throw new Error(opened.issues[0]!.message);
    let runs = 0;
    const counted: LoanFiguresRunner = (job, between) => (runs++, localLoanFigures(job, between));
    const engine = new ScenarioEngine(opened.manifest, opened.tape, opened.model.scorePd, { perLoan: counted });
    await engine.evaluate(BASELINE_ASSUMPTIONS);
    for (const [k, shock] of [-5, -10, -15].entries()) {
      runs = 0;
      const moved = await engine.evaluate({ ...BASELINE_ASSUMPTIONS, 'income-shock': shock, 'rate-shock': k + 1 });
      expect(runs).toBe(2);
      expect(moved).toEqual(await opened.engine.evaluate(moved.assumptions));
    }
  });

  it('refuses a loan that owes more than it was lent, or is past its term while performing, naming row, column and value', async () => {
    const csv = seasonedTape((r, i) =>
      i === 2 ? { ...r, outstanding_balance: String(Number(r.funded_amnt) + 1) } : i === 4 ? { ...r, months_on_book: '80' } : r,
    );
    const opened = await openEngine({ ...bundledCard(), csvText: csv });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.issues).toEqual([
      expect.objectContaining({ row: 3, column: 'outstanding_balance', value: String(Number(rows[2]!.funded_amnt) + 1) }),
      expect.objectContaining({ row: 5, column: 'months_on_book', value: '80' }),
    ]);
    expect(opened.issues[1]!.message).toMatch(/fewer than the term \((36|60) months\) for a loan not 90 or more days past due/);
  });
});

describe('a seasoned book under the bank’s own names', () => {
  it('the card names the tape’s columns for balance, age, arrears and origination PD: the same figures', async () => {
    const rename: Record<string, string> = {
      outstanding_balance: 'balance_today',
      months_on_book: 'age_months',
      days_past_due: 'arrears_days',
      origination_pd: 'pd_at_origination',
    };
    const renamed = seasonedTape((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [rename[k] ?? k, v])));
    const card = JSON.parse(new TextDecoder().decode(bundledCard().cardBytes));
    card.bookColumns = {
      ...LENDING_CLUB_BOOK_COLUMNS,
      state: { balance: 'balance_today', monthsOnBook: 'age_months', daysPastDue: 'arrears_days', originationPd: 'pd_at_origination' },
    };
    const mine = await openEngine({ ...bundledCard(), cardBytes: new TextEncoder().encode(JSON.stringify(card)), csvText: renamed });
    const theirs = await openEngine({ ...bundledCard(), csvText: seasonedTape() });
    if (!mine.ok || !theirs.ok) throw new Error('a tape was refused');
    const stress = { ...BASELINE_ASSUMPTIONS, 'unemployment-change': 2 };
    const [a, b] = await Promise.all([mine.engine.evaluate(stress), theirs.engine.evaluate(stress)]);
    expect(a.exposureBasis).toBe('outstanding');
    expect(a.scenario.book).toEqual(b.scenario.book);
    // Without the mapping those columns are not read: the book is at origination.
    const unmapped = await openEngine({ ...bundledCard(), csvText: renamed });
    if (!unmapped.ok) throw new Error('refused');
    expect((await unmapped.engine.evaluate(stress)).exposureBasis).toBe('origination');
    // A balance above the amount lent is refused under the tape's own column name.
    const over = seasonedTape((r, i) => (i === 2 ? { ...r, outstanding_balance: '99999999' } : r));
    const overRenamed = Papa.unparse(
      Papa.parse<string[]>(over, { skipEmptyLines: true }).data.map((row, i) => (i === 0 ? row.map((c) => rename[c] ?? c) : row)),
    );
    const refused = await openEngine({ ...bundledCard(), cardBytes: new TextEncoder().encode(JSON.stringify(card)), csvText: overRenamed });
    expect(!refused.ok && refused.issues[0]!.message).toMatch(/^Row 3, column "balance_today": /);
    for (const o of [mine, theirs, unmapped]) await o.model.release();
  });
});

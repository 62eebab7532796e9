import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from './columns';
import { LOAN_TAPE_COLUMNS } from './lending-club';
import { parseLoanTape } from './parse';

const specs: ColumnSpec[] = [
  { column: 'funded_amnt', kind: 'number', description: 'amount lent', unit: 'USD', min: 1, max: 10_000_000 },
  { column: 'term', kind: 'category', description: 'loan term', categories: ['term_36', 'term_60'] },
  { column: 'inq_fi', kind: 'number', description: 'inquiries', unit: 'count', min: 0, max: 1000, integer: true, allowMissing: true },
];
const header = 'funded_amnt,term,inq_fi';

describe('loan tape validation', () => {
  it('reads the bundled tape: 9,857 loans, nothing missing', () => {
    const result = parseLoanTape(readFileSync('data/lending_club.csv', 'utf8'), LOAN_TAPE_COLUMNS);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.tape.loanCount).toBe(9857);
    expect(result.tape.numbers.funded_amnt![0]).toBe(16100);
    expect(result.tape.categories.sub_grade![1]).toBe('C1');
    expect(Object.values(result.tape.missingCounts).every((n) => n === 0)).toBe(true);
    expect(result.tape.ignoredColumns).toContain('num_il_tl');
  });

  it('names the row, the column, the value and what was expected', () => {
    const result = parseLoanTape(`${header}\n1000,term_36,0\n12x,term_36,0\n`, specs);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        row: 2,
        column: 'funded_amnt',
        value: '12x',
        expected: 'a number from 1 to 10,000,000 (USD)',
        message: 'Row 2, column "funded_amnt": "12x" is not a number; expected a number from 1 to 10,000,000 (USD).',
      },
    ]);
  });

  it('refuses unknown categories, out-of-range and fractional counts, and empty required cells', () => {
    const result = parseLoanTape(`${header}\n0,term_48,1.5\n,term_36,2\n`, specs);
    if (result.ok) throw new Error('expected problems');
    expect(result.issues.map((i) => i.message)).toEqual([
      'Row 1, column "funded_amnt": 0 is out of range; expected a number from 1 to 10,000,000 (USD).',
      'Row 1, column "term": "term_48" is not a known category; expected one of term_36, term_60.',
      'Row 1, column "inq_fi": 1.5 is not a whole number; expected a whole number from 0 to 1,000 (count).',
      'Row 2, column "funded_amnt": the value is empty; expected a number from 1 to 10,000,000 (USD).',
    ]);
  });

  it('keeps a blank as missing only where the model imputes it, and counts it', () => {
    const result = parseLoanTape(`${header}\n1000,term_36,\n`, specs);
    if (!result.ok) throw new Error(result.issues[0]!.message);
    expect(Number.isNaN(result.tape.numbers.inq_fi![0]!)).toBe(true);
    expect(result.tape.missingCounts.inq_fi).toBe(1);
  });

  it('reports missing columns, ragged rows, empty files', () => {
    const missing = parseLoanTape('funded_amnt,inq_fi\n1000,1\n', specs);
    expect(!missing.ok && missing.issues[0]!.message).toBe('Column "term" is missing: expected loan term, one of term_36, term_60.');
    const ragged = parseLoanTape(`${header}\n1000,term_36\n`, specs);
    expect(!ragged.ok && ragged.issues[0]!.message).toBe('Row 1 has 2 fields; the header has 3.');
    const empty = parseLoanTape('', specs);
    expect(!empty.ok && empty.issues[0]!.message).toMatch(/empty/);
  });

  it('lists the first 50 problems and counts them all', () => {
    const rows = Array.from({ length: 120 }, () => 'abc,term_36,0').join('\n');
    const result = parseLoanTape(`${header}\n${rows}\n`, specs);
    if (result.ok) throw new Error('expected problems');
    expect(result.issues).toHaveLength(50);
    expect(result.totalIssues).toBe(120);
  });

  it('does not coerce numbers written in other ways', () => {
    const result = parseLoanTape(`${header}\n"1,000",term_36,0\n0x10,term_36,0\n`, specs);
    if (result.ok) throw new Error('expected problems');
    expect(result.issues.map((i) => i.value)).toEqual(['1,000', '0x10']);
  });

  it('skips blank and whitespace-only lines and a byte-order mark; shares one string per category across loans', () => {
    const result = parseLoanTape(`\uFEFF${header}\n1000,term_36,0\n   \n\n2000,term_36,1\n`, specs);
    if (!result.ok) throw new Error(result.issues[0]!.message);
    expect(result.tape.loanCount).toBe(2);
    expect(Array.from(result.tape.numbers.funded_amnt!)).toEqual([1000, 2000]);
    expect(result.tape.categories.term).toEqual(['term_36', 'term_36']);
    expect(result.tape.numbers.funded_amnt).toHaveLength(2);
  });
});

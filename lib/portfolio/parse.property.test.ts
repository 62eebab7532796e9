/**
 * Property-based tests (fast-check) over loan tapes: whatever the file holds, parsing never throws,
 * and every refusal names its row, column and value; whatever valid tape is generated, it is read
 * back exactly.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { LOAN_TAPE_COLUMNS, parseLoanTape, type ColumnSpec } from '.';
import { NUMBER_PATTERN, plainDecimal } from './parse';

const COLUMNS = LOAN_TAPE_COLUMNS.map((s) => s.column);

/** A valid value for a column, as text. */
const validCell = (spec: ColumnSpec): fc.Arbitrary<string> => {
  if (spec.kind === 'category') return fc.constantFrom(...spec.categories!);
  const number = spec.integer
    ? fc.integer({ min: spec.min ?? 0, max: Math.min(spec.max ?? 1000, 1000) }).map(String)
    : fc.double({ min: spec.min ?? 0, max: spec.max ?? 1e6, noNaN: true, noDefaultInfinity: true }).map((v) => String(v));
  return spec.allowMissing ? fc.oneof(number, fc.constant('')) : number;
};

/** Anything a cell can hold: numbers, categories, text with commas, quotes and newlines, huge strings. */
const anyCell: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.double().map(String),
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-0', '1e400', '0x10', '=HYPERLINK("x")', 'term_36', 'A1', 'bad', '"', '\n', ','),
  fc.string({ minLength: 100, maxLength: 5000 }),
);

describe('loan tape parsing, whatever the file', () => {
  it('never throws; every refusal names the row, column and value, echoed shortened', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          // Every column, shuffled, with strangers among them: the rows' cells are what is tested.
          fc
            .tuple(fc.shuffledSubarray(COLUMNS, { minLength: COLUMNS.length }), fc.array(fc.string(), { maxLength: 3 }))
            .map(([a, b]) => [...a, ...b]),
          fc.array(fc.oneof(fc.constantFrom(...COLUMNS), fc.string()), { maxLength: 25 }),
        ),
        fc.array(fc.array(anyCell, { minLength: 26, maxLength: 26 }), { maxLength: 8 }),
        fc.boolean(),
        (header, cells, ragged) => {
          // Mostly rows as wide as the header, so that every cell's validation is reached; sometimes ragged.
          const rows = cells.map((r, i) => (ragged && i % 2 ? r.slice(0, i) : r.slice(0, header.length)));
          const text = Papa.unparse([header, ...rows]);
          const result = parseLoanTape(text, LOAN_TAPE_COLUMNS);
          if (result.ok) return;
          expect(result.totalIssues).toBeGreaterThanOrEqual(result.issues.length);
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) {
            expect(issue.message.length).toBeLessThan(600);
            if (issue.row === null) continue;
            expect(issue.message).toMatch(new RegExp(`^Row ${issue.row}[ ,]`));
            expect(issue.value).not.toBeNull();
            expect(Array.from(issue.value!).length).toBeLessThanOrEqual(80);
            if (issue.column !== null) {
              expect(issue.message).toContain(`column "${issue.column}"`);
              expect(issue.message).toContain(`expected ${issue.expected}`);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads a valid tape back exactly, in any column order', () => {
    const tape = fc
      .tuple(fc.shuffledSubarray([...LOAN_TAPE_COLUMNS], { minLength: LOAN_TAPE_COLUMNS.length }), fc.integer({ min: 1, max: 12 }))
      .chain(([specs, count]) =>
        fc.array(fc.tuple(...specs.map(validCell)), { minLength: count, maxLength: count }).map((rows) => ({ specs, rows })),
      );
    fc.assert(
      fc.property(tape, ({ specs, rows }) => {
        const result = parseLoanTape(Papa.unparse([specs.map((s) => s.column), ...rows]), LOAN_TAPE_COLUMNS);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.tape.loanCount).toBe(rows.length);
        specs.forEach((spec, c) => {
          rows.forEach((row, r) => {
            const cell = row[c]!;
            if (spec.kind === 'category') expect(result.tape.categories[spec.column]![r]).toBe(cell);
            else if (cell === '') expect(result.tape.numbers[spec.column]![r]).toBeNaN();
            else expect(result.tape.numbers[spec.column]![r]).toBe(Number(cell));
          });
        });
      }),
      { numRuns: 100 },
    );
  });

  it('reads a plain decimal exactly as Number does, bit for bit, and nothing else', () => {
    const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: max });
    const decimal = fc
      .tuple(fc.constantFrom('', '+', '-'), digits(17), fc.constantFrom('', '.'), digits(17))
      .map(([sign, whole, point, fraction]) => sign + whole + point + fraction);
    const nearDecimal = fc.oneof(decimal, fc.string({ unit: fc.constantFrom(...'0123456789.+-eE x'), maxLength: 20 }));
    fc.assert(
      fc.property(nearDecimal, (text) => {
        const fast = plainDecimal(text);
        if (Number.isNaN(fast)) return;
        expect(NUMBER_PATTERN.test(text)).toBe(true);
        expect(Object.is(fast, Number(text))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    for (const text of ['12.99', '-0', '-0.0', '5.', '.5', '+3', '000123.4500', '999999999999999', '0.00000000000001'])
      expect(Object.is(plainDecimal(text), Number(text))).toBe(true);
    // Longer than 15 digits, or not plain: read the general way.
    for (const text of ['1234567890123456', '1e5', '.', '-', '', '1.2.3', '0x10', ' 1']) expect(plainDecimal(text)).toBeNaN();
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { joinParsedParts, LOAN_TAPE_COLUMNS, parseLoanTape, parseTapePart, partForTransit, partFromTransit, tapeParts } from '.';

const TAPE = readFileSync('data/lending_club.csv', 'utf8');
const COLUMNS = LOAN_TAPE_COLUMNS.map((s) => s.column);

/** The tape cut into `parts`, each parsed on its own, joined. */
const inParts = (text: string, parts: number) =>
  joinParsedParts(tapeParts(text, parts).map((part) => parseTapePart(part, LOAN_TAPE_COLUMNS)));

/** The bundled tape with some rows' cells replaced (row numbers 1-based, as the parser counts). */
function edited(edits: Record<number, (cells: string[]) => string[]>): string {
  const [header, ...rows] = TAPE.trimEnd().split('\n');
  return [header, ...rows.map((row, i) => (edits[i + 1] ? edits[i + 1]!(row.split(',')).join(',') : row))].join('\n');
}

describe('a tape parsed in parts', () => {
  it('cuts at record boundaries, each part headed, and joins into the one-pass parse of the bundled tape', () => {
    const whole = parseLoanTape(TAPE, LOAN_TAPE_COLUMNS);
    for (const parts of [2, 3, 4]) {
      const texts = tapeParts(TAPE, parts);
      expect(texts).toHaveLength(parts);
      for (const text of texts.slice(1)) expect(text.startsWith('"funded_amnt","term",')).toBe(true);
      const lengths = texts.map((t) => t.length);
      expect(Math.max(...lengths) / Math.min(...lengths)).toBeLessThan(1.01);
      expect(inParts(TAPE, parts)).toEqual(whole);
    }
  });

  it('says the same problems on the same rows as one pass, however many parts they fall in', () => {
    // Seventy bad rows across the tape, a ragged one near the end: more than are listed (50).
    const edits: Record<number, (cells: string[]) => string[]> = { 9800: (c) => c.slice(0, 5) };
    for (let k = 0; k < 70; k++) edits[100 + k * 137] = (c) => ['-5', ...c.slice(1)];
    const text = edited(edits);
    const whole = parseLoanTape(text, LOAN_TAPE_COLUMNS);
    if (whole.ok) throw new Error('the edited tape should be refused');
    expect(whole.totalIssues).toBe(71);
    for (const parts of [2, 3]) expect(inParts(text, parts)).toEqual(whole);
    // A problem with the header is said once, not once per part.
    const noAmount = TAPE.replace('"funded_amnt"', '"amount"');
    expect(inParts(noAmount, 3)).toEqual(parseLoanTape(noAmount, LOAN_TAPE_COLUMNS));
  });

  it('never cuts inside a quoted field that holds line breaks, with a byte-order mark in front', () => {
    const [header, ...rows] = TAPE.trimEnd().split('\n');
    // Every row gets a quoted note, some of them over several lines: a cut in the middle would fall inside one.
    const noted = [`${header},"note"`, ...rows.map((r, i) => `${r},"${i % 3 ? 'paid, on time' : 'called\nsaid ""later""\ncalled again'}"`)];
    const text = `\ufeff${noted.join('\r\n')}\r\n`;
    const whole = parseLoanTape(text, LOAN_TAPE_COLUMNS);
    expect(whole.ok && whole.tape.ignoredColumns).toContain('note');
    for (const parts of [2, 3, 4]) expect(inParts(text, parts)).toEqual(whole);
  });

  it('equals one pass whatever the tape holds: quotes, line breaks, blank lines, bad cells (property)', () => {
    const anyCell = fc.oneof(fc.constantFrom('', '1', '36', 'term_36', 'A1', '"', '\n', ',', 'x\ny', '1e3', '0x10'), fc.string());
    fc.assert(
      fc.property(
        fc.array(fc.array(anyCell, { minLength: COLUMNS.length, maxLength: COLUMNS.length }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 2, max: 5 }),
        (rows, parts) => {
          const text = Papa.unparse([COLUMNS, ...rows]);
          expect(inParts(text, parts)).toEqual(parseLoanTape(text, LOAN_TAPE_COLUMNS));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('goes to another thread as codes and comes back the same', () => {
    const [first] = tapeParts(TAPE, 2);
    const part = parseTapePart(first!, LOAN_TAPE_COLUMNS);
    const again = parseTapePart(first!, LOAN_TAPE_COLUMNS);
    const { transit, transfer } = partForTransit(part);
    expect(transit.codes.sub_grade!.labels.length).toBeLessThanOrEqual(35);
    // Moved, as postMessage moves what it is given to transfer.
    const moved = structuredClone(transit, { transfer });
    expect(partFromTransit(moved)).toEqual(again);
  });
});

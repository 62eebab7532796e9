import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readRecords } from './records';

/** Papa Parse's records of a text, blank lines skipped: the reference. */
function papaRecords(text: string): string[][] {
  const records: string[][] = [];
  Papa.parse<string[]>(text, { skipEmptyLines: true, step: ({ data }) => void records.push(data) });
  return records;
}

function records(text: string, upTo = Infinity): string[][] {
  const read: string[][] = [];
  readRecords(text, (record) => read.push(record) < upTo);
  return read;
}

describe('reading a CSV text record by record', () => {
  it('gives Papa Parse’s records for any text: quotes, doubled quotes, quoted commas and line breaks, CR, other delimiters', () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'ab1. '), maxLength: 4 }),
      fc.string({ unit: fc.constantFrom(...'ab1,"\n\r; \t'), maxLength: 6 }),
    );
    const quoted = (c: string) => `"${c.replaceAll('"', '""')}"`;
    // Tables written the usual way (some fields quoted), and raw texts of the same characters.
    const table = fc
      .array(fc.array(fc.tuple(cell, fc.boolean()), { minLength: 1, maxLength: 5 }), { maxLength: 8 })
      .chain((rows) =>
        fc.constantFrom('\n', '\r\n').map((newline) => rows.map((r) => r.map(([c, q]) => (q ? quoted(c) : c)).join(',')).join(newline)),
      );
    const raw = fc.string({ unit: fc.constantFrom(...'ab1,"\n\r; '), maxLength: 60 });
    fc.assert(
      fc.property(fc.oneof(table, raw), (text) => {
        expect(records(text)).toEqual(papaRecords(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a tape’s usual shape itself: bare and quoted fields, blank lines, a last line without a line break', () => {
    const text = '"id","grade",amount\n1,"A",1000\n\n2,"",\n""\n3,"B",2.5';
    expect(records(text)).toEqual([
      ['id', 'grade', 'amount'],
      ['1', 'A', '1000'],
      ['2', '', ''],
      ['3', 'B', '2.5'],
    ]);
    expect(records(text)).toEqual(papaRecords(text));
  });

  it('hands a quoted comma or line break to Papa from its line on, and stops when told', () => {
    const text = 'a,b\n1,2\n"x,y","line\nbreak"\n3,4';
    expect(records(text)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['x,y', 'line\nbreak'],
      ['3', '4'],
    ]);
    expect(records(text, 2)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(records('a;b\n1;2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvChunker, csvRecords, issuesOfFile, type CsvChunk } from './chunks';
import { parseLoanTape } from './parse';
import type { ColumnSpec } from './columns';

const SPECS: ColumnSpec[] = [
  { column: 'id', kind: 'number', description: 'loan id', integer: true },
  { column: 'note', kind: 'category', description: 'a note' },
];

/** Every chunk the chunker makes of `text` fed in `pieces`. */
function chunksOf(text: string, recordsPerChunk: number, cuts: number[] = []): CsvChunk[] {
  const chunker = new CsvChunker(recordsPerChunk);
  const at = [0, ...[...new Set(cuts)].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b), text.length];
  const out = at.slice(1).flatMap((end, i) => chunker.push(text.slice(at[i], end)));
  return [...out, ...chunker.end()];
}

/** The ids of a chunk, read by the tape parser as a tape of its own. */
function ids(chunk: CsvChunk): number[] {
  const parsed = parseLoanTape(chunk.text, SPECS);
  if (!parsed.ok) throw new Error(parsed.issues[0]!.message);
  return Array.from(parsed.tape.numbers.id!);
}

describe('cutting a CSV stream into tapes of whole records', () => {
  const tape =
    '\uFEFFid,note\r\n1,plain\r\n2,"a note, with a comma"\r\n\r\n3,"two\r\nlines"\r\n   \r\n4,"a ""quoted"" word"\r\n5,"quote then\nbreak ""\n"""\r\n6,last';

  it('keeps quoted line breaks and doubled quotes inside their record, wherever the pieces are cut', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: tape.length }), { maxLength: 12 }), fc.integer({ min: 1, max: 7 }), (cuts, size) => {
        const chunks = chunksOf(tape, size, cuts);
        expect(chunks.flatMap(ids)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(chunks.every((c) => c.text.startsWith('id,note\r\n'))).toBe(true);
        // Rows numbered as the parser numbers the whole file's: blank lines do not count.
        expect(chunks.map((c) => c.firstRow)).toEqual(chunks.map((_, k) => 1 + k * size));
        expect(chunks.map((c) => c.records)).toEqual(chunks.map((c) => ids(c).length));
      }),
    );
    const whole = parseLoanTape(tape, SPECS);
    expect(whole.ok && Array.from(whole.tape.categories.note!)).toEqual([
      'plain',
      'a note, with a comma',
      'two\r\nlines',
      'a "quoted" word',
      'quote then\nbreak "\n"',
      'last',
    ]);
  });

  it('a bad row in a later chunk is reported as the row of the whole file', () => {
    const lines = ['id,note', ...Array.from({ length: 25 }, (_, i) => `${i + 1},n${i + 1}`)];
    lines[18] = '18,"x"\n'; // a quoted line break: still one record
    lines[21] = 'twenty-one,n21';
    const text = `${lines.join('\n')}\n`;
    const whole = parseLoanTape(text, SPECS);
    const chunk = chunksOf(text, 10).find((c) => c.firstRow === 21)!;
    const part = parseLoanTape(chunk.text, SPECS);
    expect(part.ok || whole.ok).toBe(false);
    if (part.ok || whole.ok) return;
    expect(issuesOfFile(part.issues, chunk.firstRow)).toEqual(whole.issues);
    expect(whole.issues[0]!.message).toMatch(/^Row 21, column "id": "twenty-one" is not a number/);
  });

  it('a model-points report line is kept apart, even with a lone quote in it and cut anywhere', () => {
    const line = '# riskdial-model-points {"source":{"file":"bank \\"Q1.csv"}}\n';
    const text = `${line}id,note\n1,a\n2,b\n`;
    for (const cut of [3, 10, line.length - 1, line.length + 4]) {
      const chunker = new CsvChunker(5);
      const chunks = [...chunker.push(text.slice(0, cut)), ...chunker.push(text.slice(cut)), ...chunker.end()];
      expect(chunks.map((c) => c.text)).toEqual(['id,note\n1,a\n2,b\n']);
    }
  });

  it('splits a tape into its header and records, as the file has them', () => {
    expect(csvRecords('\uFEFFid,note\r\n1,"a\nb"\r\n\r\n2,c')).toEqual({ header: 'id,note\r\n', records: ['1,"a\nb"\r\n', '2,c\n'] });
    expect(csvRecords('')).toEqual({ header: undefined, records: [] });
  });

  it('an empty text has no chunks and no header; a header alone has no chunks', () => {
    const none = new CsvChunker(5);
    expect([...none.push(''), ...none.end()]).toEqual([]);
    expect(none.headerLine).toBeUndefined();
    const header = new CsvChunker(5);
    expect([...header.push('id,note\n\n'), ...header.end()]).toEqual([]);
    expect(header.headerLine).toBe('id,note\n');
    expect(() => new CsvChunker(0)).toThrow(/at least one record/);
  });
});

import { describe, expect, it } from 'vitest';
import { BOOK_STATE_COLUMNS, LOAN_TAPE_COLUMNS, mergeTapeNotes, parseLoanTape, tapeNotes } from '.';

const header = LOAN_TAPE_COLUMNS.filter((c) => !c.optional).map((c) => c.column);
const row = ['10000', 'term_36', '12.5', 'B2', 'Verified', '55000', 'emp_5', '0', '1', '0', '', '40', '2', '5000', '9000'];

function notesFor(extraColumns: string[], extraValues: string[]) {
  const text = `${[...header, ...extraColumns].join(',')}\n${[...row, ...extraValues].join(',')}\n`;
  const parsed = parseLoanTape(text, LOAN_TAPE_COLUMNS);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  return tapeNotes(parsed.tape, LOAN_TAPE_COLUMNS);
}

describe('what the engine says it did to a tape', () => {
  it('suggests the column probably meant: the same name but for case, spaces and underscores, or its last part', () => {
    expect(notesFor(['Addr State', 'outcome'], ['CA', 'good']).absentColumns).toEqual([
      { column: 'addr_state', description: 'borrower state', withoutIt: 'figures by state read “n/a”', suggestion: 'Addr State' },
      { column: 'Class', description: 'observed outcome', withoutIt: 'observed bad rates read “n/a”' },
      ...BOOK_STATE_COLUMNS.map((column) => expect.objectContaining({ column })),
    ]);
    expect(notesFor(['state'], ['CA']).absentColumns[0]).toEqual({
      column: 'addr_state',
      description: 'borrower state',
      withoutIt: 'figures by state read “n/a”',
      suggestion: 'state',
    });
  });

  it('suggests nothing for a short or unrelated name, and counts blank cells per column', () => {
    const notes = notesFor(['st'], ['CA']);
    expect(notes.absentColumns[0]).toEqual({
      column: 'addr_state',
      description: 'borrower state',
      withoutIt: 'figures by state read “n/a”',
    });
    // A book without its state today is read at origination, and the page says what that means.
    expect(notes.absentColumns.find((a) => a.column === 'outstanding_balance')?.withoutIt).toBe(
      'the book is read at origination: exposure is the amount lent',
    );
    expect(notes.absentColumns.find((a) => a.column === 'days_past_due')?.withoutIt).toMatch(/no loan is in stage 3/);
    expect(notes.ignoredColumns).toEqual(['st']);
    expect(notes.imputedCells).toEqual([{ column: 'revol_util', cells: 1 }]);
  });

  it('two parts of one file: the same columns noted once, their blank cells added up', () => {
    const a = { ignoredColumns: ['x'], absentColumns: [], imputedCells: [{ column: 'revol_util', cells: 3 }] };
    const b = {
      ignoredColumns: ['x'],
      absentColumns: [],
      imputedCells: [
        { column: 'revol_util', cells: 2 },
        { column: 'all_util', cells: 1 },
      ],
    };
    expect(mergeTapeNotes(a, b)).toEqual({
      ignoredColumns: ['x'],
      absentColumns: [],
      imputedCells: [
        { column: 'revol_util', cells: 5 },
        { column: 'all_util', cells: 1 },
      ],
    });
  });
});

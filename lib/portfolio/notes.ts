/**
 * What the engine did to a tape, said out loud: columns it ignored, optional columns the file lacks
 * (with the file's column that was probably meant), and blank cells the model imputes.
 */
import { shorten } from '../util';
import type { ColumnSpec } from './columns';
import type { LoanTape } from './parse';

export interface TapeNotes {
  ignoredColumns: string[];
  /** `withoutIt`: what the engine does instead, e.g. "the book is read at origination". */
  absentColumns: { column: string; description: string; withoutIt: string; suggestion?: string }[];
  imputedCells: { column: string; cells: number }[];
}

const normalised = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');

/** An ignored column that probably meant `column`: the same name but for case, spaces and underscores, or its last part. */
function likelyMeant(column: string, ignored: readonly string[]): string | undefined {
  const target = normalised(column);
  return (
    ignored.find((c) => normalised(c) === target) ??
    ignored.find((c) => normalised(c).length >= 3 && (target.endsWith(normalised(c)) || normalised(c).endsWith(target)))
  );
}

export function tapeNotes(tape: LoanTape, specs: readonly ColumnSpec[]): TapeNotes {
  return {
    // A file's column names are anyone's text: shortened, like every value a message echoes.
    ignoredColumns: tape.ignoredColumns.map((c) => shorten(c)),
    absentColumns: tape.absentColumns.map((column) => {
      const suggestion = likelyMeant(column, tape.ignoredColumns);
      const spec = specs.find((s) => s.column === column);
      const description = spec?.description ?? column;
      const withoutIt = spec?.withoutIt ?? 'figures by it read “n/a”';
      return suggestion ? { column, description, withoutIt, suggestion: shorten(suggestion) } : { column, description, withoutIt };
    }),
    imputedCells: Object.entries(tape.missingCounts)
      .filter(([, cells]) => cells > 0)
      .map(([column, cells]) => ({ column, cells })),
  };
}

/** Two parts of one file: the same header (so the same columns ignored and absent), their imputed cells added. */
export function mergeTapeNotes(a: TapeNotes, b: TapeNotes): TapeNotes {
  const cells = new Map(a.imputedCells.map((c) => [c.column, c.cells]));
  for (const c of b.imputedCells) cells.set(c.column, (cells.get(c.column) ?? 0) + c.cells);
  return { ...a, imputedCells: [...cells].map(([column, n]) => ({ column, cells: n })) };
}

/**
 * The columns a tape offers, before any model card says what it needs: each column's name, and
 * whether every filled cell is a number (a blank cell does not decide). Used to match a model's
 * inputs to a tape the model has never seen.
 */
import Papa from 'papaparse';
import { NUMBER_PATTERN } from './parse';

export interface TapeColumn {
  name: string;
  kind: 'number' | 'category';
}

export function tapeColumns(text: string): TapeColumn[] {
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' }).data;
  const [header, ...records] = rows;
  if (!header) return [];
  const numeric = header.map(() => true);
  for (const record of records) {
    for (let j = 0; j < header.length; j++) {
      const cell = record[j]?.trim() ?? '';
      if (numeric[j] && cell !== '' && !NUMBER_PATTERN.test(cell)) numeric[j] = false;
    }
  }
  return header.map((h, j) => ({ name: h.trim(), kind: numeric[j] ? 'number' : 'category' }));
}

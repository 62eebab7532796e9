/**
 * Parquet tapes for the batch face (`npm run score`, the pool, `--serve` and so Dask): a bank's data
 * lake holds its books as Parquet. The file is read row group by row group (hyparquet, with the codecs
 * of hyparquet-compressors: snappy, gzip, zstd, brotli, lz4) and each value written as the CSV field
 * the tape parser reads, so a Parquet tape is checked by the same parser with the same messages, row
 * for row, as the same book in CSV. Memory is bounded by one row group and one chunk, not the file.
 *
 * Nothing is coerced on the way: a number is written with every digit JavaScript keeps (a FLOAT
 * column's value as the file stores it), null as an empty field (a missing value, which the parser
 * and the card's missing-value policy treat as in CSV), NaN as the text NaN (refused by the parser
 * where a number is expected). Text is decoded strictly, whether the column is marked as text or is
 * bytes (as some writers store text); a column that cannot be one value per loan (a struct, list or
 * map) or bytes that are not UTF-8 are refused with the column and row named.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { CsvChunk } from '../lib/portfolio';

/** A tape file that cannot be read as a tape, said as a clause: "The portfolio F cannot be scored: <it>." */
export class TapeReadError extends Error {}

const MAGIC = 'PAR1';
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether the file is Parquet: it starts with PAR1, whatever its name (a cut or damaged Parquet file
 * still does, and is refused as Parquet). A file that cannot be read is left to the reader to report.
 */
export function isParquetFile(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.toString('latin1') === MAGIC;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A CSV field as RFC 4180 writes it: quoted when it holds a separator, a quote, a line break or edge spaces. */
const csvField = (text: string) => (/[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

function fieldOf(value: unknown, column: string, row: number): string {
  switch (typeof value) {
    case 'number':
      return String(value);
    case 'string':
      return csvField(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return '';
    default:
      if (value === null) return '';
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new TapeReadError(`row ${row}, column "${column}" holds a date or time out of range`);
        return value.toISOString();
      }
      // Text is decoded here, strictly (hyparquet's own decoder would replace bad bytes silently); some
      // writers (Hive, Impala) store text as bytes without saying so: taken as text too when it is UTF-8.
      if (value instanceof Uint8Array) {
        try {
          return csvField(UTF8.decode(value));
        } catch {
          /* raw bytes: refused below */
        }
      }
      throw new TapeReadError(
        `row ${row}, column "${column}" holds ${value instanceof Uint8Array ? `${value.length} raw bytes` : 'neither a number nor a text'}: a tape's columns hold one number or text per loan (write the column as UTF-8 text or as numbers)`,
      );
  }
}

export interface ParquetTape {
  /** The header line, as a CSV tape starts. */
  header: string;
  /** The tape in chunks of whole records, each a tape of its own (header first), in file order. */
  chunks(recordsPerChunk: number): AsyncGenerator<CsvChunk>;
}

/** The file's columns, refused when one is not a flat column of one value per loan. */
function columnsOf(metadata: FileMetaData): string[] {
  return parquetSchema(metadata).children.map((column) => {
    const { name, repetition_type } = column.element;
    if (column.children.length > 0 || repetition_type === 'REPEATED') {
      throw new TapeReadError(`its column "${name}" is nested (a struct, list or map): a tape's columns hold one number or text per loan`);
    }
    return name;
  });
}

export async function openParquetTape(path: string): Promise<ParquetTape> {
  const file = await asyncBufferFromFile(path);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw new TapeReadError(`it starts as Parquet (PAR1) but cannot be read as Parquet: ${(e as Error).message}`);
  }
  const columns = columnsOf(metadata);
  const header = `${columns.map(csvField).join(',')}\r\n`;

  async function* chunks(recordsPerChunk: number): AsyncGenerator<CsvChunk> {
    let records: string[] = [];
    let firstRow = 1;
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      let rows: unknown[][] = [];
      try {
        await parquetRead({
          file,
          metadata,
          rowStart,
          rowEnd,
          compressors,
          // Text comes as its bytes, decoded strictly below: hyparquet's own decoder would replace bad bytes silently.
          parsers: { stringFromBytes: (bytes: Uint8Array) => bytes },
          rowFormat: 'array',
          onComplete: (r) => (rows = r),
        });
      } catch (e) {
        throw new TapeReadError(`its rows ${rowStart + 1}–${rowEnd} cannot be read: ${(e as Error).message}`);
      }
      for (let i = 0; i < rows.length; i++) {
        const row = rowStart + i + 1;
        records.push(`${rows[i]!.map((value, c) => fieldOf(value, columns[c]!, row)).join(',')}\r\n`);
        if (records.length === recordsPerChunk) {
          yield { text: header + records.join(''), firstRow, records: records.length };
          firstRow += records.length;
          records = [];
        }
      }
      rowStart = rowEnd;
    }
    if (records.length > 0) yield { text: header + records.join(''), firstRow, records: records.length };
  }

  return { header, chunks };
}

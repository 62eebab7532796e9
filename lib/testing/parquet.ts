/**
 * A loan tape written as Parquet, as a bank's data lake would hold it (pandas, Spark): numbers as
 * numbers, text as UTF-8, compressed, in several row groups. For the batch face's Parquet tests and
 * benchmark.
 */
import { gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { parquetWriteBuffer } from 'hyparquet-writer';

/** A number as a CSV tape writes one (not ' ' or 0x10, which Number() also reads). */
const DECIMAL = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

type Column = { name: string; data: (number | bigint | string | Uint8Array | null)[]; type: 'DOUBLE' | 'INT64' | 'STRING' | 'BYTE_ARRAY' };

export interface ParquetTapeOptions {
  /** Rows per row group (the last size repeats). */
  rowGroupSize: number | number[];
  /** Columns written as 64-bit integers (read back as bigint). */
  int64?: string[];
  /** Replaces cells before writing: (row 1-based, column, value as parsed) → the value to write. */
  edit?: (row: number, column: string, value: number | string | null) => number | string | null;
  /** Extra columns written as given. */
  extra?: Column[];
  /** The compression (default gzip, which hyparquet-writer needs a compressor for; snappy is its own). */
  codec?: 'GZIP' | 'SNAPPY';
}

/** The CSV tape as a compressed Parquet file: a column all of numbers (or blanks) is numeric, the others text; a blank is null. */
export function parquetFromCsv(csv: string, options: ParquetTapeOptions): Uint8Array {
  const rows = Papa.parse<string[]>(csv.trim(), { skipEmptyLines: true }).data;
  const [header, ...body] = rows as [string[], ...string[][]];
  const columns: Column[] = header.map((name, c) => {
    const cells = body.map((r) => r[c] ?? '');
    const numeric = cells.every((v) => v === '' || DECIMAL.test(v));
    const values = cells.map((v, i) => {
      const parsed = v === '' ? null : numeric ? Number(v) : v;
      return options.edit ? options.edit(i + 1, name, parsed) : parsed;
    });
    if (options.int64?.includes(name)) return { name, type: 'INT64', data: values.map((v) => (v === null ? null : BigInt(v))) };
    if (values.every((v) => typeof v !== 'string')) return { name, type: 'DOUBLE', data: values };
    return { name, type: 'STRING', data: values.map((v) => (v === null ? null : String(v))) };
  });
  const buffer = parquetWriteBuffer({
    columnData: [...columns, ...(options.extra ?? [])],
    codec: options.codec ?? 'GZIP',
    compressors: { GZIP: (bytes: Uint8Array) => new Uint8Array(gzipSync(bytes)) },
    rowGroupSize: options.rowGroupSize,
  });
  return new Uint8Array(buffer);
}

/**
 * Cuts a CSV text arriving in pieces (a file read as a stream) into chunks of whole records, each
 * with the header in front, so each chunk parses on its own as a tape: what lets a book of any size
 * be scored part by part in bounded memory. A record ends at a line break outside quotes (RFC 4180:
 * a quoted field may hold line breaks; a doubled quote inside one keeps the count even).
 *
 * Records are counted as the tape parser counts them: a line with nothing but spaces and quotes is
 * blank, left out of the chunk and not counted, so each chunk's first record has a known row number.
 */
import { MODEL_POINTS_LINE } from './model-points';
import type { TapeIssue } from './parse';

export interface CsvChunk {
  /** The header line and the chunk's records, a tape of its own. */
  text: string;
  /** The data row number (1-based, as the parser numbers them) of the chunk's first record. */
  firstRow: number;
  records: number;
}

const QUOTE = 34;
const NEWLINE = 10;
const BLANK = /^[\s"]*$/;

/** Splits text arriving in pieces into records (each with its line break), skipping blank ones. */
class RecordSplitter {
  /** The start of a record not yet ended (it spans pieces). */
  private partial = '';
  private inQuotes = false;
  private first = true;

  /** The text's first line when it is a model-points report (read as a line: its JSON may hold a lone quote). */
  preamble: string | undefined;

  push(piece: string, onRecord: (record: string) => void): void {
    let text = piece;
    if (this.first) {
      text = this.partial + (this.partial === '' && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      this.partial = '';
      const mayBeReport = MODEL_POINTS_LINE.startsWith(text.slice(0, MODEL_POINTS_LINE.length)) || text.startsWith(MODEL_POINTS_LINE);
      const lineEnd = text.indexOf('\n');
      if (mayBeReport && lineEnd < 0) {
        this.partial = text; // the first line is not whole yet
        return;
      }
      this.first = false;
      if (text.startsWith(MODEL_POINTS_LINE)) {
        this.preamble = text.slice(0, lineEnd + 1);
        text = text.slice(lineEnd + 1);
      }
    }
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) this.inQuotes = !this.inQuotes;
      else if (c === NEWLINE && !this.inQuotes) {
        const record = this.partial + text.slice(start, i + 1);
        if (!BLANK.test(record)) onRecord(record);
        this.partial = '';
        start = i + 1;
      }
    }
    this.partial += text.slice(start);
  }

  /** The last record, if the text did not end with a line break. */
  end(onRecord: (record: string) => void): void {
    if (this.first && this.partial.startsWith(MODEL_POINTS_LINE)) this.partial = '';
    const record = this.partial.endsWith('\n') ? this.partial : `${this.partial}\n`;
    if (!BLANK.test(record)) onRecord(record);
    this.partial = '';
  }
}

/** A tape's header and records, each as the file has it (line break included). */
export function csvRecords(text: string): { header: string | undefined; records: string[] } {
  const splitter = new RecordSplitter();
  let header: string | undefined;
  const records: string[] = [];
  const take = (record: string) => (header === undefined ? (header = record) : records.push(record));
  splitter.push(text, take);
  splitter.end(take);
  return { header, records };
}

export class CsvChunker {
  private readonly splitter = new RecordSplitter();
  private header: string | undefined;
  /** Records of the chunk being filled. */
  private records: string[] = [];
  private nextRow = 1;
  private readonly take: (record: string) => void;
  private out: CsvChunk[] = [];

  constructor(private readonly recordsPerChunk: number) {
    if (!(recordsPerChunk >= 1)) throw new Error(`A chunk holds at least one record (asked for ${recordsPerChunk}).`);
    this.take = (record) => {
      if (this.header === undefined) {
        this.header = record;
        return;
      }
      this.records.push(record);
      if (this.records.length === this.recordsPerChunk) this.out.push(this.chunk());
    };
  }

  /** Takes the next piece of text; returns the chunks it completed. */
  push(piece: string): CsvChunk[] {
    this.splitter.push(piece, this.take);
    return this.flush();
  }

  /** The text has ended: the last chunk, if any record is left (a last record may lack its line break). */
  end(): CsvChunk[] {
    this.splitter.end(this.take);
    if (this.records.length) this.out.push(this.chunk());
    return this.flush();
  }

  /** The header line (once it has been read). */
  get headerLine(): string | undefined {
    return this.header;
  }

  private flush(): CsvChunk[] {
    const done = this.out;
    this.out = [];
    return done;
  }

  private chunk(): CsvChunk {
    const chunk = { text: this.header! + this.records.join(''), firstRow: this.nextRow, records: this.records.length };
    this.nextRow += this.records.length;
    this.records = [];
    return chunk;
  }
}

/** A chunk's problems numbered as rows of the whole file: every row-level message starts "Row <n>". */
export function issuesOfFile(issues: readonly TapeIssue[], firstRow: number): TapeIssue[] {
  if (firstRow === 1) return [...issues];
  return issues.map((issue) => {
    if (issue.row === null) return issue;
    const row = issue.row + firstRow - 1;
    return { ...issue, row, message: issue.message.replace(/^Row \d+/, `Row ${row}`) };
  });
}

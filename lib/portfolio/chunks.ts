/**
 * Cuts a CSV text arriving in pieces (a file read as a stream) into chunks of whole records, each
 * with the header in front, so each chunk parses on its own as a tape: what lets a book of any size
 * be scored part by part in bounded memory. A record ends at a line break outside quotes (RFC 4180:
 * a quoted field may hold line breaks; a doubled quote inside one keeps the count even).
 *
 * Records are counted as the tape parser counts them: a line with nothing but spaces and quotes is
 * blank, left out of the chunk and not counted, so each chunk's first record has a known row number.
 */
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

export class CsvChunker {
  private header: string | undefined;
  /** Records of the chunk being filled. */
  private records: string[] = [];
  /** The start of a record not yet ended (it spans pieces). */
  private partial = '';
  private inQuotes = false;
  private nextRow = 1;
  private first = true;

  constructor(private readonly recordsPerChunk: number) {
    if (!(recordsPerChunk >= 1)) throw new Error(`A chunk holds at least one record (asked for ${recordsPerChunk}).`);
  }

  /** Takes the next piece of text; returns the chunks it completed. */
  push(piece: string): CsvChunk[] {
    let text = piece;
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const out: CsvChunk[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) this.inQuotes = !this.inQuotes;
      else if (c === NEWLINE && !this.inQuotes) {
        this.take(this.partial + text.slice(start, i + 1), out);
        this.partial = '';
        start = i + 1;
      }
    }
    this.partial += text.slice(start);
    return out;
  }

  /** The text has ended: the last chunk, if any record is left (a last record may lack its line break). */
  end(): CsvChunk[] {
    const out: CsvChunk[] = [];
    if (this.partial) this.take(this.partial.endsWith('\n') ? this.partial : `${this.partial}\n`, out);
    this.partial = '';
    if (this.records.length) out.push(this.chunk());
    return out;
  }

  /** The header line (once it has been read). */
  get headerLine(): string | undefined {
    return this.header;
  }

  private take(record: string, out: CsvChunk[]): void {
    if (BLANK.test(record)) return;
    if (this.header === undefined) {
      this.header = record;
      return;
    }
    this.records.push(record);
    if (this.records.length === this.recordsPerChunk) out.push(this.chunk());
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

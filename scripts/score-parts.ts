/**
 * The batch face on a tape of any size: the file is read as a stream and cut into chunks of whole
 * records (lib/portfolio/chunks.ts); a pool of worker threads, one engine each (one model load and
 * verification per thread), scores the chunks; their partials are merged by addition
 * (lib/engine/partial.ts) and their per-loan rows written in file order. Memory is bounded by the
 * chunks in flight (two per worker), not by the tape: the merged partial is a few kilobytes.
 */
import { createReadStream } from 'node:fs';
import { createHash, type Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { mergePartials, type EvaluationPartial } from '../lib/engine';
import {
  CsvChunker,
  fileIssue,
  mergeTapeNotes,
  MAX_LISTED_ISSUES,
  topCandidates,
  type CsvChunk,
  type PointCandidate,
  type TapeIssue,
  type TapeNotes,
} from '../lib/portfolio';
import { encodingOf, errorMessage } from '../lib/util';
import { isParquetFile, openParquetTape, TapeReadError } from './parquet-tape';

const EMPTY_FILE = 'The file is empty: expected a CSV header row and one row per loan.';
import type { Assumptions, ScenarioSet, Settings } from '../lib/scenario';

/** What every worker of the pool starts with. */
export interface PoolSetup {
  cardBytes: Uint8Array;
  cardName: string;
  modelBytes: Uint8Array;
  assumptions: Assumptions;
  settings: Settings;
  scenarioSet: ScenarioSet;
  /** Model points to keep (k), when the run makes them. */
  modelPoints?: number;
}

export interface ChunkRequest {
  index: number;
  text: string;
  firstRow: number;
  /** Records the chunker counted: the parser must count as many, or the rows after would be misnumbered. */
  records: number;
  /** After a problem has been found, later chunks are only checked (every problem is listed, nothing is scored). */
  checkOnly: boolean;
}

export type ChunkAnswer =
  | {
      type: 'scored';
      index: number;
      loans: number;
      partial: EvaluationPartial;
      rows: string;
      notes: TapeNotes;
      /** The chunk's model-point candidates, when the run makes points. */
      candidates?: PointCandidate[];
    }
  | { type: 'checked'; index: number; loans: number }
  | { type: 'refused'; index: number; issues: TapeIssue[]; totalIssues: number }
  | { type: 'failed'; index: number; message: string };

export interface PartsOptions {
  portfolioPath: string;
  setup: PoolSetup;
  workers: number;
  chunkRows: number;
  /** Receives the per-loan CSV text in file order. */
  write: (text: string) => void;
}

export type PartsResult =
  | {
      ok: true;
      partial: EvaluationPartial;
      loans: number;
      chunks: number;
      sha256: string;
      notes: TapeNotes;
      header: string;
      /** The book's k + 1 model-point candidates of highest priority, when asked for. */
      candidates: PointCandidate[];
    }
  | { ok: false; issues: TapeIssue[]; totalIssues: number }
  | { ok: false; failed: string };

/** A worker thread running a TypeScript module (tsx's loader, as `npm run score` runs). */
function startWorker(setup: PoolSetup): Worker {
  const module = new URL('./score-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(module)}, ${JSON.stringify(import.meta.url)}));`;
  return new Worker(boot, { eval: true, workerData: setup, resourceLimits: { maxOldGenerationSizeMb: 384 } });
}

export async function scoreInParts(options: PartsOptions): Promise<PartsResult> {
  const { setup, write } = options;
  const hash = createHash('sha256');
  let tape: TapeChunks;
  try {
    tape = isParquetFile(options.portfolioPath)
      ? await parquetChunks(options.portfolioPath, options.chunkRows, hash)
      : csvChunks(options.portfolioPath, options.chunkRows, hash);
  } catch (e) {
    if (e instanceof TapeReadError) return { ok: false, failed: e.message };
    throw e;
  }
  const pool = Array.from({ length: options.workers }, () => ({ worker: startWorker(setup), busy: 0 }));
  const answers = new Map<number, ChunkAnswer>();
  let wake: (() => void) | undefined;
  let crashed: string | undefined;
  for (const member of pool) {
    member.worker.on('message', (answer: ChunkAnswer) => {
      member.busy--;
      answers.set(answer.index, answer);
      wake?.();
    });
    member.worker.on('error', (e: unknown) => {
      crashed = `a scoring thread stopped: ${errorMessage(e)}`;
      wake?.();
    });
  }
  const waitForAnswer = () => new Promise<void>((resolve) => (wake = resolve));

  let sent = 0;
  let done = 0;
  let merged: EvaluationPartial | undefined;
  let notes: TapeNotes | undefined;
  let candidates: PointCandidate[] = [];
  let loans = 0;
  const issues: TapeIssue[] = [];
  let totalIssues = 0;
  let failed: string | undefined;
  const fileIssues = new Set<string>();

  /** Takes the answers that are next in file order: rows written, sums merged, problems listed. */
  const drain = () => {
    for (let answer = answers.get(done); answer; answer = answers.get(done)) {
      answers.delete(done);
      done++;
      if (answer.type === 'failed') failed ??= answer.message;
      else if (answer.type === 'refused') {
        totalIssues += answer.totalIssues;
        for (const issue of answer.issues) {
          // A problem with the header is every chunk's: said once.
          if (issue.row === null && fileIssues.has(issue.message)) totalIssues--;
          else if (issues.length < MAX_LISTED_ISSUES) issues.push(issue);
          if (issue.row === null) fileIssues.add(issue.message);
        }
      } else if (answer.type === 'checked') loans += answer.loans;
      else if (!failed && totalIssues === 0) {
        write(answer.index === 0 ? answer.rows : `\r\n${answer.rows}`);
        merged = merged ? mergePartials(merged, answer.partial) : answer.partial;
        notes = notes ? mergeTapeNotes(notes, answer.notes) : answer.notes;
        if (answer.candidates) candidates = topCandidates([...candidates, ...answer.candidates], setup.modelPoints!);
        loans += answer.loans;
      }
    }
  };

  const send = async ({ text, firstRow, records }: CsvChunk) => {
    for (;;) {
      drain();
      if (crashed) throw new Error(crashed);
      const free = pool.reduce((best, m) => (m.busy < best.busy ? m : best));
      if (free.busy < 2) {
        free.busy++;
        free.worker.postMessage({
          index: sent++,
          text,
          firstRow,
          records,
          checkOnly: totalIssues > 0 || failed !== undefined,
        } satisfies ChunkRequest);
        return;
      }
      await waitForAnswer();
    }
  };

  let header: string | undefined;
  try {
    try {
      for await (const chunk of tape.chunks) {
        await send(chunk);
        // A refused header is every chunk's problem: the rest of the file is not read.
        if (fileIssues.size > 0 || failed) break;
      }
    } catch (e) {
      if (e instanceof TapeReadError) return { ok: false, failed: e.message };
      throw e;
    }
    header = tape.header();
    if (header === undefined) return { ok: false, issues: [fileIssue(EMPTY_FILE)], totalIssues: 1 };
    while (done < sent) {
      drain();
      if (crashed) throw new Error(crashed);
      if (done < sent) await waitForAnswer();
    }
  } finally {
    await Promise.all(pool.map((m) => m.worker.terminate()));
  }
  if (failed) return { ok: false, failed };
  if (totalIssues > 0) return { ok: false, issues, totalIssues };
  if (!merged || !notes) return { ok: false, issues: [fileIssue('The file has a header but no loans.')], totalIssues: 1 };
  await tape.hashed();
  return { ok: true, partial: merged, loans, chunks: sent, sha256: hash.digest('hex'), notes, header: header!, candidates };
}

/** A tape file as chunks of whole records, its header once read, and its bytes hashed once read whole. */
interface TapeChunks {
  chunks: AsyncIterable<CsvChunk>;
  header: () => string | undefined;
  hashed: () => Promise<void>;
}

/** A CSV tape read as a stream: hashed as it is read; a byte that is not text ends it (TapeReadError). */
function csvChunks(path: string, chunkRows: number, hash: Hash): TapeChunks {
  const chunker = new CsvChunker(chunkRows);
  async function* chunks(): AsyncGenerator<CsvChunk> {
    let decoder: TextDecoder | undefined;
    let read = 0;
    for await (const bytes of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      hash.update(bytes);
      // The first bytes say the encoding (a byte-order mark), as when the page or a whole-tape run reads the file.
      decoder ??= new TextDecoder(encodingOf(bytes).encoding, { fatal: true });
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        throw new TapeReadError(
          `it is not valid ${decoder.encoding.toUpperCase()} text (from somewhere in bytes ${read}–${read + bytes.length}); save it as UTF-8 (or UTF-16 with a byte-order mark) and try again`,
        );
      }
      read += bytes.length;
      yield* chunker.push(text);
    }
    let last: string;
    try {
      last = decoder?.decode() ?? '';
    } catch {
      throw new TapeReadError(
        `it ends in the middle of a ${decoder!.encoding.toUpperCase()} character (byte ${read}); save it again and try again`,
      );
    }
    yield* [...chunker.push(last), ...chunker.end()];
  }
  return { chunks: chunks(), header: () => chunker.headerLine, hashed: async () => undefined };
}

/** A Parquet tape read row group by row group (scripts/parquet-tape.ts); its bytes hashed in a pass of their own. */
async function parquetChunks(path: string, chunkRows: number, hash: Hash): Promise<TapeChunks> {
  const tape = await openParquetTape(path);
  return {
    chunks: tape.chunks(chunkRows),
    header: () => tape.header,
    hashed: async () => {
      for await (const bytes of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) hash.update(bytes);
    },
  };
}

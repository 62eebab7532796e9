/**
 * npm run bench:faces [-- --sizes 1000000,10000000]: the engine's batch faces on big books, in one run
 * on this machine: loans per second, and per core, for `npm run score` on one thread (the batch
 * face), the pool on every core, and Dask distributed (a LocalCluster on 127.0.0.1, one engine process
 * per worker, 100,000-loan partitions), on 1,000,000 and 10,000,000 loans; the pool on the
 * million as Parquet too. Writes its section of BENCHMARKS.md (the page's benchmark keeps it).
 * A benchmark, not a test. Needs Debian's python3-distributed for the Dask rows.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { CsvChunker, type CsvChunk } from '../lib/portfolio';
import { parquetFromCsv } from '../lib/testing';
import { resampleOnce } from './bench-tapes';

const CORES = os.availableParallelism();
const PARTITION_LOANS = 100_000;
const SCENARIO = { 'income-shock': -10, 'unemployment-change': 2, cutoff: 12 };
const PYTHON = process.env.RISKDIAL_PYTHON ?? '/usr/bin/python3';
export const FACES_START = '<!-- bench:faces start: written by npm run bench:faces -->';
export const FACES_END = '<!-- bench:faces end -->';

interface FaceRow {
  face: string;
  loans: number;
  cores: number;
  seconds: number;
  /** Seconds before the first task was sent (the cluster up, the engine processes launched; they verify on their first task). */
  startSeconds?: number;
  peakMb?: number;
}

/** Runs a command under /usr/bin/time, returning its stdout, wall seconds and peak resident memory (of the largest process). */
function timed(command: string, argv: string[]): { stdout: string; seconds: number; peakMb: number } {
  const t0 = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', command, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (run.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed: ${run.stderr.slice(-2000)}`);
  const peakKb = Number(run.stderr.trim().split('\n').at(-1));
  return { stdout: run.stdout, seconds, peakMb: peakKb / 1024 };
}

function scoreRun(face: string, tape: string, loans: number, workers: number): FaceRow {
  mkdirSync('.bench/faces', { recursive: true });
  const scenario = '.bench/faces/scenario.json';
  writeFileSync(scenario, JSON.stringify(SCENARIO));
  const out = '.bench/faces/scores.csv';
  const argv = [
    '--import',
    'tsx',
    'scripts/score.ts',
    '--portfolio',
    tape,
    '--scenario',
    scenario,
    '--out',
    out,
    '--workers',
    String(workers),
  ];
  const run = timed(process.execPath, argv);
  rmSync(out, { force: true });
  const summary = JSON.parse(run.stdout) as { portfolio: { loans: number } };
  if (summary.portfolio.loans !== loans) throw new Error(`${face}: scored ${summary.portfolio.loans} loans, expected ${loans}`);
  return { face, loans, cores: workers, seconds: run.seconds, peakMb: run.peakMb };
}

/** The tape cut into partitions of 100,000 loans, as a data lake holds a book. */
async function partitions(tape: string, loans: number): Promise<string[]> {
  const folder = `.bench/faces/parts-${loans}`;
  const expected = Math.ceil(loans / PARTITION_LOANS);
  mkdirSync(folder, { recursive: true });
  const existing = readdirSync(folder).filter((f) => f.endsWith('.csv'));
  // Each partition written under a temporary name and renamed: an interrupted run leaves no half partition counted.
  if (existing.length !== expected) {
    // Cut as the pool cuts a tape (whole records, the header in front of each): the same chunker.
    const chunker = new CsvChunker(PARTITION_LOANS);
    let k = 0;
    const write = (chunk: CsvChunk) => {
      const name = `${folder}/part-${String(k++).padStart(4, '0')}.csv`;
      writeFileSync(`${name}.tmp`, chunk.text);
      renameSync(`${name}.tmp`, name);
    };
    for await (const text of createReadStream(tape, { encoding: 'utf8', highWaterMark: 1 << 20 }))
      chunker.push(text as string).forEach(write);
    chunker.end().forEach(write);
  }
  return readdirSync(folder)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => `${folder}/${f}`);
}

async function daskRun(tape: string, loans: number): Promise<FaceRow> {
  const parts = await partitions(tape, loans);
  const run = timed(PYTHON, ['scripts/dask_score.py', '--local', String(CORES), '--scenario', '.bench/faces/scenario.json', ...parts]);
  const answer = JSON.parse(run.stdout) as { loans: number; seconds: { start: number; score: number } };
  if (answer.loans !== loans) throw new Error(`Dask: scored ${answer.loans} loans, expected ${loans}`);
  return {
    face: `Dask distributed (LocalCluster, ${CORES} workers, ${parts.length} partitions)`,
    loans,
    cores: CORES,
    seconds: run.seconds,
    startSeconds: answer.seconds.start,
  };
}

/** The tape as a Parquet file (numbers as doubles, text as UTF-8, snappy, row groups of 100,000). */
function parquetOnce(tape: string, path: string): string {
  writeFileSync(path, parquetFromCsv(readFileSync(tape, 'utf8'), { rowGroupSize: PARTITION_LOANS, codec: 'SNAPPY' }));
  return path;
}

const perSecond = (r: FaceRow) => r.loans / r.seconds;
const row = (r: FaceRow) =>
  `| ${r.face} | ${r.loans.toLocaleString('en-US')} | ${r.cores} | ${r.seconds.toFixed(1)}${r.startSeconds !== undefined ? ` (${r.startSeconds.toFixed(1)} cluster start)` : ''} | ${Math.round(perSecond(r)).toLocaleString('en-US')} | ${Math.round(perSecond(r) / r.cores).toLocaleString('en-US')} | ${r.peakMb ? r.peakMb.toFixed(0) : ''} |`;

export function facesSection(rows: FaceRow[], when: string): string {
  return `${FACES_START}
## Every face on a big book (issue #13)

\`npm run bench:faces\`, ${when}, on ${os.cpus()[0]?.model ?? 'this CPU'} (${CORES} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB), Node ${process.version}: the same
seeded resamples of the bundled tape (\`riskdial-bench-1m\`, \`riskdial-bench-10m\`) scored under one
stressed scenario (income −10%, unemployment +2 pp, cut-off 12%), every loan's row written (by the
batch face and the pool) and the book's figures made. Wall time from the command's start (model load
and verification included); loans per second per core is loans ÷ seconds ÷ cores used. Peak memory
is the largest process's resident set (\`/usr/bin/time\`; the pool's threads are in its one process).
Dask answers the book's figures (merged partials) and writes no rows: most of its lead over the pool.
Its seconds include its cluster start (shown apart: the cluster up and its engine processes launched;
each verifies its model on its first task).
The same peak memory at ten times the loans is the bounded memory of a streamed book. The REST face's
latency (one application, a portfolio evaluation) is in the page benchmark's run above.

| face | loans | cores | seconds | loans / s | loans / s per core | peak MB |
|---|---|---|---|---|---|---|
${rows.map(row).join('\n')}
${FACES_END}`;
}

/** BENCHMARKS.md with this section in place of the last one (or before the hand-written notes). */
export function withFacesSection(markdown: string, section: string): string {
  const start = markdown.indexOf(FACES_START);
  const end = markdown.indexOf(FACES_END);
  if (start >= 0 && end > start) return markdown.slice(0, start) + section + markdown.slice(end + FACES_END.length);
  const notes = markdown.indexOf('<!-- Kept by npm run bench');
  return notes >= 0 ? `${markdown.slice(0, notes)}${section}\n\n${markdown.slice(notes)}` : `${markdown.trimEnd()}\n\n${section}\n`;
}

/** The section as the last run of this benchmark left it (the page's benchmark carries it over). */
export function lastFacesSection(markdown: string): string | undefined {
  const start = markdown.indexOf(FACES_START);
  const end = markdown.indexOf(FACES_END);
  return start >= 0 && end > start ? markdown.slice(start, end + FACES_END.length) : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { sizes } = parseArgs({ options: { sizes: { type: 'string', default: '1000000,10000000' } } }).values;
  const rows: FaceRow[] = [];
  for (const loans of sizes.split(',').map(Number)) {
    const label = loans >= 1e6 ? `${loans / 1e6}m` : `${loans / 1e3}k`;
    const tape = resampleOnce(loans, `riskdial-bench-${label}`, `.bench/lending_club_${label}.csv`);
    const measure = (r: FaceRow) => {
      rows.push(r);
      console.log(row(r));
    };
    measure(scoreRun('`npm run score`, one thread (the batch face)', tape, loans, 1));
    measure(scoreRun(`\`npm run score --workers ${CORES}\` (the pool)`, tape, loans, CORES));
    if (loans <= 1_000_000) {
      const parquet = parquetOnce(tape, `.bench/lending_club_${label}.parquet`);
      measure(scoreRun(`\`npm run score --workers ${CORES}\` (the pool) on the tape as Parquet`, parquet, loans, CORES));
    }
    measure(await daskRun(tape, loans));
  }
  const section = facesSection(rows, new Date().toISOString().slice(0, 10));
  writeFileSync('BENCHMARKS.md', withFacesSection(readFileSync('BENCHMARKS.md', 'utf8'), section));
  console.log('wrote its section of BENCHMARKS.md');
}

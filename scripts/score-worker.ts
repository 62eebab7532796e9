/**
 * One engine of the batch face's pool (a worker thread): verifies the model once, then scores each
 * chunk of the tape it is sent with the same engine as the page, answering with the chunk's partial
 * (sums that merge), its per-loan rows as CSV text, and what it did to the data. A chunk with problems
 * is answered with them, numbered as rows of the whole file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluationPartial, openVerifiedModel, parsePortfolio, portfolioNotes, ScenarioEngine } from '../lib/engine';
import { csvRecords, issuesOfFile, pointSize, priorityOf, type PointCandidate } from '../lib/portfolio';
import { errorMessage } from '../lib/util';
import { type ChunkAnswer, type ChunkRequest, type PoolSetup } from './score-parts';
import { loanRowsCsv } from '../lib/export';

const setup = workerData as PoolSetup;
const port = parentPort!;

const opened = openVerifiedModel({
  cardBytes: setup.cardBytes,
  cardName: setup.cardName,
  readModel: async () => setup.modelBytes,
});

async function score(request: ChunkRequest): Promise<ChunkAnswer> {
  const { manifest, model, cardSha256 } = await opened;
  const parsed = parsePortfolio(request.text, manifest);
  if (!parsed.ok) {
    return {
      type: 'refused',
      index: request.index,
      issues: issuesOfFile(parsed.issues, request.firstRow),
      totalIssues: parsed.totalIssues,
    };
  }
  if (parsed.tape.loanCount !== request.records) {
    throw new Error(
      `the rows from row ${request.firstRow} could not be numbered: ${request.records} records by their line breaks, ${parsed.tape.loanCount} by the CSV parser`,
    );
  }
  if (request.checkOnly) return { type: 'checked', index: request.index, loans: parsed.tape.loanCount };
  const engine = new ScenarioEngine(manifest, parsed.tape, model.scorePd);
  const { assumptions, settings, scenarioSet } = setup;
  const partial = await evaluationPartial(engine, { sha256: model.sha256, cardSha256 }, assumptions, settings, scenarioSet);
  const loans = await engine.loanLevel(assumptions, settings);
  return {
    type: 'scored',
    index: request.index,
    loans: engine.loanCount,
    partial,
    rows: loanRowsCsv(loans, request.firstRow, request.firstRow === 1),
    notes: portfolioNotes(parsed.tape, manifest),
    ...(setup.modelPoints ? { candidates: pointCandidates(request, engine.book.ead, loans.pdBaseline, setup.modelPoints) } : {}),
  };
}

/** This chunk's k + 1 loans of highest priority, with their records: the book's points are among the chunks' own. */
function pointCandidates(request: ChunkRequest, ead: Float64Array, pd: Float64Array, k: number): PointCandidate[] {
  const ranked = Array.from(ead, (e, i) => {
    const size = pointSize(e, pd[i]!);
    return { i, size, priority: priorityOf(request.firstRow + i, size) };
  })
    .sort((a, b) => b.priority - a.priority || a.i - b.i)
    .slice(0, k + 1);
  const { records } = csvRecords(request.text);
  return ranked.map((c) => ({ row: request.firstRow + c.i, size: c.size, priority: c.priority, record: records[c.i]! }));
}

port.on('message', (request: ChunkRequest) => {
  score(request).then(
    (answer) => port.postMessage(answer),
    (e: unknown) => port.postMessage({ type: 'failed', index: request.index, message: errorMessage(e) } satisfies ChunkAnswer),
  );
});

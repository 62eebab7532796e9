/**
 * `npm run score -- --serve`: one long-lived engine process for a scheduler (a Dask worker, Spark's
 * `RDD.pipe`, a shell loop). It verifies the model once, then reads requests as NDJSON on stdin, one a
 * line: `{"id": …, "portfolio": "part-0007.csv", "scenario": {…}}` (CSV or Parquet) (the scenario as a scenario file
 * holds it; default the baseline), and answers each with one line on stdout:
 * `{"id", "ok": true, "loans", "sha256", "partial"}` (sums that merge by addition, exactly, with any
 * other partition's: lib/engine/partial.ts) or `{"id", "ok": false, "problems": […]}`. For a reduction,
 * `{"id", "merge": [partial, partial]}` is answered with their merged partial (refused if they are of
 * different models or grids), and `{"id", "figures": partial}` with the figures of a merged book. A
 * bad line, a missing file or a tape with problems is an answer, never a stop; the process ends when
 * stdin does.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  evaluationPartial,
  mergePartials,
  parsePortfolio,
  partialFigures,
  ScenarioEngine,
  type EvaluationPartial,
  type SummedFigures,
  type VerifiedModel,
} from '../lib/engine';
import { parseScenarioFile } from '../lib/scenario';
import { decodeText, errorMessage } from '../lib/util';
import { openDeployment } from './deployment';
import { isParquetFile, openParquetTape, TapeReadError } from './parquet-tape';

type Answer =
  | { id: unknown; ok: true; loans: number; sha256: string; partial: unknown }
  | { id: unknown; ok: true; partial: EvaluationPartial }
  | { id: unknown; ok: true; figures: SummedFigures }
  | { id: unknown; ok: false; problems: string[] };

/** One request line: its partition scored under its scenario, or why not. */
async function answer(verified: VerifiedModel, line: string): Promise<Answer> {
  let request: { id?: unknown; portfolio?: unknown; scenario?: unknown; merge?: unknown; figures?: unknown };
  try {
    request = JSON.parse(line) as typeof request;
  } catch {
    return { id: null, ok: false, problems: [`Not JSON: ${line.slice(0, 80)}`] };
  }
  const id = request?.id ?? null;
  if (Array.isArray(request?.merge) && request.merge.length === 2) {
    const [a, b] = request.merge as [EvaluationPartial, EvaluationPartial];
    return { id, ok: true, partial: mergePartials(a, b) };
  }
  if (request?.figures) return { id, ok: true, figures: partialFigures(request.figures as EvaluationPartial) };
  if (typeof request !== 'object' || request === null || typeof request.portfolio !== 'string') {
    return { id, ok: false, problems: ['"portfolio": expected the path of a CSV or Parquet partition of the tape'] };
  }
  const scenario = parseScenarioFile(request.scenario ?? {});
  if (!scenario.ok) return { id, ok: false, problems: scenario.errors.map((e) => `"scenario": ${e}`) };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(request.portfolio));
  } catch (e) {
    return { id, ok: false, problems: [`The portfolio ${request.portfolio} could not be read: ${errorMessage(e)}`] };
  }
  const { manifest, model, cardSha256 } = verified;
  const text = await partitionText(request.portfolio, bytes);
  if (!text.ok) return { id, ok: false, problems: [text.message] };
  const parsed = parsePortfolio(text.text, manifest);
  if (!parsed.ok) return { id, ok: false, problems: parsed.issues.map((i) => `${request.portfolio}: ${i.message}`) };
  const engine = new ScenarioEngine(manifest, parsed.tape, model.scorePd);
  const { assumptions, settings, scenarioSet } = scenario;
  const partial = await evaluationPartial(engine, { sha256: model.sha256, cardSha256 }, assumptions, settings, scenarioSet);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { id, ok: true, loans: engine.loanCount, sha256, partial };
}

/** A partition's text: a CSV file's own, or a Parquet file's rows written as the same parser reads them. */
async function partitionText(path: string, bytes: Uint8Array): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  if (!isParquetFile(path)) return decodeText(bytes, `The portfolio ${path}`);
  try {
    const tape = await openParquetTape(path);
    let text = tape.header;
    for await (const chunk of tape.chunks(Number.MAX_SAFE_INTEGER)) text = chunk.text;
    return { ok: true, text };
  } catch (e) {
    if (e instanceof TapeReadError) return { ok: false, message: `The portfolio ${path} cannot be scored: ${e.message}.` };
    throw e;
  }
}

/** Writes one answer as one line, waiting for the pipe when it is full: a big partial arrives whole. */
const writeLine = (text: string) =>
  new Promise<void>((resolve) => (process.stdout.write(`${text}\n`) ? resolve() : process.stdout.once('drain', () => resolve())));

export async function serve(manifestPath: string): Promise<void> {
  // The reader gone (its worker killed), there is no one to answer: stop quietly.
  process.stdout.on('error', () => process.exit(0));
  const verified = await openDeployment(manifestPath);
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const reply = await answer(verified, line).catch((e: unknown): Answer => ({ id: null, ok: false, problems: [errorMessage(e)] }));
    await writeLine(JSON.stringify(reply));
  }
  await verified.model.release();
}

/**
 * npm run score -- --portfolio FILE.csv [--scenario FILE.json [--name SCENARIO]] --out FILE.csv [--manifest FILE]
 *                  [--pin-model-sha256 HEX] [--pin-card-sha256 HEX] [--workers N] [--chunk-rows N]
 * npm run score -- --model M.onnx --portfolio FILE.csv [--card C.json] [--map INPUT=COLUMN]…
 *                  [--exposure COLUMN|NUMBER] [--rate COLUMN|NUMBER] [--term COLUMN|NUMBER] [--grade COLUMN]
 *                  [--region COLUMN] [--outcome COLUMN=BAD[,BAD]] [--balance COLUMN] [--months-on-book COLUMN]
 *                  [--days-past-due COLUMN] [--origination-pd COLUMN]
 *                  [--features COL,COL,…] [--fill INPUT=VALUE|nan]… [--default-class LABEL]
 *                  [--lever ID=scale:INPUT | ID=shift:INPUT:UNITS]… [--reference-column COLUMN]
 *                  [--write-card C.json] --out FILE.csv
 * The second form scores any converter-made ONNX model the page can: with its card, or with a card
 * drafted from the graph and the tape (the same code as the page's wizard), which --write-card keeps.
 * Scores a loan tape with the same engine as the page: one output row per loan in input order,
 * portfolio metrics as JSON on stdout. It reads files as the page does (UTF-8, or UTF-16 with a
 * byte-order mark), hashes their bytes as sha256sum does, never writes over an input, checks that
 * the output can be written before it scores, and writes through a temporary file renamed into
 * place, so a failed write leaves no half file. Every failure: one sentence naming the file, exit 2.
 *
 * A tape above 64 MB, a Parquet tape, or one with --workers or --chunk-rows, is scored in parts
 * (score-parts.ts): streamed in chunks of --chunk-rows loans (100,000) over --workers threads (every
 * core), in bounded memory, its partial sums merged; the figures are the whole tape's (to rounding)
 * and the rows the same. A Parquet tape (parquet-tape.ts) is read by the same parser as CSV.
 */
import { closeSync, existsSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  cardForModel,
  modelPointErrors,
  openEngine,
  openVerifiedModel,
  partialFigures,
  portfolioNotes,
  scoreSummary,
  type CardOutcome,
  type ScoreSummaryInput,
} from '../lib/engine';
import {
  MODEL_POINT_WEIGHT,
  modelPointsLine,
  weightedPoints,
  withLastField,
  type ModelPointsReport,
  type TapeIssue,
} from '../lib/portfolio';
import Papa from 'papaparse';
import { DEPLOYMENT_CARD } from './deployment';
import { isParquetFile } from './parquet-tape';
import { scoreInParts, type PartsResult } from './score-parts';
import { serve } from './score-serve';
import { draftChoicesFromFlags, modelFacts, modelFileBesideCard, sha256Hex, type Manifest, type ReferenceSource } from '../lib/model';
import {
  DEFAULT_SCENARIO_SET,
  DEFAULT_SETTINGS,
  BASELINE_ASSUMPTIONS,
  lookUpScenario,
  parseScenarioFile,
  type ScenarioFile,
} from '../lib/scenario';
import { decodeText, errorMessage } from '../lib/util';
import { loanRowsCsv } from '../lib/export';

const DEFAULT_MANIFEST = DEPLOYMENT_CARD;
/** Above this size a tape is scored in parts (about 600,000 Lending Club loans): read whole, it would hold gigabytes. */
const WHOLE_TAPE_BYTES = 64 * 1024 * 1024;
/** Loans per part: a part's engine holds a few hundred megabytes at most. */
const CHUNK_ROWS = 100_000;
const USAGE =
  'usage: npm run score -- --portfolio FILE.csv|FILE.parquet [--scenario FILE.json [--name SCENARIO]] --out FILE.csv [--manifest MODEL.manifest.json] ' +
  '[--pin-model-sha256 HEX] [--pin-card-sha256 HEX] [--workers N] [--chunk-rows N]\n' +
  '   or: npm run score -- --model M.onnx --portfolio FILE.csv --out FILE.csv [--card C.json] [--map INPUT=COLUMN]... ' +
  '[--exposure COLUMN|NUMBER] [--rate COLUMN|NUMBER] [--term COLUMN|NUMBER] [--grade COLUMN] [--region COLUMN] [--outcome COLUMN=BAD[,BAD]] ' +
  '[--balance COLUMN] [--months-on-book COLUMN] [--days-past-due COLUMN] [--origination-pd COLUMN] ' +
  '[--features COL,COL,...] [--fill INPUT=VALUE|nan]... [--default-class LABEL] [--lever ID=scale:INPUT|ID=shift:INPUT:UNITS]... ' +
  '[--reference-column COLUMN] [--write-card C.json]\n' +
  '   or: npm run score -- --serve [--manifest MODEL.manifest.json]   (NDJSON requests on stdin, partials on stdout)';

/** A failure the user can act on: said in one sentence, exit code 2. */
class ScoreError extends Error {}

const reason = (e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EISDIR: 'it is a folder',
    ENOSPC: 'no space left on the device',
    EFBIG: 'the file would exceed the size limit',
    EROFS: 'the file system is read-only',
  };
  return code && known[code] ? `${known[code]} (${code})` : errorMessage(e);
};

function readBytes(path: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new ScoreError(`Cannot read the ${what} ${path}: ${reason(e)}.`);
  }
}

function readText(path: string, what: string): { bytes: Uint8Array; text: string } {
  const bytes = readBytes(path, what);
  const decoded = decodeText(bytes, `The ${what} ${path}`);
  if (!decoded.ok) throw new ScoreError(decoded.message);
  return { bytes, text: decoded.text };
}

/** The scenario file's view; with a name, that scenario's levers (the set's or one of the file's named scenarios). */
function readScenario(path: string | undefined, name?: string): ScenarioFile {
  if (!path) {
    const defaults = { assumptions: BASELINE_ASSUMPTIONS, settings: DEFAULT_SETTINGS, scenarioSet: DEFAULT_SCENARIO_SET };
    return name === undefined ? defaults : named(defaults, name, 'the default scenario set');
  }
  let json: unknown;
  try {
    json = JSON.parse(readText(path, 'scenario file').text);
  } catch (e) {
    if (e instanceof ScoreError) throw e;
    throw new ScoreError(`The scenario file ${path} is not valid JSON: ${errorMessage(e)}.`);
  }
  const scenario = parseScenarioFile(json);
  if (!scenario.ok) throw new ScoreError(`The scenario file ${path} is refused:\n  ${scenario.errors.join('\n  ')}`);
  return name === undefined ? scenario : named(scenario, name, `the scenario file ${path}`);
}

function named(file: ScenarioFile, name: string, where: string): ScenarioFile {
  const found = lookUpScenario(name, file.scenarioSet, file.named);
  if ('refused' in found) throw new ScoreError(`--name "${name}" (in ${where}) ${found.refused}`);
  return { ...file, assumptions: found.assumptions };
}

/** The real path a file has or would have (its folder resolved, for one that does not exist yet). */
function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** Refuses an output that is one of the inputs: the same real path, or (hard links, case-insensitive file systems) the same inode. */
function refuseOverwrite(out: string, inputs: { path: string; what: string }[]) {
  const target = realTarget(out);
  const outStat = existsSync(out) ? statSync(out) : undefined;
  const sameFile = (path: string) => {
    if (realTarget(path) === target) return true;
    const stat = outStat && statSync(path);
    return Boolean(stat && outStat && stat.dev === outStat.dev && stat.ino === outStat.ino);
  };
  for (const input of inputs) {
    if (existsSync(input.path) && sameFile(input.path)) {
      throw new ScoreError(
        `Refusing to write the scores to ${out}: it is the ${input.what}, which would be lost. Choose another --out file.`,
      );
    }
  }
}

/**
 * Claims the output before any scoring: refuses a path that is one of the inputs or a folder, and
 * creates the temporary file beside it (proof that the folder is writable). Returns that file.
 */
function claimOutput(out: string, inputs: { path: string; what: string }[], what = 'the scores'): { tmp: string; fd: number } {
  refuseOverwrite(out, inputs);
  if (existsSync(out) && statSync(out).isDirectory()) throw new ScoreError(`Cannot write ${what} to ${out}: it is a folder.`);
  const tmp = join(dirname(resolve(out)), `.${basename(out)}.${process.pid}.tmp`);
  try {
    return { tmp, fd: openSync(tmp, 'wx') };
  } catch (e) {
    throw new ScoreError(`Cannot write ${what} to ${out}: ${reason(e)}. Nothing was scored.`);
  }
}

/** Writes `text` to the claimed temporary file; on failure removes it, and says what became of `out`. */
function appendOutput(out: string, claim: { tmp: string; fd: number }, text: string, what = 'the scores') {
  try {
    // write() may write less than asked (a size limit reached mid-way) without an error: loop until
    // every byte is down, so the limit surfaces as the error it is on the next call.
    const bytes = Buffer.from(text, 'utf8');
    for (let done = 0; done < bytes.length;) done += writeSync(claim.fd, bytes, done, bytes.length - done);
  } catch (e) {
    failedOutput(out, claim, what, e);
  }
}

function failedOutput(out: string, claim: { tmp: string; fd: number }, what: string, e: unknown): never {
  try {
    closeSync(claim.fd);
  } catch {
    /* already closed */
  }
  rmSync(claim.tmp, { force: true });
  throw new ScoreError(
    `Could not write ${what} to ${out}: ${reason(e)}. ${existsSync(out) ? `${out} is unchanged.` : 'No file was written.'}`,
  );
}

/** Writes the rest to the claimed temporary file, then renames it into place; on failure removes it. */
function commitOutput(out: string, claim: { tmp: string; fd: number }, text: string, what = 'the scores') {
  appendOutput(out, claim, text, what);
  try {
    closeSync(claim.fd);
    renameSync(claim.tmp, out);
  } catch (e) {
    failedOutput(out, claim, what, e);
  }
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        portfolio: { type: 'string' },
        scenario: { type: 'string' },
        name: { type: 'string' },
        out: { type: 'string' },
        manifest: { type: 'string' },
        'pin-model-sha256': { type: 'string' },
        'pin-card-sha256': { type: 'string' },
        model: { type: 'string' },
        card: { type: 'string' },
        map: { type: 'string', multiple: true },
        features: { type: 'string' },
        fill: { type: 'string', multiple: true },
        'default-class': { type: 'string' },
        lever: { type: 'string', multiple: true },
        'reference-column': { type: 'string' },
        'write-card': { type: 'string' },
        exposure: { type: 'string' },
        rate: { type: 'string' },
        term: { type: 'string' },
        grade: { type: 'string' },
        region: { type: 'string' },
        outcome: { type: 'string' },
        balance: { type: 'string' },
        'months-on-book': { type: 'string' },
        'days-past-due': { type: 'string' },
        'origination-pd': { type: 'string' },
        workers: { type: 'string' },
        'model-points': { type: 'string' },
        'points-out': { type: 'string' },
        'chunk-rows': { type: 'string' },
        serve: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (e) {
    throw new ScoreError(`${errorMessage(e)}\n${USAGE}`);
  }
}

/** Where the model and its card come from: the deployment's card with the model beside it, or a brought model (with or without a card). */
interface ModelSource {
  cardBytes: Uint8Array;
  cardName: string;
  readModel: (card: Manifest) => Promise<Uint8Array>;
  modelPath?: string;
  /** How a drafted card matched the model to the tape (absent when the card was given). */
  drafted?: Pick<Extract<CardOutcome, { ok: true }>, 'mappings' | 'defaultClass'> & { referenceSource?: ReferenceSource };
}

type Args = ReturnType<typeof parseCommandLine>;

async function broughtModel(args: Args, modelPath: string, tapeText: string): Promise<ModelSource> {
  const modelBytes = readBytes(modelPath, 'model');
  const readModel = async () => modelBytes;
  if (args.card) return { cardBytes: readBytes(args.card, 'model card'), cardName: args.card, readModel, modelPath };
  const { choices, errors } = draftChoicesFromFlags({
    exposure: args.exposure,
    rate: args.rate,
    term: args.term,
    grade: args.grade,
    region: args.region,
    outcome: args.outcome,
    balance: args.balance,
    monthsOnBook: args['months-on-book'],
    daysPastDue: args['days-past-due'],
    originationPd: args['origination-pd'],
    map: args.map,
    features: args.features,
    fill: args.fill,
    defaultClass: args['default-class'],
    lever: args.lever,
  });
  if (errors.length) throw new ScoreError(errors.join('\n'));
  const made = await cardForModel({
    modelBytes,
    modelName: basename(modelPath),
    csvText: tapeText,
    choices,
    referenceColumn: args['reference-column'],
  });
  if (!made.ok) throw new ScoreError(`The model ${modelPath} cannot be scored on ${args.portfolio}:\n  ${made.problems.join('\n  ')}`);
  return {
    cardBytes: new TextEncoder().encode(made.cardJson),
    cardName: `drafted for ${modelPath}`,
    readModel,
    modelPath,
    drafted: { mappings: made.mappings, defaultClass: made.defaultClass, referenceSource: made.card.referenceSource },
  };
}

function deploymentModel(manifestPath: string, out: string): ModelSource {
  const source: ModelSource = {
    cardBytes: readBytes(manifestPath, 'model card'),
    cardName: manifestPath,
    readModel: async (card) => {
      source.modelPath = modelFileBesideCard(manifestPath, card);
      refuseOverwrite(out, [{ path: source.modelPath, what: 'model' }]);
      return readBytes(source.modelPath, 'model');
    },
  };
  return source;
}

/** Keeps the card the scores were made with, so the next run (and the page) loads model and card in one step. */
function writeCard(path: string, bytes: Uint8Array) {
  const claim = claimOutput(path, [], 'the model card');
  commitOutput(path, claim, new TextDecoder().decode(bytes), 'the model card');
}

async function main() {
  const args = parseCommandLine();
  if (args.serve) return serve(args.manifest ?? DEFAULT_MANIFEST);
  if (!args.portfolio || !args.out) throw new ScoreError(USAGE);
  const modelOnly = [
    'card',
    'map',
    'features',
    'fill',
    'lever',
    'write-card',
    'exposure',
    'rate',
    'term',
    'grade',
    'region',
    'outcome',
  ] as const;
  if (!args.model && modelOnly.some((flag) => args[flag] !== undefined)) {
    throw new ScoreError(`${modelOnly.map((f) => `--${f}`).join(', ')} go with --model.\n${USAGE}`);
  }
  const manifestPath = args.manifest ?? DEFAULT_MANIFEST;
  const inputs = [
    { path: args.portfolio, what: 'portfolio' },
    ...(args.model ? [{ path: args.model, what: 'model' }] : [{ path: manifestPath, what: 'model card' }]),
    ...(args.card ? [{ path: args.card, what: 'model card' }] : []),
    ...(args.scenario ? [{ path: args.scenario, what: 'scenario file' }] : []),
  ];
  if (args['write-card']) refuseOverwrite(args['write-card'], [...inputs, { path: args.out, what: 'scores file' }]);
  const { assumptions, settings, scenarioSet } = readScenario(args.scenario, args.name);
  const parts = inParts(args);
  if (parts) {
    if (args.model && !args.card) {
      throw new ScoreError(
        `A tape scored in parts (above 64 MB, with --workers or --chunk-rows, or Parquet) needs the model's card: draft one on a CSV sample of the tape with --write-card, then give it with --card.`,
      );
    }
    await scoreTapeInParts(args, { assumptions, settings, scenarioSet }, parts, inputs);
    return;
  }
  const tape = readText(args.portfolio, 'portfolio');
  const source = args.model ? await broughtModel(args, args.model, tape.text) : deploymentModel(manifestPath, args.out);
  const claim = claimOutput(args.out, inputs);
  try {
    const opened = await openEngine({
      ...source,
      pins: pinsOf(args),
      csvText: tape.text,
    }).catch(refusedModel(source));
    if (!opened.ok) throw tapeRefused(args.portfolio, opened);
    const { engine, model, manifest, cardSha256 } = opened;
    await engine.bookValidation(); // the report carries the model's evidence on this tape
    const evaluation = await engine.evaluate(assumptions, settings, scenarioSet);
    const loans = await engine.loanLevel(assumptions, settings);
    commitOutput(args.out, claim, `${loanRowsCsv(loans, 1, true)}\n`);
    if (args['write-card']) writeCard(args['write-card'], source.cardBytes);
    printSummary({
      model: modelFacts(manifest, model, cardSha256),
      drafted: source.drafted,
      portfolio: {
        file: args.portfolio,
        loans: engine.loanCount,
        sha256: await sha256Hex(tape.bytes),
        notes: portfolioNotes(opened.tape, manifest),
      },
      scenario: { assumptions, settings, scenarioSet },
      figures: evaluation,
    });
    await model.release();
  } finally {
    rmSync(claim.tmp, { force: true });
  }
}

const pinsOf = (args: Args) => ({ modelSha256: args['pin-model-sha256'], cardSha256: args['pin-card-sha256'] });

/** A model or card that fails a check: before the model is read, the failure is the card's own, and its message names the card. */
const refusedModel = (source: ModelSource) => (e: unknown) => {
  if (e instanceof ScoreError) throw e;
  throw new ScoreError(
    source.modelPath ? `The model ${source.modelPath} with its card ${source.cardName} is refused: ${errorMessage(e)}` : errorMessage(e),
  );
};

function tapeRefused(path: string, refused: { issues: TapeIssue[]; totalIssues: number }): ScoreError {
  const more = refused.totalIssues > refused.issues.length ? `\n  … and ${refused.totalIssues - refused.issues.length} more` : '';
  return new ScoreError(
    `The portfolio ${path} has ${refused.totalIssues} problem(s):\n  ${refused.issues.map((i) => i.message).join('\n  ')}${more}`,
  );
}

/** The metrics on stdout: the same for a whole-tape run and a run in parts (and the REST face's answer). */
function printSummary(s: Omit<ScoreSummaryInput, 'drafted'> & { drafted?: ModelSource['drafted'] }) {
  process.stdout.write(`${JSON.stringify(scoreSummary(s), null, 2)}\n`);
}

/** Parts are used when asked for (--workers, --chunk-rows) or when the tape is too big to read whole. */
function inParts(args: Args) {
  const whole = (flag: 'workers' | 'chunk-rows' | 'model-points', fallback: number) => {
    const text = args[flag];
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new ScoreError(`--${flag} takes a whole number of at least 1, not "${text}".\n${USAGE}`);
    return n;
  };
  if ((args['model-points'] === undefined) !== (args['points-out'] === undefined)) {
    throw new ScoreError(`--model-points K and --points-out FILE go together: how many points, and where to write them.\n${USAGE}`);
  }
  const asked = args.workers !== undefined || args['chunk-rows'] !== undefined || args['model-points'] !== undefined;
  let size: number;
  try {
    size = statSync(args.portfolio!).size;
  } catch (e) {
    throw new ScoreError(`Cannot read the portfolio ${args.portfolio}: ${reason(e)}.`);
  }
  // A Parquet tape is always read in parts: row group by row group (parquet-tape.ts).
  if (!asked && size <= WHOLE_TAPE_BYTES && !isParquetFile(args.portfolio!)) return undefined;
  return {
    workers: whole('workers', availableParallelism()),
    chunkRows: whole('chunk-rows', CHUNK_ROWS),
    ...(args['model-points'] !== undefined ? { modelPoints: whole('model-points', 0) } : {}),
  };
}

type Parts = NonNullable<ReturnType<typeof inParts>>;

async function scoreTapeInParts(args: Args, scenario: ScenarioFile, parts: Parts, inputs: { path: string; what: string }[]) {
  const source = args.model ? await broughtModel(args, args.model, '') : deploymentModel(args.manifest ?? DEFAULT_MANIFEST, args.out!);
  // Verified here once, for its hashes and a refusal before any work; each worker verifies its own copy.
  const verified = await openVerifiedModel({ ...source, pins: pinsOf(args) }).catch(refusedModel(source));
  await verified.model.release();
  const claim = claimOutput(args.out!, inputs);
  const pointsOut = args['points-out'];
  const pointsClaim = pointsOut
    ? claimOutput(pointsOut, [...inputs, { path: args.out!, what: 'scores file' }], 'the model points')
    : undefined;
  try {
    const result = await scoreInParts({
      portfolioPath: args.portfolio!,
      setup: {
        cardBytes: source.cardBytes,
        cardName: source.cardName,
        modelBytes: verified.modelBytes,
        ...scenario,
        ...(parts.modelPoints ? { modelPoints: parts.modelPoints } : {}),
      },
      ...parts,
      write: (text) => appendOutput(args.out!, claim, text),
    });
    if (!result.ok && 'failed' in result) throw new ScoreError(`The portfolio ${args.portfolio} cannot be scored: ${result.failed}.`);
    if (!result.ok) throw tapeRefused(args.portfolio!, result);
    const identity = { sha256: verified.model.sha256, cardSha256: verified.cardSha256 };
    const points =
      pointsOut && pointsClaim && parts.modelPoints
        ? await modelPoints({ args, source, scenario, result, k: parts.modelPoints, identity })
        : undefined;
    commitOutput(args.out!, claim, '\n');
    if (points && pointsOut && pointsClaim) commitOutput(pointsOut, pointsClaim, points.text, 'the model points');
    if (args['write-card']) writeCard(args['write-card'], source.cardBytes);
    printSummary({
      model: modelFacts(verified.manifest, verified.model, verified.cardSha256),
      portfolio: {
        file: args.portfolio!,
        loans: result.loans,
        sha256: result.sha256,
        notes: result.notes,
        chunks: result.chunks,
        workers: parts.workers,
      },
      scenario,
      figures: partialFigures(result.partial),
      ...(points ? { modelPoints: { file: pointsOut!, ...points.report } } : {}),
    });
  } finally {
    rmSync(claim.tmp, { force: true });
    if (pointsClaim) rmSync(pointsClaim.tmp, { force: true });
  }
}

/**
 * The book's model points (lib/portfolio/model-points.ts) as a tape with a weight column, and how far
 * their KPIs are from the full book's: the points are scored by the same engine and compared.
 */
async function modelPoints(run: {
  args: Args;
  source: ModelSource;
  scenario: ScenarioFile;
  result: Extract<PartsResult, { ok: true }>;
  k: number;
  identity: { sha256: string; cardSha256: string };
}): Promise<{ text: string; report: ModelPointsReport }> {
  const { args, result, scenario } = run;
  const fields = Papa.parse<string[]>(result.header).data[0] ?? [];
  if (fields.map((f) => f.trim()).includes(MODEL_POINT_WEIGHT)) {
    throw new ScoreError(
      `The portfolio ${args.portfolio} is already a book's model points (it has a ${MODEL_POINT_WEIGHT} column): make points from the full book.`,
    );
  }
  const points = weightedPoints(result.candidates, run.k);
  const body = withLastField(result.header, MODEL_POINT_WEIGHT) + points.map((p) => withLastField(p.record, p.weight)).join('');
  const opened = await openEngine({ ...run.source, pins: pinsOf(args), csvText: body });
  if (!opened.ok) throw new ScoreError(`The model points of ${args.portfolio} could not be read back: ${opened.issues[0]?.message}`);
  const sums = await opened.engine.evaluationSums(scenario.assumptions, scenario.settings, scenario.scenarioSet);
  await opened.model.release();
  const report: ModelPointsReport = {
    method: 'priority sampling by exposure × √PD (Duffield, Lund and Thorup 2007)',
    points: points.length,
    loans: result.loans,
    source: { file: basename(args.portfolio!), sha256: result.sha256 },
    model: run.identity,
    errors: modelPointErrors(result.partial.sums, sums, scenario.assumptions, scenario.settings, scenario.scenarioSet),
  };
  return { text: modelPointsLine(report) + body, report };
}

main().catch((e: unknown) => {
  process.stderr.write(`score: ${e instanceof ScoreError ? e.message : `unexpected failure: ${errorMessage(e)}`}\n`);
  process.exit(2);
});

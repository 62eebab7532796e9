/**
 * npm run score -- --portfolio FILE.csv [--scenario FILE.json] --out FILE.csv [--manifest FILE]
 *                  [--pin-model-sha256 HEX] [--pin-card-sha256 HEX]
 * Scores a loan tape with the same engine as the page: one output row per loan in input order,
 * portfolio metrics as JSON on stdout. It reads files as the page does (UTF-8, or UTF-16 with a
 * byte-order mark), hashes their bytes as sha256sum does, never writes over an input, checks that
 * the output can be written before it scores, and writes through a temporary file renamed into
 * place, so a failed write leaves no half file. Every failure: one sentence naming the file, exit 2.
 */
import { closeSync, existsSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { openEngine, portfolioNotes } from '../lib/engine';
import { modelFacts, modelFileBesideCard, sha256Hex } from '../lib/model';
import { DEFAULT_SCENARIO_SET, DEFAULT_SETTINGS, BASELINE_ASSUMPTIONS, parseScenarioFile, type ScenarioFile } from '../lib/scenario';
import { decodeText, errorMessage } from '../lib/util';

const DEFAULT_MANIFEST = 'public/models/lending-club-pd.manifest.json';
const USAGE =
  'usage: npm run score -- --portfolio FILE.csv [--scenario FILE.json] --out FILE.csv [--manifest MODEL.manifest.json] ' +
  '[--pin-model-sha256 HEX] [--pin-card-sha256 HEX]';

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

function readScenario(path: string | undefined): ScenarioFile {
  if (!path) return { assumptions: BASELINE_ASSUMPTIONS, settings: DEFAULT_SETTINGS, scenarioSet: DEFAULT_SCENARIO_SET };
  let json: unknown;
  try {
    json = JSON.parse(readText(path, 'scenario file').text);
  } catch (e) {
    if (e instanceof ScoreError) throw e;
    throw new ScoreError(`The scenario file ${path} is not valid JSON: ${errorMessage(e)}.`);
  }
  const scenario = parseScenarioFile(json);
  if (!scenario.ok) throw new ScoreError(`The scenario file ${path} is refused:\n  ${scenario.errors.join('\n  ')}`);
  return scenario;
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
function claimOutput(out: string, inputs: { path: string; what: string }[]): { tmp: string; fd: number } {
  refuseOverwrite(out, inputs);
  if (existsSync(out) && statSync(out).isDirectory()) throw new ScoreError(`Cannot write the scores to ${out}: it is a folder.`);
  const tmp = join(dirname(resolve(out)), `.${basename(out)}.${process.pid}.tmp`);
  try {
    return { tmp, fd: openSync(tmp, 'wx') };
  } catch (e) {
    throw new ScoreError(`Cannot write the scores to ${out}: ${reason(e)}. Nothing was scored.`);
  }
}

/** Writes everything to the claimed temporary file, then renames it into place; on failure removes it. */
function commitOutput(out: string, claim: { tmp: string; fd: number }, text: string) {
  try {
    // write() may write less than asked (a size limit reached mid-way) without an error: loop until
    // every byte is down, so the limit surfaces as the error it is on the next call.
    const bytes = Buffer.from(text, 'utf8');
    for (let done = 0; done < bytes.length;) done += writeSync(claim.fd, bytes, done, bytes.length - done);
    closeSync(claim.fd);
    renameSync(claim.tmp, out);
  } catch (e) {
    try {
      closeSync(claim.fd);
    } catch {
      /* already closed */
    }
    rmSync(claim.tmp, { force: true });
    throw new ScoreError(
      `Could not write the scores to ${out}: ${reason(e)}. ${existsSync(out) ? `${out} is unchanged.` : 'No file was written.'}`,
    );
  }
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        portfolio: { type: 'string' },
        scenario: { type: 'string' },
        out: { type: 'string' },
        manifest: { type: 'string' },
        'pin-model-sha256': { type: 'string' },
        'pin-card-sha256': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (e) {
    throw new ScoreError(`${errorMessage(e)}\n${USAGE}`);
  }
}

async function main() {
  const args = parseCommandLine();
  if (!args.portfolio || !args.out) throw new ScoreError(USAGE);
  const manifestPath = args.manifest ?? DEFAULT_MANIFEST;
  const inputs = [
    { path: args.portfolio, what: 'portfolio' },
    { path: manifestPath, what: 'model card' },
    ...(args.scenario ? [{ path: args.scenario, what: 'scenario file' }] : []),
  ];
  const { assumptions, settings, scenarioSet } = readScenario(args.scenario);
  const cardBytes = readBytes(manifestPath, 'model card');
  const tape = readText(args.portfolio, 'portfolio');
  const claim = claimOutput(args.out, inputs);
  try {
    let modelPath: string | undefined;
    const opened = await openEngine({
      cardBytes,
      cardName: manifestPath,
      readModel: async (card) => {
        modelPath = modelFileBesideCard(manifestPath, card);
        refuseOverwrite(args.out!, [{ path: modelPath, what: 'model' }]);
        return readBytes(modelPath, 'model');
      },
      pins: { modelSha256: args['pin-model-sha256'], cardSha256: args['pin-card-sha256'] },
      csvText: tape.text,
    }).catch((e: unknown) => {
      if (e instanceof ScoreError) throw e;
      // Before the model is read, the failure is the card's own, and its message names the card.
      throw new ScoreError(
        modelPath ? `The model ${modelPath} with its card ${manifestPath} is refused: ${errorMessage(e)}` : errorMessage(e),
      );
    });
    if (!opened.ok) {
      const more = opened.totalIssues > opened.issues.length ? `\n  … and ${opened.totalIssues - opened.issues.length} more` : '';
      throw new ScoreError(
        `The portfolio ${args.portfolio} has ${opened.totalIssues} problem(s):\n  ${opened.issues.map((i) => i.message).join('\n  ')}${more}`,
      );
    }
    const { engine, model, manifest, cardSha256 } = opened;
    const evaluation = await engine.evaluate(assumptions, settings, scenarioSet);
    const loans = await engine.loanLevel(assumptions, settings);
    const cents = (v: number) => Number(v.toFixed(2));
    const rows = Array.from({ length: engine.loanCount }, (_, i) => ({
      loan: i + 1,
      pd_baseline: loans.pdBaseline[i],
      pd_scenario: loans.pdScenario[i],
      ifrs9_stage: loans.stage[i],
      expected_loss: cents(loans.expectedLoss[i]!),
      ifrs9_ecl: cents(loans.ifrs9Ecl[i]!),
      lifetime_ecl: cents(loans.lifetimeEcl[i]!),
      approved_as_new_business: loans.approvedAsNewBusiness[i],
    }));
    commitOutput(args.out, claim, `${Papa.unparse(rows)}\n`);
    process.stdout.write(
      `${JSON.stringify(
        {
          model: modelFacts(manifest, model, cardSha256),
          // The same hashes the page shows and exports, and sha256sum gives: a figure is matched to its data.
          portfolio: {
            file: args.portfolio,
            loans: engine.loanCount,
            sha256: await sha256Hex(tape.bytes),
            notes: portfolioNotes(opened.tape, manifest),
          },
          assumptions,
          settings,
          scenarioSet,
          exposureBasis: evaluation.exposureBasis,
          clamped: evaluation.clamped,
          baseline: evaluation.baseline.book,
          scenario: evaluation.scenario.book,
          newBusiness: evaluation.newBusiness,
          combined: evaluation.combined,
          policy: evaluation.policy,
          swap: evaluation.swap,
          weightedEcl: evaluation.weighted,
          segments: evaluation.scenario.segments,
        },
        null,
        2,
      )}\n`,
    );
    await model.release();
  } finally {
    rmSync(claim.tmp, { force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`score: ${e instanceof ScoreError ? e.message : `unexpected failure: ${errorMessage(e)}`}\n`);
  process.exit(2);
});

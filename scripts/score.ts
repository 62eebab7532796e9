/**
 * npm run score -- --portfolio FILE.csv [--scenario FILE.json] --out FILE.csv [--manifest FILE]
 * Scores a loan tape with the same engine as the page: one output row per loan in input order,
 * portfolio metrics as JSON on stdout. Bad input: a message on stderr and exit code 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { openEngine } from '../lib/engine';
import { modelFileBesideCard, parseManifest, sha256Hex } from '../lib/model';
import { errorMessage } from '../lib/util';
import { parseScenario, BASELINE_ASSUMPTIONS, type Assumptions } from '../lib/scenario';

const DEFAULT_MANIFEST = 'public/models/lending-club-pd.manifest.json';
const USAGE = 'usage: npm run score -- --portfolio FILE.csv [--scenario FILE.json] --out FILE.csv [--manifest MODEL.manifest.json]';

class InputError extends Error {}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`Cannot read the ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? errorMessage(e)}`);
  }
}

function readScenario(path: string | undefined): Assumptions {
  if (!path) return BASELINE_ASSUMPTIONS;
  let json: unknown;
  try {
    json = JSON.parse(readText(path, 'scenario file'));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`The scenario file ${path} is not valid JSON: ${errorMessage(e)}`);
  }
  const scenario = parseScenario(json);
  if (!scenario.ok) throw new InputError(`The scenario file ${path} is refused:\n  ${scenario.errors.join('\n  ')}`);
  return scenario.assumptions;
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: { portfolio: { type: 'string' }, scenario: { type: 'string' }, out: { type: 'string' }, manifest: { type: 'string' } },
      strict: true,
    }).values;
  } catch (e) {
    throw new InputError(`${errorMessage(e)}\n${USAGE}`);
  }
  if (!args.portfolio || !args.out) throw new InputError(USAGE);
  const assumptions = readScenario(args.scenario);
  const manifestPath = args.manifest ?? DEFAULT_MANIFEST;
  const manifestJson = JSON.parse(readText(manifestPath, 'model card'));
  const csvText = readText(args.portfolio, 'portfolio');
  const modelPath = modelFileBesideCard(manifestPath, parseManifest(manifestJson));
  const opened = await openEngine({ manifestJson, modelBytes: new Uint8Array(readFileSync(modelPath)), csvText });
  if (!opened.ok) {
    const more = opened.totalIssues > opened.issues.length ? `\n  … and ${opened.totalIssues - opened.issues.length} more` : '';
    throw new InputError(
      `The portfolio ${args.portfolio} has ${opened.totalIssues} problem(s):\n  ${opened.issues.map((i) => i.message).join('\n  ')}${more}`,
    );
  }
  const { engine, manifest, model } = opened;
  const [evaluation, loans] = await Promise.all([engine.evaluate(assumptions), engine.loanLevel(assumptions)]);
  const rows = Array.from({ length: engine.loanCount }, (_, i) => ({
    loan: i + 1,
    pd_baseline: loans.pdBaseline[i],
    pd_scenario: loans.pdScenario[i],
    expected_loss: Number(loans.expectedLoss[i]!.toFixed(2)),
    approved: loans.approved[i],
  }));
  writeFileSync(args.out, `${Papa.unparse(rows)}\n`);
  process.stdout.write(
    `${JSON.stringify(
      {
        model: {
          name: manifest.name,
          version: manifest.version,
          sha256: model.sha256,
          selfTest: model.selfTest,
          holdoutAuc: manifest.metrics.holdout.auc,
        },
        // The same hash the page shows and exports, so a figure can be matched to its data.
        portfolio: { file: args.portfolio, loans: engine.loanCount, sha256: await sha256Hex(new TextEncoder().encode(csvText)) },
        assumptions,
        clamped: evaluation.clamped,
        baseline: evaluation.baseline.book,
        scenario: evaluation.scenario.book,
        segments: evaluation.scenario.segments,
      },
      null,
      2,
    )}\n`,
  );
  await model.release();
}

main().catch((e: unknown) => {
  process.stderr.write(`score: ${errorMessage(e)}\n`);
  process.exit(e instanceof InputError ? 2 : 1);
});

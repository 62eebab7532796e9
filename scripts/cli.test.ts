import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { modelInputsFromTape } from '../lib/model';
import { openBundled } from '../lib/testing';

const tmp = mkdtempSync(join(tmpdir(), 'riskdial-'));
const tsx = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', timeout: 120_000 });
const score = (...args: string[]) => tsx('scripts/score.ts', args);

/** The bundled model's PDs for the bundled tape, scored here directly (no engine, no command line). */
async function directPds(): Promise<number[]> {
  const { model, manifest, tape } = await openBundled();
  const pds = Array.from(await model.scorePd(modelInputsFromTape(manifest, tape)));
  await model.release();
  return pds;
}
const file = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

describe('npm run train', () => {
  it('reproduces the committed model and model card byte for byte', () => {
    const out = join(tmp, 'models');
    const run = tsx('scripts/train.ts', ['--out-dir', out]);
    expect(run.status, run.stderr).toBe(0);
    for (const name of ['lending-club-pd.onnx', 'lending-club-pd.manifest.json']) {
      expect(readFileSync(join(out, name)).equals(readFileSync(join('public/models', name))), name).toBe(true);
    }
  });
});

describe('npm run score', () => {
  it('scores the tape in input order; without a scenario pd_scenario equals pd_baseline', async () => {
    const out = join(tmp, 'baseline.csv');
    const run = score('--portfolio', 'data/lending_club.csv', '--out', out);
    expect(run.status, run.stderr).toBe(0);
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(9857);
    expect(rows.map((r) => Number(r.loan))).toEqual(rows.map((_, i) => i + 1));
    // Both columns equal the model run directly on the tape, outside the engine and the command line.
    const direct = await directPds();
    expect(rows.map((r) => Number(r.pd_baseline))).toEqual(direct);
    expect(rows.map((r) => Number(r.pd_scenario))).toEqual(direct);
    expect(rows.every((r) => Number(r.pd_baseline) > 0 && Number(r.pd_baseline) < 1)).toBe(true);
    const mean = rows.reduce((s, r) => s + Number(r.pd_baseline), 0) / rows.length;
    expect(Math.abs(mean / (517 / 9857) - 1)).toBeLessThan(0.1);
    const metrics = JSON.parse(run.stdout);
    expect(metrics.model.holdoutAuc).toBeGreaterThanOrEqual(0.73);
    expect(metrics.scenario.expectedLoss).toBe(metrics.baseline.expectedLoss);
    // The bundled tape is the model card's training data, and the output says so by its hash.
    const card = JSON.parse(readFileSync('public/models/lending-club-pd.manifest.json', 'utf8'));
    expect(metrics.portfolio.sha256).toBe(card.trainingData.sha256);
  });

  it('applies a scenario file: income −30% and unemployment +3 pp raise mean PD by more than 20%', async () => {
    const out = join(tmp, 'stress.csv');
    const run = score(
      '--portfolio',
      'data/lending_club.csv',
      '--scenario',
      file('stress.json', '{"income-shock": -30, "unemployment-change": 3}'),
      '--out',
      out,
    );
    expect(run.status, run.stderr).toBe(0);
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const mean = (col: string) => rows.reduce((s, r) => s + Number(r[col]), 0) / rows.length;
    expect(mean('pd_scenario') / mean('pd_baseline')).toBeGreaterThan(1.2);
    expect(rows.map((r) => Number(r.pd_baseline))).toEqual(await directPds());
    const metrics = JSON.parse(run.stdout);
    expect(metrics.scenario.expectedLoss).toBeGreaterThan(metrics.baseline.expectedLoss);
  });

  it.each([
    ['an unknown assumption', '{"income": -30}', /Unknown assumption "income"/],
    ['a non-number', '{"lgd": "high"}', /"lgd" is "high"; expected a number/],
    ['an out-of-range value', '{"rate-shock": 900}', /"rate-shock" is 900 bp, out of range; expected -300 to 600/],
    ['broken JSON', '{"lgd": 40', /not valid JSON/],
  ])('refuses a scenario with %s', (_, json, message) => {
    const run = score('--portfolio', 'data/lending_club.csv', '--scenario', file('bad.json', json), '--out', join(tmp, 'x.csv'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('refuses a bad portfolio with the row, column, value and what was expected', () => {
    const csv = readFileSync('data/lending_club.csv', 'utf8').split('\n');
    csv[2] = csv[2]!.replace(/^32000,/, '-5,');
    const run = score('--portfolio', file('bad.csv', csv.join('\n')), '--out', join(tmp, 'x.csv'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Row 2, column "funded_amnt": -5 is out of range; expected a number from 1 to 10,000,000 (USD).');
  });

  it('refuses missing arguments and unreadable files', () => {
    expect(score('--portfolio', 'data/lending_club.csv').status).toBe(2);
    const run = score('--portfolio', 'nope.csv', '--out', join(tmp, 'x.csv'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Cannot read the portfolio nope.csv: ENOENT/);
  });
});

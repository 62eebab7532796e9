import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { mergePartials, partialFigures } from '../lib/engine';
import { modelInputsFromTape } from '../lib/model';
import { BASELINE_ASSUMPTIONS } from '../lib/scenario';
import { byoReference, expectSameFigures, openBundled, parquetFromCsv, referencePd, regressionOnnx } from '../lib/testing';

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

  it('reads the page’s exported scenario file and scores one of its named scenarios (--name), or a scenario of the set', () => {
    const library = file(
      'library.json',
      JSON.stringify({
        format: 'riskdial-scenarios/1',
        lgd: 45,
        scenarios: [{ name: 'Jobs shock', note: 'the board’s question', levers: { 'unemployment-change': 3 } }],
      }),
    );
    const metricsOf = (...extra: string[]) => {
      const run = score('--portfolio', 'data/lending_club.csv', '--scenario', library, ...extra, '--out', join(tmp, 'named.csv'));
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout);
    };
    const asSaved = metricsOf('--name', 'jobs-shock');
    // A named scenario sets every lever: the file's own top-level LGD belongs to the view it was exported from.
    expect(asSaved.assumptions).toMatchObject({ 'unemployment-change': 3, lgd: BASELINE_ASSUMPTIONS.lgd });
    expect(metricsOf().assumptions).toMatchObject({ 'unemployment-change': 0, lgd: 45 });
    expect(asSaved.scenario.ifrs9Ecl).toBeGreaterThan(asSaved.baseline.ifrs9Ecl);
    const severe = metricsOf('--name', 'severely adverse');
    expect(severe.assumptions['unemployment-change']).toBe(6);
    const unknown = score('--portfolio', 'data/lending_club.csv', '--scenario', library, '--name', 'boom', '--out', join(tmp, 'x.csv'));
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--name "boom" (in the scenario file');
    expect(unknown.stderr).toContain(
      'is not a scenario of the set nor a saved one; expected one of upside, base, adverse, severely-adverse',
    );
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
    expect(run.stderr).toBe('score: Cannot read the portfolio nope.csv: no such file or folder (ENOENT).\n');
  });
});

describe('npm run score in parts: a tape of any size, streamed over every core', () => {
  const scenario = () =>
    file('parts.json', '{"income-shock": -40, "utilization-shift": 50, "unemployment-change": 4, "lgd": 55, "cutoff": 12.25}');
  const SUMMED = ['baseline', 'scenario', 'newBusiness', 'combined', 'policy', 'swap', 'weightedEcl', 'segments', 'clamped'];

  it('scored in chunks by two threads, the rows are the whole run’s byte for byte and the figures its own', () => {
    const whole = score('--portfolio', 'data/lending_club.csv', '--scenario', scenario(), '--out', join(tmp, 'whole.csv'));
    const parts = score(
      '--portfolio',
      'data/lending_club.csv',
      '--scenario',
      scenario(),
      '--out',
      join(tmp, 'parts.csv'),
      '--workers',
      '2',
      '--chunk-rows',
      '1500',
    );
    expect(whole.status, whole.stderr).toBe(0);
    expect(parts.status, parts.stderr).toBe(0);
    expect(readFileSync(join(tmp, 'parts.csv')).equals(readFileSync(join(tmp, 'whole.csv')))).toBe(true);
    const [a, b] = [JSON.parse(whole.stdout), JSON.parse(parts.stdout)];
    expect(b.portfolio).toMatchObject({ loans: 9857, sha256: a.portfolio.sha256, notes: a.portfolio.notes, chunks: 7, workers: 2 });
    expect(b.model).toEqual(a.model);
    for (const key of SUMMED) expectSameFigures(b[key], a[key], key);
    expect(b.scenario.ifrs9Ecl).toBeGreaterThan(b.baseline.ifrs9Ecl);
    expect(b.clamped.length).toBeGreaterThan(0);
  });

  it('a bad cell deep in the tape is reported as the whole run reports it, and nothing is written', () => {
    const csv = readFileSync('data/lending_club.csv', 'utf8').split('\n');
    csv[5000] = csv[5000]!.replace(/^\d+,/, '-5,');
    csv[9000] = csv[9000]!.replace(/^\d+,/, 'many,');
    const bad = file('bad-deep.csv', csv.join('\n'));
    const out = join(tmp, 'bad-deep-scores.csv');
    const whole = score('--portfolio', bad, '--out', out);
    const parts = score('--portfolio', bad, '--out', out, '--chunk-rows', '1000');
    expect(parts.status).toBe(2);
    expect(parts.stderr).toBe(whole.stderr);
    expect(parts.stderr).toContain('Row 5000, column "funded_amnt": -5 is out of range');
    expect(parts.stderr).toContain('Row 9000, column "funded_amnt": "many" is not a number');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.includes('bad-deep-scores'))).toEqual([]);
  });

  it('compresses a book into weighted model points: the same points however it is cut, the error measured and carried', () => {
    const made = (chunkRows: string, workers: string, name: string) => {
      const run = score(
        '--portfolio',
        'data/lending_club.csv',
        '--scenario',
        scenario(),
        '--out',
        join(tmp, `${name}-scores.csv`),
        '--model-points',
        '1500',
        '--points-out',
        join(tmp, `${name}.csv`),
        '--chunk-rows',
        chunkRows,
        '--workers',
        workers,
      );
      expect(run.status, run.stderr).toBe(0);
      return { summary: JSON.parse(run.stdout), text: readFileSync(join(tmp, `${name}.csv`), 'utf8') };
    };
    const a = made('1000', '2', 'points-a');
    const b = made('4000', '1', 'points-b');
    // The same points and weights; the full book's figures in the report differ only by rounding (the sums were added in other orders).
    const body = (text: string) => text.slice(text.indexOf('\n') + 1);
    expect(body(b.text)).toBe(body(a.text));
    expectSameFigures({ ...b.summary.modelPoints, file: '' }, { ...a.summary.modelPoints, file: '' });
    const [line, header, ...records] = a.text.trimEnd().split(/\r?\n/);
    expect(line).toMatch(/^# riskdial-model-points \{"method":"priority sampling by exposure × √PD/);
    expect(header).toMatch(/,"Class",model_point_weight$/);
    expect(records).toHaveLength(1500);
    const report = a.summary.modelPoints;
    expect(report).toMatchObject({ points: 1500, loans: 9857, source: { file: 'lending_club.csv', sha256: a.summary.portfolio.sha256 } });
    const el = report.errors.find(
      (e: { scenario: string; metric: string }) => e.scenario === 'Severely adverse' && e.metric === 'expectedLoss',
    );
    expect(Math.abs(el.points / el.full - 1)).toBeLessThan(0.1);
    // The points file is a tape: scored again, its figures are the points' side of the report.
    const again = score('--portfolio', join(tmp, 'points-a.csv'), '--scenario', scenario(), '--out', join(tmp, 'points-again.csv'));
    expect(again.status, again.stderr).toBe(0);
    const rescored = JSON.parse(again.stdout);
    const ownEl = report.errors.find(
      (e: { scenario: string; metric: string }) => e.scenario === 'The run’s scenario' && e.metric === 'expectedLoss',
    );
    expect(rescored.scenario.expectedLoss).toBeCloseTo(ownEl.points, 4);
    expect(ownEl.full).toBeCloseTo(a.summary.scenario.expectedLoss, 4);
    expect(rescored.scenario.loans).toBeCloseTo(report.errors[0].points, 6);
  });

  it('refuses model points without a file for them, and points made from points', () => {
    const alone = score('--portfolio', 'data/lending_club.csv', '--out', join(tmp, 'x.csv'), '--model-points', '100');
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('--model-points K and --points-out FILE go together');
    const twice = score(
      '--portfolio',
      join(tmp, 'points-a.csv'),
      '--out',
      join(tmp, 'x.csv'),
      '--model-points',
      '100',
      '--points-out',
      join(tmp, 'points-of-points.csv'),
    );
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain("is already a book's model points (it has a model_point_weight column)");
    expect(existsSync(join(tmp, 'points-of-points.csv'))).toBe(false);
  });

  it('refuses a bad pool size, and a brought model without its card', () => {
    const zero = score('--portfolio', 'data/lending_club.csv', '--out', join(tmp, 'x.csv'), '--workers', '0');
    expect(zero.status).toBe(2);
    expect(zero.stderr).toContain('--workers takes a whole number of at least 1, not "0".');
    const brought = score(
      '--model',
      'data/byo-models/lc_xgboost.onnx',
      '--portfolio',
      'data/lending_club.csv',
      '--out',
      join(tmp, 'x.csv'),
      '--chunk-rows',
      '500',
    );
    expect(brought.status).toBe(2);
    expect(brought.stderr).toMatch(/needs the model's card: draft one on a CSV sample of the tape with --write-card/);
  });
});

describe('npm run score on a Parquet tape (a data lake’s book)', () => {
  const csv = () => readFileSync('data/lending_club.csv', 'utf8');
  const parquet = (name: string, options: Parameters<typeof parquetFromCsv>[1]) => {
    const path = join(tmp, name);
    writeFileSync(path, parquetFromCsv(csv(), options));
    return path;
  };

  it('scores as the CSV does: the same rows byte for byte and the same figures, over row groups and chunks that do not line up', () => {
    // Gzip-compressed, row groups of 1,000 then 3,000 loans, the amounts as 64-bit integers, cut into chunks of 2,500.
    const book = parquet('book.parquet', { rowGroupSize: [1000, 3000], int64: ['funded_amnt'] });
    const scenario = file('parquet.json', '{"income-shock": -25, "rate-shock": 2, "unemployment-change": 3, "cutoff": 14}');
    const fromCsv = score('--portfolio', 'data/lending_club.csv', '--scenario', scenario, '--out', join(tmp, 'csv-scores.csv'));
    const fromParquet = score(
      '--portfolio',
      book,
      '--scenario',
      scenario,
      '--out',
      join(tmp, 'parquet-scores.csv'),
      '--chunk-rows',
      '2500',
    );
    expect(fromCsv.status, fromCsv.stderr).toBe(0);
    expect(fromParquet.status, fromParquet.stderr).toBe(0);
    expect(readFileSync(join(tmp, 'parquet-scores.csv')).equals(readFileSync(join(tmp, 'csv-scores.csv')))).toBe(true);
    const [a, b] = [JSON.parse(fromCsv.stdout), JSON.parse(fromParquet.stdout)];
    const sha256 = createHash('sha256').update(readFileSync(book)).digest('hex');
    expect(b.portfolio).toMatchObject({ loans: 9857, chunks: 4, sha256, notes: a.portfolio.notes });
    for (const key of ['baseline', 'scenario', 'newBusiness', 'weightedEcl', 'segments']) expectSameFigures(b[key], a[key], key);
  });

  it('a bad value in a row group far in is named by row and column as in CSV; a missing one too', () => {
    const book = parquet('bad.parquet', {
      rowGroupSize: 4000,
      edit: (row, column, value) => (column === 'funded_amnt' && row === 5000 ? -5 : column === 'int_rate' && row === 9000 ? null : value),
    });
    const run = score('--portfolio', book, '--out', join(tmp, 'bad-parquet-scores.csv'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Row 5000, column "funded_amnt": -5 is out of range');
    expect(run.stderr).toMatch(/Row 9000, column "int_rate": .*(missing|empty|blank)/i);
    expect(existsSync(join(tmp, 'bad-parquet-scores.csv'))).toBe(false);
  });

  it('refuses raw bytes, a nested column and a file that only starts as Parquet, saying what is wrong', () => {
    // Text stored as bytes (as Hive and Impala write it) is read as text; bytes that are not UTF-8 are refused, by row, in a later row group.
    const utf8 = new TextEncoder().encode('Zürich, "Löwen"');
    const bytes = Array.from({ length: 9857 }, (_, i) => (i === 6999 ? new Uint8Array([0xff, 0x00, 0x13]) : i === 3 ? utf8 : null));
    const binary = parquet('binary.parquet', { rowGroupSize: 5000, extra: [{ name: 'photo', type: 'BYTE_ARRAY', data: bytes }] });
    const run = score('--portfolio', binary, '--out', join(tmp, 'x.csv'));
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `score: The portfolio ${binary} cannot be scored: row 7000, column "photo" holds 3 raw bytes: a tape's columns hold one number or text per loan (write the column as UTF-8 text or as numbers).\n`,
    );
    const text = parquet('text-bytes.parquet', {
      rowGroupSize: 5000,
      extra: [{ name: 'photo', type: 'BYTE_ARRAY', data: bytes.map((b, i) => (i === 6999 ? null : b)) }],
    });
    expect(score('--portfolio', text, '--out', join(tmp, 'text-bytes.csv')).status).toBe(0);
    // A column marked as text whose bytes are not UTF-8 is refused too (not read with replacement characters).
    const badBytes = Array.from({ length: 9857 }, (_, i) => (i === 5999 ? new Uint8Array([0x43, 0xc3, 0x28, 0x41]) : null));
    const badText = parquet('bad-text.parquet', { rowGroupSize: 5000, extra: [{ name: 'branch', type: 'STRING', data: badBytes }] });
    const bad = score('--portfolio', badText, '--out', join(tmp, 'x.csv'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('row 6000, column "branch" holds 4 raw bytes');
    const listed = join(tmp, 'nested.parquet');
    const schema = [
      { name: 'root', num_children: 2 },
      { name: 'funded_amnt', type: 'DOUBLE' as const, repetition_type: 'REQUIRED' as const },
      { name: 'tags', repetition_type: 'OPTIONAL' as const, converted_type: 'LIST' as const, num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED' as const, num_children: 1 },
      { name: 'element', type: 'DOUBLE' as const, repetition_type: 'OPTIONAL' as const },
    ];
    const columnData = [
      { name: 'funded_amnt', data: [1000, 2000] },
      { name: 'tags', data: [[1, 2], [3]] },
    ];
    writeFileSync(listed, new Uint8Array(parquetWriteBuffer({ columnData, schema })));
    const nested = score('--portfolio', listed, '--out', join(tmp, 'x.csv'));
    expect(nested.status).toBe(2);
    expect(nested.stderr).toContain(`its column "tags" is nested (a struct, list or map)`);
    const truncated = file('truncated.parquet', '');
    writeFileSync(truncated, readFileSync(binary).subarray(0, 5000));
    const cut = score('--portfolio', truncated, '--out', join(tmp, 'x.csv'));
    expect(cut.status).toBe(2);
    expect(cut.stderr).toContain(`The portfolio ${truncated} cannot be scored: it starts as Parquet (PAR1) but cannot be read as Parquet`);
  });
});

describe('npm run score -- --serve: one long-lived engine for a scheduler', () => {
  it('answers NDJSON requests with partials that merge to the whole run; a bad line or a missing file is an answer, not a stop', async () => {
    const lines = readFileSync('data/lending_club.csv', 'utf8').trimEnd().split('\n');
    const part = (name: string, from: number, to: number) => file(name, `${[lines[0], ...lines.slice(from, to)].join('\n')}\n`);
    const scenario = { 'income-shock': -20, 'unemployment-change': 3, lgd: 60, cutoff: 12 };
    const requests = [
      { id: 'b', portfolio: part('serve-b.csv', 4001, lines.length), scenario },
      '{"portfolio": ',
      { id: 'missing', portfolio: join(tmp, 'nowhere.csv') },
      { id: 'a', portfolio: part('serve-a.csv', 1, 4001), scenario },
      { id: 'bad', portfolio: part('serve-bad.csv', 1, 3), scenario: { 'income-shock': -99 } },
    ];
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/score.ts', '--serve'], {
      encoding: 'utf8',
      timeout: 120_000,
      input: requests.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n'),
    });
    expect(run.status, run.stderr).toBe(0);
    const answers = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(answers.map((a) => [a.id, a.ok])).toEqual([
      ['b', true],
      [null, false],
      ['missing', false],
      ['a', true],
      ['bad', false],
    ]);
    expect(answers[1].problems[0]).toMatch(/^Not JSON: /);
    expect(answers[2].problems[0]).toMatch(/^The portfolio .*nowhere\.csv could not be read/);
    expect(answers[4].problems[0]).toMatch(/^"scenario": .*income-shock/);
    expect(answers[0].loans + answers[3].loans).toBe(9857);
    // In either order, the two partitions' partials merge to the whole tape's figures.
    const merged = partialFigures(mergePartials(answers[3].partial, answers[0].partial));
    const { engine, model } = await openBundled();
    const whole = await engine.evaluate({ ...BASELINE_ASSUMPTIONS, ...scenario });
    expectSameFigures(merged.scenario.book, whole.scenario.book, 'book');
    expectSameFigures(merged.newBusiness, whole.newBusiness, 'new business');
    expectSameFigures(partialFigures(mergePartials(answers[0].partial, answers[3].partial)).weighted, whole.weighted, 'weighted');
    await model.release();
  });
});

describe('a book on Dask (scripts/dask_score.py)', () => {
  it('scores 20 partitions (CSV and Parquet) on a cluster of 2 workers on 127.0.0.1, one killed mid-run, and equals the single run', async () => {
    const lines = readFileSync('data/lending_club.csv', 'utf8').trimEnd().split('\n');
    const size = Math.ceil((lines.length - 1) / 20);
    // Half the partitions CSV, half Parquet (as a data lake holds a book): the engine reads both.
    const parts = Array.from({ length: 20 }, (_, k) => {
      const csv = `${[lines[0], ...lines.slice(1 + k * size, 1 + (k + 1) * size)].join('\n')}\n`;
      if (k % 2 === 0) return file(`dask-${k}.csv`, csv);
      const path = join(tmp, `dask-${k}.parquet`);
      writeFileSync(path, parquetFromCsv(csv, { rowGroupSize: 200 }));
      return path;
    });
    const scenario = { 'income-shock': -20, 'unemployment-change': 3, cutoff: 15 };
    const run = spawnSync(
      process.env.RISKDIAL_PYTHON ?? '/usr/bin/python3',
      [
        'scripts/dask_score.py',
        '--local',
        '2',
        '--kill-a-worker-after',
        '5',
        '--scenario',
        file('dask.json', JSON.stringify(scenario)),
        ...parts,
      ],
      { encoding: 'utf8', timeout: 240_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/killed worker tcp:\/\/127\.0\.0\.1:\d+/);
    const answer = JSON.parse(run.stdout);
    expect(answer).toMatchObject({ partitions: 20, loans: 9857 });
    const { engine, model } = await openBundled();
    const whole = await engine.evaluate({ ...BASELINE_ASSUMPTIONS, ...scenario });
    expectSameFigures(answer.figures.scenario.book, whole.scenario.book, 'book');
    expectSameFigures(answer.figures.newBusiness, whole.newBusiness, 'new business');
    expectSameFigures(answer.figures.weighted, whole.weighted, 'weighted');
    await model.release();
  });
});

describe('npm run score never loses data', () => {
  const tape = () => readFileSync('data/lending_club.csv');

  it('refuses to write over its input, under any spelling of the path, and leaves it as it was', () => {
    const input = file('book.csv', tape().toString('utf8'));
    mkdirSync(join(tmp, 'sub'), { recursive: true });
    symlinkSync(input, join(tmp, 'link.csv'));
    linkSync(input, join(tmp, 'hard.csv'));
    const spellings = [
      input,
      `${tmp}/./book.csv`,
      `${tmp}/sub/../book.csv`,
      relative(process.cwd(), input),
      join(tmp, 'link.csv'),
      join(tmp, 'hard.csv'),
    ];
    for (const out of spellings) {
      const run = score('--portfolio', input, '--out', out);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(
        `score: Refusing to write the scores to ${out}: it is the portfolio, which would be lost. Choose another --out file.\n`,
      );
    }
    expect(readFileSync(input).equals(tape())).toBe(true);
    const card = score('--portfolio', input, '--out', 'public/models/lending-club-pd.manifest.json');
    expect(card.stderr).toMatch(/it is the model card, which would be lost/);
  });

  it('checks the output can be written before scoring', () => {
    const out = join(tmp, 'no-such-folder', 'scores.csv');
    const run = score('--portfolio', 'data/lending_club.csv', '--out', out);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`score: Cannot write the scores to ${out}: no such file or folder (ENOENT). Nothing was scored.\n`);
    expect(run.stdout).toBe('');
  });

  it('a write that fails midway leaves no half file, and an existing output unchanged', () => {
    const out = join(tmp, 'limited.csv');
    const cmd = `ulimit -f 64; ${JSON.stringify(process.execPath)} --import tsx scripts/score.ts --portfolio data/lending_club.csv --out ${out}`;
    const fresh = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', timeout: 120_000 });
    expect(fresh.status).toBe(2);
    expect(fresh.stderr).toBe(
      `score: Could not write the scores to ${out}: the file would exceed the size limit (EFBIG). No file was written.\n`,
    );
    expect(existsSync(out)).toBe(false);
    writeFileSync(out, 'previous scores\n');
    const again = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', timeout: 120_000 });
    expect(again.stderr).toMatch(new RegExp(`${out} is unchanged\\.`));
    expect(readFileSync(out, 'utf8')).toBe('previous scores\n');
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reads what the page reads: a UTF-16 tape and a scenario file with a byte-order mark; hashes are sha256sum’s', () => {
    const text = tape().toString('utf8').split('\n').slice(0, 301).join('\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const tapePath = join(tmp, 'utf16.csv');
    writeFileSync(tapePath, utf16);
    const scenario = join(tmp, 'bom.json');
    writeFileSync(scenario, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"income-shock": -20}')]));
    const run = score('--portfolio', tapePath, '--scenario', scenario, '--out', join(tmp, 'utf16-scores.csv'));
    expect(run.status, run.stderr).toBe(0);
    const metrics = JSON.parse(run.stdout);
    expect(metrics.portfolio).toMatchObject({ loans: 300, sha256: createHash('sha256').update(utf16).digest('hex') });
    expect(metrics.model.cardSha256).toBe(
      createHash('sha256').update(readFileSync('public/models/lending-club-pd.manifest.json')).digest('hex'),
    );
    expect(metrics.assumptions['income-shock']).toBe(-20);
  });

  it('refuses a card that is not JSON, naming it, before reading any model', () => {
    const card = file('broken.manifest.json', '{"name": ');
    const run = score('--portfolio', 'data/lending_club.csv', '--manifest', card, '--out', join(tmp, 'x.csv'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^score: The model card ${card} is not valid JSON: `));
  });

  it('refuses a pinned deployment’s other card, naming the files', () => {
    const run = score('--portfolio', 'data/lending_club.csv', '--out', join(tmp, 'pinned.csv'), '--pin-card-sha256', 'ab'.repeat(32));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^score: The model public\/models\/lending-club-pd\.onnx with its card public\/models\/lending-club-pd\.manifest\.json is refused: The model card has SHA-256 [0-9a-f]{12}…, but this deployment is pinned to abababababab…\.\n$/,
    );
  });
});

describe('npm run score -- --model: a brought model, as the page scores it', () => {
  const FEATURES = byoReference().models.lc_gbt_float_input.feature_order!.join(',');
  const MEDIANS = byoReference().models.lc_gbt_float_input.training_medians!;
  const HOLDOUT = 'data/byo-models/lc_holdout.csv';
  const pdsOf = (path: string) =>
    Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data.map((r) =>
      Number(r.pd_baseline),
    );
  const worst = (a: number[], b: Float64Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

  it.each([
    ['lc_pipeline_logreg_zipmap', [] as string[]],
    ['lc_gbt_float_input', ['--features', FEATURES, ...Object.entries(MEDIANS).flatMap(([k, v]) => ['--fill', `${k}=${v}`])]],
    ['lc_xgboost', ['--features', FEATURES]],
  ] as const)('%s: every hold-out PD as Python’s predict_proba (≤ 1e-5); the card it writes scores the same in one step', (name, flags) => {
    const out = join(tmp, `${name}.csv`);
    const card = join(tmp, `${name}.card.json`);
    const run = score('--model', `data/byo-models/${name}.onnx`, '--portfolio', HOLDOUT, ...flags, '--write-card', card, '--out', out);
    expect(run.status, run.stderr).toBe(0);
    const pds = pdsOf(out);
    expect(pds).toHaveLength(2464);
    expect(worst(pds, referencePd(name))).toBeLessThanOrEqual(1e-5);
    expect(JSON.parse(run.stdout).card).toMatchObject({ drafted: true, defaultClass: { label: '1', assumed: true } });
    const again = join(tmp, `${name}.again.csv`);
    const withCard = score('--model', `data/byo-models/${name}.onnx`, '--card', card, '--portfolio', HOLDOUT, '--out', again);
    expect(withCard.status, withCard.stderr).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('a bank’s tape with its own names: inputs mapped with --map, the book’s columns with --term and --grade, a rate for every loan', () => {
    const rename: Record<string, string> = {
      funded_amnt: 'loan_amount',
      int_rate: 'interest_rate',
      term: 'loan_term',
      sub_grade: 'risk_band',
    };
    const [header, ...lines] = readFileSync(HOLDOUT, 'utf8').split('\n');
    const bank = file(
      'bank.csv',
      [header!.replace(/"(\w+)"/g, (m, name: string) => (rename[name] ? `"${rename[name]}"` : m)), ...lines].join('\n'),
    );
    const out = join(tmp, 'bank-scores.csv');
    const maps = Object.entries(rename).flatMap(([input, column]) => ['--map', `${input}=${column}`]);
    const run = score(
      '--model',
      'data/byo-models/lc_pipeline_logreg_zipmap.onnx',
      '--portfolio',
      bank,
      ...maps,
      '--term',
      'loan_term',
      '--grade',
      'risk_band',
      '--rate',
      '12',
      '--out',
      out,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(worst(pdsOf(out), referencePd('lc_pipeline_logreg_zipmap'))).toBeLessThanOrEqual(1e-5);
    const metrics = JSON.parse(run.stdout);
    expect(metrics.segments.grade.map((s: { label: string }) => s.label)).toContain('B1');
    const missing = score('--model', 'data/byo-models/lc_pipeline_logreg_zipmap.onnx', '--portfolio', bank, ...maps, '--out', out);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('No tape column holds the term (months): choose one, or give one value for every loan.');
  });

  it('refuses what the page refuses, in the same words, with exit code 2 and no output', () => {
    const out = join(tmp, 'refused.csv');
    const regression = join(tmp, 'regression.onnx');
    writeFileSync(regression, regressionOnnx());
    const truncated = join(tmp, 'truncated.onnx');
    writeFileSync(truncated, readFileSync('data/byo-models/lc_xgboost.onnx').subarray(0, 2000));
    const cases: [string[], RegExp][] = [
      [['--model', regression], /The model's output is not a probability: loan 1 gives 36000/],
      [['--model', truncated], /truncated\.onnx: This file is not an ONNX model/],
      [
        ['--model', 'data/byo-models/lc_xgboost.onnx'],
        /The model's input "input" takes 10 numbers per loan: list its 10 tape columns in order\./,
      ],
      [
        ['--model', 'data/byo-models/lc_pipeline_logreg_zipmap.onnx', '--map', 'sub_grade=grade'],
        /The tape has no column "grade" \(chosen for input "sub_grade"\)\./,
      ],
      [
        ['--model', 'data/byo-models/lc_xgboost.onnx', '--features', FEATURES, '--fill', 'annual_inc=median'],
        /--fill annual_inc=median: expected a number/,
      ],
    ];
    for (const [flags, message] of cases) {
      const run = score(...flags, '--portfolio', HOLDOUT, '--out', out);
      expect(run.status, flags.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });
});

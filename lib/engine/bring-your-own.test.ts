import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  BYO_MODELS,
  byoChoices,
  byoModelBytes,
  byoReference,
  holdoutCsv,
  openBundled,
  referencePd,
  regressionOnnx,
  type ByoModelName,
} from '../testing';
import { BASELINE_ASSUMPTIONS } from '../scenario';
import { cardForModel } from './card-for-model';
import { openEngine } from './open';

const CHOICES = byoChoices();
const FEATURES = CHOICES.lc_xgboost.features.input;

async function open(name: ByoModelName, csvText = holdoutCsv(), extra: { referenceColumn?: string; choices?: object } = {}) {
  const modelBytes = byoModelBytes(name);
  const made = await cardForModel({
    modelBytes,
    modelName: `${name}.onnx`,
    csvText,
    choices: { ...CHOICES[name], ...extra.choices },
    referenceColumn: extra.referenceColumn,
  });
  if (!made.ok) throw new Error(made.problems.join('\n'));
  const opened = await openEngine({
    cardBytes: new TextEncoder().encode(made.cardJson),
    cardName: 'drafted card',
    readModel: async () => modelBytes,
    csvText,
  });
  if (!opened.ok) throw new Error(opened.issues.map((i) => i.message).join('\n'));
  return { made, opened };
}

const worstDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

/** The hold-out tape with one more column: each loan's expected PD from Python. */
function withReferenceColumn(pds: Float64Array): string {
  const rows = Papa.parse<string[]>(holdoutCsv(), { skipEmptyLines: true }).data;
  return Papa.unparse(rows.map((r, i) => [...r, i === 0 ? 'expected_pd' : String(pds[i - 1])]));
}

describe('bring your own model: the three converter-made models on the shared hold-out tape', () => {
  it.each(BYO_MODELS)('%s scores all 2,464 hold-out loans as Python’s predict_proba does (≤ 1e-5) through the engine', async (name) => {
    const { made, opened } = await open(name);
    const loans = await opened.engine.loanLevel(BASELINE_ASSUMPTIONS);
    expect(loans.pdBaseline).toHaveLength(2464);
    expect(worstDiff(loans.pdBaseline, referencePd(name))).toBeLessThanOrEqual(1e-5);
    expect(made.card.referenceRows).toHaveLength(20);
    expect(made.card.referenceSource).toMatchObject({ kind: 'first-load', note: expect.stringMatching(/^recorded on first load/) });
    expect(made.defaultClass).toEqual({ label: '1', assumed: true });
    await opened.model.release();
  });

  it('the pipeline’s 15 inputs match the tape’s columns by name with no manual step; its probabilities are read past the ZipMap', async () => {
    const { made, opened } = await open('lc_pipeline_logreg_zipmap');
    expect(made.mappings.map((m) => m.matchedBy)).toEqual(new Array(15).fill('exact'));
    expect(made.card.model.output).toMatchObject({ name: 'probabilities', defaultColumn: 1, defaultClass: '1' });
    // The graph imputes numeric blanks itself (an Imputer node); strings are never blank.
    expect(made.card.inputs.find((i) => i.name === 'revol_util')!.missing).toEqual({ policy: 'pass-nan' });
    expect(made.card.inputs.find((i) => i.name === 'term')!.missing).toEqual({ policy: 'refuse' });
    await opened.model.release();
  });

  it('a tape column of the owner’s expected PDs verifies the model; the wrong model’s PDs are refused', async () => {
    const { made, opened } = await open('lc_gbt_float_input', withReferenceColumn(referencePd('lc_gbt_float_input')), {
      referenceColumn: 'expected_pd',
    });
    expect(made.card.referenceSource).toMatchObject({ kind: 'tape-column', note: expect.stringMatching(/^tape column "expected_pd"/) });
    expect(opened.model.selfTest.maxAbsDiff).toBeLessThanOrEqual(1e-5);
    await opened.model.release();
    await expect(
      open('lc_gbt_float_input', withReferenceColumn(referencePd('lc_xgboost')), { referenceColumn: 'expected_pd' }),
    ).rejects.toThrow(/Model self-test failed: reference loan \d+ scores PD 0\.\d{6} but the model card expects 0\.\d{6}/);
  });

  it('renamed columns: matched ignoring case, spaces and underscores; otherwise the input is named and the user’s choice is taken', async () => {
    const renamed = holdoutCsv().replace('"annual_inc"', '"Annual Inc"').replace('"sub_grade"', '"risk_band"');
    const bytes = byoModelBytes('lc_pipeline_logreg_zipmap');
    const unresolved = await cardForModel({ modelBytes: bytes, modelName: 'm.onnx', csvText: renamed });
    expect(unresolved.ok).toBe(false);
    expect(!unresolved.ok && unresolved.problems).toEqual([
      'No tape column matches the model’s input "sub_grade": choose one.'.replace('’', "'"),
    ]);
    expect(unresolved.mappings.find((m) => m.input === 'annual_inc')).toEqual({
      input: 'annual_inc',
      column: 'Annual Inc',
      matchedBy: 'loose',
    });
    const chosen = await cardForModel({
      modelBytes: bytes,
      modelName: 'm.onnx',
      csvText: renamed,
      choices: { map: { sub_grade: 'risk_band' } },
    });
    expect(chosen.ok && chosen.card.inputs.find((i) => i.name === 'sub_grade')!.column).toBe('risk_band');
  });

  it('levers reach a brought model only where bound: a rate rise shifts its rate input; an unbound lever moves nothing', async () => {
    const { made, opened } = await open('lc_pipeline_logreg_zipmap', holdoutCsv(), {
      choices: { levers: { 'rate-shock': { kind: 'shift-inputs', inputs: ['int_rate'], inputUnitsPerStep: 0.01 } } },
    });
    const base = await opened.engine.loanLevel(BASELINE_ASSUMPTIONS);
    // New business is priced with the rate rise (the book's fixed rates stay): its PDs rise.
    const evaluation = await opened.engine.evaluate({ ...BASELINE_ASSUMPTIONS, 'rate-shock': 300 });
    expect(evaluation.newBusiness.scenario.expectedLoss / evaluation.newBusiness.baseline.expectedLoss).toBeGreaterThan(1.05);
    const utilisation = await opened.engine.loanLevel({ ...BASELINE_ASSUMPTIONS, 'utilization-shift': 20 });
    expect(utilisation.pdScenario).toEqual(base.pdScenario);
    expect(made.card.assumptions.find((a) => a.id === 'utilization-shift')!.channel).toEqual({
      kind: 'none',
      reason: 'bound to no input of this model',
    });
    await opened.model.release();
    const wrong = await cardForModel({
      modelBytes: byoModelBytes('lc_pipeline_logreg_zipmap'),
      modelName: 'm.onnx',
      csvText: holdoutCsv(),
      choices: { levers: { 'rate-shock': { kind: 'shift-inputs', inputs: ['interest'], inputUnitsPerStep: 0.01 } } },
    });
    expect(!wrong.ok && wrong.problems).toEqual(['The lever "rate-shock" is bound to "interest", which is not an input of this model.']);
  });

  it('a binding the model contradicts is refused on load: this pipeline’s PD falls when income falls', async () => {
    await expect(
      open('lc_pipeline_logreg_zipmap', holdoutCsv(), {
        choices: { levers: { 'income-shock': { kind: 'scale-inputs', inputs: ['annual_inc'] } } },
      }),
    ).rejects.toThrow(/"income-shock" channel does not act as documented: at -50 % the mean PD of its 20 reference loans falls/);
  });

  it('a tensor input needs its columns listed, in the right number, numeric', async () => {
    const bytes = byoModelBytes('lc_xgboost');
    const ask = async (choices: object) => {
      const made = await cardForModel({ modelBytes: bytes, modelName: 'x.onnx', csvText: holdoutCsv(), choices });
      return made.ok ? [] : made.problems;
    };
    expect(await ask({})).toEqual(['The model\'s input "input" takes 10 numbers per loan: list its 10 tape columns in order.']);
    expect(await ask({ features: { input: FEATURES.slice(1) } })).toEqual([
      'The model\'s input "input" takes 10 columns, but 9 were listed.',
    ]);
    expect(await ask({ features: { input: [...FEATURES.slice(1), 'term'] } })).toEqual([
      'The tape column "term" holds categories, but "input" takes numbers.',
    ]);
  });

  it('refuses a regression model: its output is not a probability, and nothing is scored', async () => {
    const made = await cardForModel({ modelBytes: regressionOnnx(), modelName: 'loss-amount.onnx', csvText: holdoutCsv() });
    expect(made.ok).toBe(false);
    expect(!made.ok && made.problems[0]).toMatch(
      /^The model's output is not a probability: loan 1 gives 36000 where a probability of default lies between 0 and 1/,
    );
  });

  it('refuses a file that is not a model, naming it', async () => {
    const made = await cardForModel({ modelBytes: new TextEncoder().encode(holdoutCsv()), modelName: 'tape.onnx', csvText: holdoutCsv() });
    expect(!made.ok && made.problems).toEqual([expect.stringMatching(/^tape\.onnx: This file is not an ONNX model/)]);
  });
});

describe('a bank’s tape with its own names for the book’s columns', () => {
  const rows = Papa.parse<string[]>(holdoutCsv(), { skipEmptyLines: true }).data;
  const RENAME: Record<string, string> = {
    funded_amnt: 'loan_amount',
    int_rate: 'interest_rate',
    sub_grade: 'risk_band',
    addr_state: 'region',
    term: 'loan_term',
  };
  const bank = Papa.unparse([rows[0]!.map((c) => RENAME[c] ?? c), ...rows.slice(1)]);
  const modelBytes = byoModelBytes('lc_pipeline_logreg_zipmap');
  const map = Object.fromEntries(Object.entries(RENAME).map(([input, column]) => [input, column]));

  async function openBank(book: object) {
    const made = await cardForModel({ modelBytes, modelName: 'm.onnx', csvText: bank, choices: { map, book } });
    if (!made.ok) throw new Error(made.problems.join('\n'));
    const opened = await openEngine({
      cardBytes: new TextEncoder().encode(made.cardJson),
      cardName: 'bank card',
      readModel: async () => modelBytes,
      csvText: bank,
    });
    if (!opened.ok) throw new Error(opened.issues.map((i) => i.message).join('\n'));
    return { made, opened };
  }

  it('names the book column it cannot find, then gives the figures of the same loans under Lending Club’s names', async () => {
    const unresolved = await cardForModel({ modelBytes, modelName: 'm.onnx', csvText: bank, choices: { map } });
    expect(!unresolved.ok && unresolved.problems).toEqual([
      'No tape column holds the term (months): choose one, or give one value for every loan.',
    ]);
    const { made, opened } = await openBank({
      termMonths: { column: 'loan_term', text: true },
      grade: { column: 'risk_band', subGradeLetter: true },
    });
    expect(made.card.bookColumns).toEqual({
      exposure: { column: 'loan_amount' },
      ratePct: { column: 'interest_rate' },
      termMonths: { column: 'loan_term', text: true },
      grade: { column: 'risk_band', subGradeLetter: true },
      region: { column: 'region' },
      outcome: { column: 'Class', bad: ['bad'] },
    });
    const lc = await open('lc_pipeline_logreg_zipmap');
    const stress = { ...BASELINE_ASSUMPTIONS, 'unemployment-change': 2, cutoff: 15 };
    const [mine, theirs] = await Promise.all([opened.engine.evaluate(stress), lc.opened.engine.evaluate(stress)]);
    expect(mine.scenario.book).toEqual(theirs.scenario.book);
    expect(mine.newBusiness).toEqual(theirs.newBusiness);
    expect(mine.scenario.segments).toEqual(theirs.scenario.segments);
    await opened.model.release();
    await lc.opened.model.release();
  });

  it('a rate for every loan and a term in months for every loan stand in for columns; the PDs stay, the income moves', async () => {
    const { opened } = await openBank({ ratePct: { constant: 12 }, termMonths: { constant: 36 } });
    const lc = await open('lc_pipeline_logreg_zipmap');
    const [mine, theirs] = await Promise.all([
      opened.engine.evaluate(BASELINE_ASSUMPTIONS),
      lc.opened.engine.evaluate(BASELINE_ASSUMPTIONS),
    ]);
    expect(mine.scenario.book.meanPd).toBe(theirs.scenario.book.meanPd);
    expect(mine.scenario.book.netInterestIncome).not.toBe(theirs.scenario.book.netInterestIncome);
    expect(mine.scenario.segments.term.map((s) => s.label)).toEqual(['36 months']);
    // Without a grade column every loan is one grade segment, said as "n/a".
    expect(mine.scenario.segments.grade.map((s) => s.label)).toEqual(['n/a']);
    await opened.model.release();
    await lc.opened.model.release();
  });
});

describe('validation on the tape', () => {
  it('the bundled card carries its training distribution: the bundled tape (its training data and hold-out) is stable on every input', async () => {
    const { engine, model, manifest } = await openBundled();
    const validation = await engine.bookValidation();
    expect(validation.stability.map((s) => s.input)).toEqual(manifest.inputs.map((i) => i.name));
    for (const s of validation.stability) expect(s.psi, s.input).toBeLessThan(0.01);
    expect(validation.stability.every((s) => s.reading === 'stable')).toBe(true);
    expect(validation.onTape).toMatchObject({ loans: 9857, defaults: 517 });
    await model.release();
  });

  it.each(BYO_MODELS)('%s: the hold-out AUC on the page is Python’s; calibration by decile and segment covers every loan', async (name) => {
    const { opened } = await open(name);
    const validation = await opened.engine.bookValidation();
    const expectedAuc = (byoReference().models[name] as unknown as { holdout_auc: number }).holdout_auc;
    const onTape = validation.onTape!;
    expect(onTape).toMatchObject({ loans: 2464, defaults: 129 });
    expect(onTape.auc).toBeCloseTo(expectedAuc, 4);
    expect(onTape.gini).toBeCloseTo(2 * expectedAuc - 1, 4);
    expect(onTape.confidence.auc[0]).toBeLessThan(onTape.auc);
    expect(onTape.confidence.auc[1]).toBeGreaterThan(onTape.auc);
    expect(onTape.calibrationByDecile.reduce((s, d) => s + d.loans, 0)).toBe(2464);
    expect(onTape.calibrationBySegment.filter((s) => s.kind === 'term').reduce((s, d) => s + d.loans, 0)).toBe(2464);
    // A drafted card carries no training distribution: nothing to compare the tape with.
    expect(validation.stability).toEqual([]);
    await opened.model.release();
  });
});

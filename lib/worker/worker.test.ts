import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web/wasm';
import { describe, expect, it, vi } from 'vitest';
import { ModelVerificationError, type Pins, type SliceScorer } from '../model';
import { ASSUMPTION_IDS, DEFAULT_SCENARIO_SET, BASELINE_ASSUMPTIONS, type Assumptions } from '../scenario';
import { BUNDLED_URLS, bundledFetch, bundledManifest, MANIFEST_PATH, openBundled, startHelperChannel, TAPE_PATH } from '../testing';
import { createEngineHandler, type HandlerDeps } from './handler';
import type { WorkerRequest, WorkerResponse } from './protocol';
import { openRemoteScorer, ScoringHelperError, type ScorerInit } from './scorer-client';

const sha256sum = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = (text: string) => new TextEncoder().encode(text);
/** A chosen file holding `text` (or these bytes), as the page sends it. */
const fileOf = (content: string | Uint8Array<ArrayBuffer>) => new Blob([typeof content === 'string' ? bytesOf(content) : content]);
const tapeText = readFileSync(TAPE_PATH, 'utf8');
const sample = (rows: number) =>
  tapeText
    .split('\n')
    .slice(0, rows + 1)
    .join('\n');

function startHandler(
  scorers = 1,
  openHelper = (helperInit: ScorerInit) => openRemoteScorer(startHelperChannel().port, helperInit),
  {
    fetchBytes = bundledFetch(),
    pins = {} as Pins,
    preview = undefined as HandlerDeps['preview'],
    exactAheadUpToLoans = undefined as HandlerDeps['exactAheadUpToLoans'],
    onReply = (_: WorkerResponse) => {},
  } = {},
) {
  const replies: WorkerResponse[] = [];
  // The tape's validation follows each first answer when idle, and figures worked out ahead follow a step of a lever:
  // kept apart, so the other replies read in order.
  const validations: WorkerResponse[] = [];
  const prepared: WorkerResponse[] = [];
  const post = (m: WorkerResponse) => {
    (m.type === 'validation' ? validations : m.type === 'prepared' ? prepared : replies).push(m);
    onReply(m);
  };
  const handle = createEngineHandler({
    post,
    fetchBytes,
    now: () => performance.now(),
    openHelper,
    preview,
    ...(exactAheadUpToLoans ? { exactAheadUpToLoans } : {}),
  });
  const init: WorkerRequest = { type: 'init', ...BUNDLED_URLS, portfolioName: 'Lending Club 2016 Q1', wasmPaths: '', scorers, pins };
  return { replies, validations, prepared, handle, ready: handle(init) };
}

/** Helpers on real channels under a quick watchdog, kept so a test can silence one; replacements may get a damaged model. */
function watchedHelpers({ damageReplacements = false } = {}) {
  const helpers: ReturnType<typeof startHelperChannel>[] = [];
  const openHelper = (helperInit: ScorerInit) => {
    const helper = startHelperChannel();
    helpers.push(helper);
    const modelBytes = Uint8Array.from(helperInit.modelBytes);
    if (damageReplacements && helpers.length > 1) modelBytes[modelBytes.length - 5]! ^= 1;
    // Quick, but longer than a helper takes to verify its model on a loaded 2-core machine (150 ms was not, now and then).
    return openRemoteScorer(helper.port, { ...helperInit, modelBytes }, { intervalMs: 20, deadAfterMs: 1_500 });
  };
  return { helpers, openHelper };
}

/** The levers that differ from the baseline, with their values: 'income-shock -2'. */
const moved = (a: Assumptions) =>
  ASSUMPTION_IDS.filter((id) => a[id] !== BASELINE_ASSUMPTIONS[id])
    .map((id) => `${id} ${a[id]}`)
    .join(', ');

/** What is worked out ahead once the levers rest at the baseline: a step either side of each of the four model levers. */
const AROUND_BASELINE = [
  'income-shock 1',
  'income-shock -1',
  'rate-shock 25',
  'rate-shock -25',
  'utilization-shift 1',
  'utilization-shift -1',
  'unemployment-change 0.25',
  'unemployment-change -0.25',
];

describe('engine worker protocol', () => {
  it('reports the verified model and the portfolio when ready', async () => {
    const { replies, ready } = startHandler();
    await ready;
    expect(replies[0]).toMatchObject({
      type: 'ready',
      model: { name: 'lending-club-pd', version: bundledManifest().version, selfTest: { rows: 12 } },
      portfolio: { name: 'Lending Club 2016 Q1', loans: 9857, exposure: 154_592_825 },
    });
    // Hashes are of the files' bytes, as sha256sum gives them; the bundled portfolio is the very file
    // the model was trained on (its card names the hash).
    const cardBytes = readFileSync(MANIFEST_PATH);
    const card = JSON.parse(cardBytes.toString('utf8'));
    expect(replies[0]).toMatchObject({
      model: { cardSha256: sha256sum(cardBytes) },
      portfolio: { sha256: card.trainingData.sha256 },
    });
    expect(card.trainingData.sha256).toBe(sha256sum(readFileSync(TAPE_PATH)));
  });

  it('the first figures come without the tape’s validation; it follows once the worker is idle, and later figures carry it', async () => {
    const { replies, validations, handle, ready } = startHandler();
    await ready;
    expect(validations).toEqual([]); // nothing before the first figures
    await handle({ type: 'evaluate', id: 1, assumptions: BASELINE_ASSUMPTIONS });
    expect(replies.map((r) => r.type)).toEqual(['ready', 'result']);
    const first = replies[1] as Extract<WorkerResponse, { type: 'result' }>;
    expect(first.evaluation.validation).toBeUndefined();
    expect(validations).toHaveLength(1);
    const validated = validations[0] as Extract<WorkerResponse, { type: 'validation' }>;
    expect(validated.validation.onTape).toMatchObject({ loans: 9857, defaults: 517 });
    await handle({ type: 'evaluate', id: 2, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': -10 } });
    expect(validations).toHaveLength(1); // once per tape
    expect((replies[2] as Extract<WorkerResponse, { type: 'result' }>).evaluation.validation).toEqual(validated.validation);
  });

  it('a big book works out ahead its preview, not its exact figures: a step either side at rest, the next two of a stepped lever before the exact figures', async () => {
    // The bundled tape stands in for a big book: previewed from 2,000 of its loans.
    const { replies, prepared, handle, ready } = startHandler(2, undefined, { preview: { aboveLoans: 5_000, sampleLoans: 2_000 } });
    await ready;
    const income = (v: number) => ({ ...BASELINE_ASSUMPTIONS, 'income-shock': v });
    await handle({ type: 'evaluate', id: 1, assumptions: income(0) });
    await handle({ type: 'evaluate', id: 2, assumptions: income(-1) });
    await handle({ type: 'evaluate', id: 3, assumptions: income(-2) });
    const sent = prepared.flatMap((r) => (r.type === 'prepared' ? [r] : []));
    expect(sent.map((r) => moved(r.evaluation.assumptions))).toEqual([
      ...AROUND_BASELINE,
      'income-shock -2',
      'income-shock -3',
      'income-shock -4',
    ]);
    // Each is the sample's, said so, and the same figures as the preview the request then gets.
    expect(sent.every((r) => r.preview?.bookLoans === 9857 && r.preview.sampleLoans < 2_100)).toBe(true);
    const previewOf = (id: number) => replies.find((r) => r.type === 'result' && r.id === id && r.preview);
    expect(previewOf(3)).toMatchObject({ evaluation: { scenario: sent[8]!.evaluation.scenario } });
    // The exact figures are never worked out ahead on a big book: each request's are computed when asked.
    const exact = replies.flatMap((r) => (r.type === 'result' && !r.preview ? [[r.id, r.prepared ?? false]] : []));
    expect(exact).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ]);
  });

  it('a big book answers each request with a sample’s preview first, then the exact figures; a newer request stops the exact ones', async () => {
    let handle: (r: WorkerRequest) => Promise<void> = async () => {};
    const stress = { ...BASELINE_ASSUMPTIONS, 'income-shock': -25 };
    const started = startHandler(2, undefined, {
      // The bundled tape stands in for a big book: previewed from 2,000 of its loans.
      preview: { aboveLoans: 5_000, sampleLoans: 2_000 },
      // The first preview on screen, the presenter moves the slider again.
      onReply: (m) => {
        if (m.type === 'result' && m.id === 1 && m.preview) void handle({ type: 'evaluate', id: 2, assumptions: stress });
      },
    });
    handle = started.handle;
    await started.ready;
    await handle({ type: 'evaluate', id: 1, assumptions: BASELINE_ASSUMPTIONS });
    await handle({ type: 'ping', id: 99 }); // the second request's drain has finished by the time the pong is sent
    const results = started.replies.filter((r): r is Extract<WorkerResponse, { type: 'result' }> => r.type === 'result');
    expect(results.map((r) => [r.id, r.preview ? 'preview' : 'exact'])).toEqual([
      [1, 'preview'],
      [2, 'preview'],
      [2, 'exact'],
    ]);
    const [, previewed, exact] = results;
    expect(previewed!.preview).toMatchObject({
      bookLoans: 9857,
      method: expect.stringMatching(/^a stratified sample of (1,99\d|2,00\d) of the 9,857 loans/),
    });
    expect(previewed!.evaluation.scenario.book.loans).toBeCloseTo(9857, 6);
    const relative = previewed!.evaluation.scenario.book.expectedLoss / exact!.evaluation.scenario.book.expectedLoss - 1;
    expect(Math.abs(relative)).toBeLessThan(0.05);
    expect(exact!.evaluation.scenario.book.loans).toBe(9857);
  });

  it('a request that comes while the tape’s validation is worked out is answered first; the validation follows', async () => {
    let handle: (r: WorkerRequest) => Promise<void> = async () => {};
    const sequence: string[] = [];
    let moved: Promise<void> = Promise.resolve();
    const started = startHandler(1, undefined, {
      onReply: (m) => {
        // Figures worked out ahead after a step are not an answer: the order of answers and idle work is what is checked.
        if (m.type !== 'prepared') sequence.push(m.type === 'result' ? `result ${m.id}` : m.type);
        // Just after the first answer, while the worker works out the validation, the presenter moves a slider.
        if (m.type === 'result' && m.id === 1) {
          moved = new Promise((resolve) =>
            setTimeout(() => resolve(handle({ type: 'evaluate', id: 2, assumptions: { ...BASELINE_ASSUMPTIONS, lgd: 45 } })), 0),
          );
        }
      },
    });
    handle = started.handle;
    await started.ready;
    await handle({ type: 'evaluate', id: 1, assumptions: BASELINE_ASSUMPTIONS });
    await moved;
    await handle({ type: 'ping', id: 99 });
    expect(sequence).toEqual(['ready', 'result 1', 'result 2', 'validation', 'pong']);
  });

  it('what drove the figures is worked out when idle: a slider moved meanwhile is answered first, then the drivers, for the levers asked', async () => {
    let handle: (r: WorkerRequest) => Promise<void> = async () => {};
    const sequence: string[] = [];
    let moved: Promise<void> = Promise.resolve();
    const stress = { ...BASELINE_ASSUMPTIONS, 'income-shock': -20, 'unemployment-change': 3 };
    const started = startHandler(1, undefined, {
      onReply: (m) => {
        // Figures worked out ahead after a step are not an answer: the order of answers and idle work is what is checked.
        if (m.type !== 'prepared') sequence.push(m.type === 'result' || m.type === 'drivers' ? `${m.type} ${m.id}` : m.type);
        if (m.type === 'result' && m.id === 2) {
          // The drivers are under way: a presenter moves a slider.
          moved = new Promise((resolve) =>
            setTimeout(() => resolve(handle({ type: 'evaluate', id: 3, assumptions: { ...stress, lgd: 50 } })), 0),
          );
        }
      },
    });
    handle = started.handle;
    await started.ready;
    await handle({ type: 'evaluate', id: 1, assumptions: BASELINE_ASSUMPTIONS });
    await handle({ type: 'evaluate', id: 2, assumptions: stress });
    await handle({ type: 'drivers', id: 7, assumptions: stress, kpi: 'irbCapital' });
    await moved;
    await handle({ type: 'ping', id: 99 });
    expect(sequence.filter((t) => t !== 'validation')).toEqual(['ready', 'result 1', 'result 2', 'result 3', 'drivers 7', 'pong']);
    const answer = started.replies.find((r) => r.type === 'drivers');
    if (answer?.type !== 'drivers' || !('drivers' in answer)) throw new Error('no drivers');
    expect(answer.assumptions).toEqual(stress);
    expect(answer.drivers.tornado.kpi).toBe('irbCapital');
    const el = answer.drivers.attributions.find((a) => a.kpi === 'expectedLoss')!;
    expect(el.contributions.map((c) => c.lever)).toEqual(['income-shock', 'unemployment-change']);
    expect(el.contributions.reduce((t, c) => t + c.contribution, 0)).toBeCloseTo(el.scenario - el.baseline, 6);
  });

  it('scenarios side by side are answered when idle; a bad ask comes back with why, and the worker goes on', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    const severe = { name: 'Severely adverse', assumptions: DEFAULT_SCENARIO_SET[3]!.assumptions };
    const base = { name: 'Base', assumptions: BASELINE_ASSUMPTIONS };
    await handle({ type: 'evaluate', id: 1, assumptions: BASELINE_ASSUMPTIONS });
    await handle({ type: 'compare-scenarios', id: 5, scenarios: [base] });
    await handle({ type: 'ping', id: 99 });
    const answers = replies.filter((r) => r.type === 'compare-scenarios');
    expect(answers).toEqual([{ type: 'compare-scenarios', id: 5, scenarios: [base], failed: 'Compare 2 to 4 scenarios; 1 were chosen.' }]);
    await handle({ type: 'compare-scenarios', id: 6, scenarios: [base, severe] });
    await handle({ type: 'ping', id: 100 });
    const good = replies.find((r) => r.type === 'compare-scenarios' && r.id === 6);
    if (good?.type !== 'compare-scenarios' || !('comparison' in good)) throw new Error('no comparison');
    const [b, s] = good.comparison.columns;
    expect(s!.book.expectedLoss).toBeGreaterThan(b!.book.expectedLoss);
  });

  it('an evaluation drilled into a grade answers for its loans alone; its largest loans and one loan are answered when idle', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    await handle({ type: 'evaluate', id: 1, assumptions: BASELINE_ASSUMPTIONS });
    await handle({ type: 'evaluate', id: 2, assumptions: BASELINE_ASSUMPTIONS, focus: { kind: 'grade', label: 'A' } });
    await handle({ type: 'loans', id: 3, assumptions: BASELINE_ASSUMPTIONS, focus: { kind: 'grade', label: 'A' }, loan: 0 });
    await handle({ type: 'ping', id: 99 });
    const results = replies.flatMap((r) => (r.type === 'result' ? [r.evaluation] : []));
    const [whole, gradeA] = results;
    const aRow = whole!.scenario.segments.grade.find((g) => g.label === 'A')!.metrics;
    expect(gradeA!.focus).toEqual({ kind: 'grade', label: 'A', loans: aRow.loans });
    expect(gradeA!.scenario.book.exposure).toBeCloseTo(aRow.exposure, 6);
    const loans = replies.find((r) => r.type === 'loans');
    if (loans?.type !== 'loans' || !('largest' in loans)) throw new Error('no loans');
    expect(loans.largest.every((l) => l.grade === 'A')).toBe(true);
    expect(loans.view?.loan).toBe(0);
  });

  it('every loan’s figures for an export are answered when idle, for the whole book even when drilled into a grade', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    const stress = { ...BASELINE_ASSUMPTIONS, 'unemployment-change': 4 };
    await handle({ type: 'evaluate', id: 1, assumptions: stress });
    await handle({ type: 'evaluate', id: 2, assumptions: stress, focus: { kind: 'grade', label: 'B' } });
    await handle({ type: 'export-loans', id: 5, assumptions: stress });
    await handle({ type: 'ping', id: 99 });
    const whole = replies.find((r) => r.type === 'result');
    const answer = replies.find((r) => r.type === 'export-loans');
    if (whole?.type !== 'result' || answer?.type !== 'export-loans' || !('loans' in answer)) throw new Error('no loan figures');
    expect(answer.id).toBe(5);
    expect(answer.loans.pdScenario).toHaveLength(9857);
    // Each loan's expected loss adds up to the whole book's, though the figures on show were of grade B alone.
    const sum = answer.loans.expectedLoss.reduce((s, v) => s + v, 0);
    expect(sum / whole.evaluation.scenario.book.expectedLoss).toBeCloseTo(1, 9);
    expect(answer.loans.pdScenario.every((p, i) => p >= answer.loans.pdBaseline[i]!)).toBe(true);
  });

  it('a lever being stepped: its next two steps are worked out while idle and answered from that; a jump is worked out when asked', async () => {
    const { replies, prepared, handle, ready } = startHandler();
    await ready;
    const income = (v: number) => ({ ...BASELINE_ASSUMPTIONS, 'income-shock': v });
    await handle({ type: 'evaluate', id: 1, assumptions: income(0) }); // then a step either side of each model lever
    await handle({ type: 'evaluate', id: 2, assumptions: income(-1) });
    await handle({ type: 'evaluate', id: 3, assumptions: income(-2) });
    await handle({ type: 'evaluate', id: 4, assumptions: income(-3) });
    await handle({ type: 'evaluate', id: 5, assumptions: income(-10) });
    const results = replies.flatMap((r) => (r.type === 'result' ? [r] : []));
    expect(results.map((r) => [r.id, r.prepared ?? false])).toEqual([
      [1, false],
      [2, true],
      [3, true],
      [4, true],
      [5, false],
    ]);
    // The page is sent what was worked out ahead, before it asks, each once: a step either side of each of the four
    // model levers after the first answer; then the two steps after each step; after a jump, two more of its size.
    const sent = prepared.flatMap((r) => (r.type === 'prepared' ? [moved(r.evaluation.assumptions)] : []));
    expect(sent).toEqual([
      ...AROUND_BASELINE,
      'income-shock -2',
      'income-shock -3',
      'income-shock -4',
      'income-shock -5',
      'income-shock -17',
      'income-shock -24',
    ]);
    // Worked out ahead or not, the figures are the engine's for those levers.
    const { engine } = await openBundled();
    expect(results[2]!.evaluation.scenario.book.expectedLoss).toBe((await engine.evaluate(income(-2))).scenario.book.expectedLoss);
  });

  it('a book too big to work out ahead at rest works out the next step of a stepped lever only, and answers it from that', async () => {
    // The bundled book (9,857 loans) as a big one: no preview, exact figures ahead at rest up to 5,000 loans only.
    const { replies, prepared, handle, ready } = startHandler(1, undefined, { exactAheadUpToLoans: 5_000 });
    await ready;
    const rate = (v: number) => ({ ...BASELINE_ASSUMPTIONS, 'rate-shock': v });
    for (const [id, v] of [
      [1, 0],
      [2, 25],
      [3, 50],
      [4, 75],
      [5, 200],
    ] as const)
      await handle({ type: 'evaluate', id, assumptions: rate(v) });
    const results = replies.flatMap((r) => (r.type === 'result' ? [[r.id, r.prepared ?? false]] : []));
    expect(results).toEqual([
      [1, false],
      [2, false],
      [3, true],
      [4, true],
      [5, false],
    ]);
    // Nothing at rest (no step either side of each lever); one step after each step, and one after the jump.
    const sent = prepared.flatMap((r) => (r.type === 'prepared' ? [moved(r.evaluation.assumptions)] : []));
    expect(sent).toEqual(['rate-shock 50', 'rate-shock 75', 'rate-shock 100', 'rate-shock 325']);
  });

  it('while LGD is dragged nothing is worked out ahead; once it rests, a step either side of each model lever', async () => {
    const { prepared, handle, ready } = startHandler();
    await ready;
    await handle({ type: 'evaluate', id: 1, assumptions: BASELINE_ASSUMPTIONS });
    const before = prepared.length;
    // LGD moves every 40 ms (the page answers it from the last answer's sums; the worker's answer follows).
    const drag: Promise<void>[] = [];
    for (let k = 1; k <= 5; k++) {
      drag.push(handle({ type: 'evaluate', id: 1 + k, assumptions: { ...BASELINE_ASSUMPTIONS, lgd: 85 - 5 * k } }));
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    await Promise.all(drag);
    const after = prepared.slice(before).flatMap((r) => (r.type === 'prepared' ? [r.evaluation.assumptions.lgd] : []));
    expect(after).toEqual(Array(8).fill(60)); // only around where LGD came to rest
  });

  it('figures worked out ahead on one tape are forgotten with it: on the next they are worked out and sent again', async () => {
    const { replies, prepared, handle, ready } = startHandler();
    await ready;
    const income = (v: number) => ({ ...BASELINE_ASSUMPTIONS, 'income-shock': v });
    await handle({ type: 'evaluate', id: 1, assumptions: income(0) });
    await handle({ type: 'evaluate', id: 2, assumptions: income(-1) });
    await handle({ type: 'load-portfolio', name: 'sample.csv', file: fileOf(sample(200)) });
    await handle({ type: 'evaluate', id: 3, assumptions: income(0) });
    await handle({ type: 'evaluate', id: 4, assumptions: income(-1) });
    await handle({ type: 'evaluate', id: 5, assumptions: income(-2) });
    const sent = prepared.flatMap((r) =>
      r.type === 'prepared' && moved(r.evaluation.assumptions).startsWith('income-shock')
        ? [[r.evaluation.assumptions['income-shock'], r.evaluation.baseline.book.loans]]
        : [],
    );
    expect(sent).toEqual([
      [1, 9_857],
      [-1, 9_857],
      [-2, 9_857],
      [-3, 9_857],
      [1, 200],
      [-1, 200],
      [-2, 200],
      [-3, 200],
      [-4, 200],
    ]);
    const results = replies.flatMap((r) => (r.type === 'result' ? [[r.id, r.prepared ?? false, r.evaluation.baseline.book.loans]] : []));
    expect(results.slice(2)).toEqual([
      [3, false, 200],
      [4, true, 200],
      [5, true, 200],
    ]);
  });

  it('a goal seek is answered when idle; one the engine cannot answer comes back with why, and the worker goes on', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    await handle({ type: 'evaluate', id: 1, assumptions: BASELINE_ASSUMPTIONS });
    await handle({
      type: 'goal-seek',
      id: 4,
      assumptions: BASELINE_ASSUMPTIONS,
      seeks: [{ lever: 'lgd', kpi: 'expectedLoss', target: 1e6 }],
    });
    await handle({
      type: 'goal-seek',
      id: 5,
      assumptions: BASELINE_ASSUMPTIONS,
      seeks: [{ lever: 'nope' as 'lgd', kpi: 'expectedLoss', target: 1 }],
    });
    await handle({ type: 'evaluate', id: 2, assumptions: { ...BASELINE_ASSUMPTIONS, lgd: 60 } });
    await handle({ type: 'ping', id: 99 });
    const seeks = replies.filter((r) => r.type === 'goal-seek');
    expect(seeks.map((r) => r.id)).toEqual([4, 5]);
    expect(seeks[0]).toMatchObject({ answers: [{ lever: 'lgd', reached: true }] });
    expect(seeks[1]).toHaveProperty('failed');
    expect(replies.filter((r) => r.type === 'result').map((r) => r.id)).toEqual([1, 2]);
  });

  it('latest request wins: a burst of slider steps computes only the first and the last', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    const first = handle({ type: 'evaluate', id: 1, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': -5 } });
    await new Promise((resolve) => setTimeout(resolve, 0)); // the first is being computed
    const burst = [-10, -15, -20, -25].map((v, i) =>
      handle({ type: 'evaluate', id: i + 2, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': v } }),
    );
    burst.push(first);
    await Promise.all(burst);
    const results = replies.filter((r) => r.type === 'result');
    expect(results.map((r) => r.id)).toEqual([1, 5]);
    expect(results[1]!.evaluation.assumptions['income-shock']).toBe(-25);
  });

  it('with scoring helpers, the book is scored across instances with the same figures', async () => {
    const single = startHandler(1);
    const sharded = startHandler(3);
    await Promise.all([single.ready, sharded.ready]);
    expect(sharded.replies[0]).toMatchObject({ type: 'ready', model: { scorers: 3 } });
    const stress = { ...BASELINE_ASSUMPTIONS, 'income-shock': -30, 'unemployment-change': 2 };
    await single.handle({ type: 'evaluate', id: 1, assumptions: stress });
    await sharded.handle({ type: 'evaluate', id: 1, assumptions: stress });
    const scenarioOf = (replies: WorkerResponse[]) => replies.find((r) => r.type === 'result')!.evaluation.scenario;
    expect(scenarioOf(sharded.replies)).toEqual(scenarioOf(single.replies));
    expect(scenarioOf(single.replies).book.expectedLoss).toBeGreaterThan(0);
  });

  it('a big tape is parsed on every instance at once: the same book, and a bad row named by its row in the whole file', async () => {
    // Five times the bundled loans (49,285, about 5.4 MB): big enough to be cut in parts.
    const [header, ...rows] = tapeText.trimEnd().split('\n');
    const big = [header, ...Array.from({ length: 5 }, () => rows).flat()];
    const helpers: ReturnType<typeof startHelperChannel>[] = [];
    const single = startHandler(1);
    const sharded = startHandler(2, (helperInit) => {
      helpers.push(startHelperChannel());
      return openRemoteScorer(helpers.at(-1)!.port, helperInit);
    });
    await Promise.all([single.ready, sharded.ready]);
    const tape = { type: 'load-portfolio', name: 'five.csv', file: fileOf(big.join('\n')) } as const;
    await Promise.all([single.handle(tape), sharded.handle(tape)]);
    expect(helpers[0]!.requests.filter((r) => r.type === 'parse-tape')).toHaveLength(1);
    // The same book as one instance reads: loans, exposure, hash, notes.
    const portfolioOf = (replies: WorkerResponse[]) => replies.findLast((r) => r.type === 'ready')!.portfolio;
    expect(portfolioOf(sharded.replies)).toMatchObject({ name: 'five.csv', loans: 49_285 });
    expect(portfolioOf(sharded.replies)).toEqual(portfolioOf(single.replies));
    const stress = { ...BASELINE_ASSUMPTIONS, 'income-shock': -20 };
    await single.handle({ type: 'evaluate', id: 1, assumptions: stress });
    await sharded.handle({ type: 'evaluate', id: 1, assumptions: stress });
    const scenarioOf = (replies: WorkerResponse[]) => replies.findLast((r) => r.type === 'result')!.evaluation.scenario;
    expect(scenarioOf(sharded.replies)).toEqual(scenarioOf(single.replies));
    // A bad cell in the part the helper parsed is named by its row in the whole file.
    const bad = [...big];
    bad[45_000] = bad[45_000]!.replace(/^\d+/, '-100');
    await sharded.handle({ type: 'load-portfolio', name: 'bad.csv', file: fileOf(bad.join('\n')) });
    expect(sharded.replies.at(-1)).toMatchObject({
      type: 'portfolio-refused',
      name: 'bad.csv',
      totalIssues: 1,
      issues: [{ row: 45_000, column: 'funded_amnt', value: '-100', message: expect.stringMatching(/^Row 45000, column "funded_amnt"/) }],
    });
  });

  it('the helpers start verifying their copies while the first instance verifies its own, not after it', async () => {
    // The runtime's sessions share one class; its type hides the prototype.
    const sessions = ort.InferenceSession as unknown as { prototype: Pick<ort.InferenceSession, 'run'> };
    const runs = vi.spyOn(sessions.prototype, 'run');
    const runsWhenHelpersStarted: number[] = [];
    const { replies, ready } = startHandler(3, (helperInit) => {
      runsWhenHelpersStarted.push(runs.mock.calls.length);
      return openRemoteScorer(startHelperChannel().port, helperInit);
    });
    await ready;
    runs.mockRestore();
    expect(replies[0]).toMatchObject({ type: 'ready', model: { scorers: 3 } });
    expect(runsWhenHelpersStarted).toEqual([0, 0]); // before the first instance's self-test and lever checks ran the model
  });

  it('a helper that cannot start leaves the book to the others; one whose model fails its check withholds the figures', async () => {
    const degraded = startHandler(3, async (helperInit) => {
      const helper = startHelperChannel();
      const opening = openRemoteScorer(helper.port, helperInit);
      helper.crash('out of memory');
      return opening;
    });
    await degraded.ready;
    expect(degraded.replies[0]).toMatchObject({ type: 'ready', model: { scorers: 1 } });

    const refused = startHandler(2, (helperInit) => {
      const tampered = Uint8Array.from(helperInit.modelBytes);
      tampered[tampered.length - 5]! ^= 1;
      return openRemoteScorer(startHelperChannel().port, { ...helperInit, modelBytes: tampered });
    });
    await refused.ready;
    expect(refused.replies[0]).toMatchObject({ type: 'fatal', reason: 'model-verification' });

    // A helper refused before this instance has verified its own copy: the same fatal, and no unhandled rejection meanwhile.
    const early = startHandler(2, async () => {
      throw new ModelVerificationError('Model file lending-club-pd.onnx has another SHA-256');
    });
    await early.ready;
    expect(early.replies[0]).toMatchObject({ type: 'fatal', reason: 'model-verification' });
  });

  it('a user portfolio with problems is refused and the current one kept', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    await handle({ type: 'load-portfolio', name: 'mine.csv', file: fileOf('funded_amnt,term\n1000,term_36\n') });
    expect(replies.at(-1)).toMatchObject({ type: 'portfolio-refused', name: 'mine.csv' });
    await handle({ type: 'evaluate', id: 1, assumptions: BASELINE_ASSUMPTIONS });
    expect(replies.at(-1)).toMatchObject({ type: 'result', evaluation: { baseline: { book: { loans: 9857 } } } });
  });

  it('a helper that fails while scoring withholds that evaluation, and the next one is answered again', async () => {
    let failNext = false;
    const { replies, handle, ready } = startHandler(2, async (helperInit) => {
      const scorer = await openRemoteScorer(startHelperChannel().port, helperInit);
      const failing: SliceScorer = (inputs, from, to) =>
        failNext ? Promise.reject(new ScoringHelperError('A scoring helper failed: out of memory')) : scorer(inputs, from, to);
      return Object.assign(failing, { close: scorer.close, loanFigures: scorer.loanFigures, parseTapePart: scorer.parseTapePart });
    });
    await ready;
    failNext = true;
    await handle({ type: 'evaluate', id: 1, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': -20 } });
    expect(replies.at(-1)).toEqual({
      type: 'evaluation-failed',
      id: 1,
      reason: 'scoring-failed',
      message: 'A scoring helper failed: out of memory',
    });
    failNext = false;
    await handle({ type: 'evaluate', id: 2, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': -20 } });
    const answer = replies.at(-1)!;
    expect(answer).toMatchObject({ type: 'result', id: 2 });
    const single = startHandler(1);
    await single.ready;
    await single.handle({ type: 'evaluate', id: 1, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': -20 } });
    const reference = single.replies.at(-1)!;
    expect(answer.type === 'result' && reference.type === 'result' && answer.evaluation.scenario.book).toEqual(
      reference.type === 'result' && reference.evaluation.scenario.book,
    );
  });

  it('a tape chosen while the model verifies is adopted after the bundled one, and the figures answer it', async () => {
    const { replies, handle, ready } = startHandler();
    const loading = handle({ type: 'load-portfolio', name: 'sample.csv', file: fileOf(sample(200)) });
    const answering = handle({ type: 'evaluate', id: 1, assumptions: BASELINE_ASSUMPTIONS });
    await Promise.all([ready, loading, answering]);
    expect(replies.map((r) => (r.type === 'ready' ? `ready ${r.portfolio.name}` : r.type))).toEqual([
      'ready Lending Club 2016 Q1',
      'ready sample.csv',
      'result',
    ]);
    expect(replies.at(-1)).toMatchObject({ type: 'result', evaluation: { baseline: { book: { loans: 200 } } } });
  });

  it('no answer computed on a tape comes after a newer tape is announced', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    const running = handle({ type: 'evaluate', id: 1, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': -33 } });
    const loading = handle({ type: 'load-portfolio', name: 'sample.csv', file: fileOf(sample(200)) });
    const asking = handle({ type: 'evaluate', id: 2, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': -34 } });
    await Promise.all([running, loading, asking]);
    const announced = replies.findIndex((r) => r.type === 'ready' && r.portfolio.name === 'sample.csv');
    const after = replies.slice(announced + 1).filter((r) => r.type === 'result');
    expect(after.map((r) => r.type === 'result' && [r.id, r.evaluation.baseline.book.loans])).toEqual([[2, 200]]);
  });

  it('a new tape drops what was asked of the old one: no drivers are worked out on it, and an export waiting is told', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    const stress = { ...BASELINE_ASSUMPTIONS, 'income-shock': -15 };
    // Asked while the figures are computed, then a tape is chosen: all before the worker is idle.
    const asked = [
      handle({ type: 'evaluate', id: 1, assumptions: stress }),
      handle({ type: 'drivers', id: 7, assumptions: stress }),
      handle({ type: 'export-loans', id: 5, assumptions: stress }),
      handle({ type: 'load-portfolio', name: 'sample.csv', file: fileOf(sample(200)) }),
    ];
    await Promise.all(asked);
    await handle({ type: 'ping', id: 99 });
    expect(replies.filter((r) => r.type === 'drivers')).toEqual([]);
    expect(replies.filter((r) => r.type === 'export-loans')).toEqual([
      { type: 'export-loans', id: 5, assumptions: stress, failed: expect.stringMatching(/changed before the loans were exported/) },
    ]);
    // Asked again of the new tape, they are answered from its 200 loans.
    await handle({ type: 'evaluate', id: 2, assumptions: stress });
    await handle({ type: 'export-loans', id: 6, assumptions: stress });
    await handle({ type: 'drivers', id: 8, assumptions: stress });
    await handle({ type: 'ping', id: 100 });
    const exported = replies.find((r) => r.type === 'export-loans' && r.id === 6);
    if (exported?.type !== 'export-loans' || !('loans' in exported)) throw new Error('no loan figures');
    expect(exported.loans.pdScenario).toHaveLength(200);
    expect(replies.filter((r) => r.type === 'drivers').map((r) => r.id)).toEqual([8]);
  });

  it('a helper that goes quiet (it closed itself) is replaced by a freshly verified one, and the figures are a single instance’s', async () => {
    const { helpers, openHelper } = watchedHelpers();
    const { replies, handle, ready } = startHandler(2, openHelper);
    await ready;
    helpers[0]!.silence();
    const stress = { ...BASELINE_ASSUMPTIONS, 'rate-shock': 300 };
    await handle({ type: 'evaluate', id: 1, assumptions: stress });
    expect(helpers).toHaveLength(2);
    expect(helpers[0]!.isTerminated()).toBe(true);
    const single = startHandler(1);
    await single.ready;
    await single.handle({ type: 'evaluate', id: 1, assumptions: stress });
    const scenarioOf = (r: WorkerResponse[]) => r.find((m) => m.type === 'result')?.evaluation.scenario;
    expect(scenarioOf(replies)).toEqual(scenarioOf(single.replies));
  });

  it('a replacement helper that fails its own model check withholds every figure', async () => {
    const { helpers, openHelper } = watchedHelpers({ damageReplacements: true });
    const { replies, handle, ready } = startHandler(2, openHelper);
    await ready;
    helpers[0]!.silence();
    await handle({ type: 'evaluate', id: 1, assumptions: { ...BASELINE_ASSUMPTIONS, 'rate-shock': 100 } });
    expect(replies.at(-1)).toMatchObject({ type: 'fatal', reason: 'model-verification' });
  });

  it('answers a ping at once, without waiting for the model, the tapes or the evaluations queued before it', async () => {
    const { replies, handle, ready } = startHandler();
    const asking = handle({ type: 'evaluate', id: 1, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': -40 } });
    void handle({ type: 'ping', id: 9 });
    await Promise.all([ready, asking]);
    expect(replies.map((r) => r.type)).toEqual(['pong', 'ready', 'result']);
  });

  it('reads a UTF-16 tape like its UTF-8 twin, hashes its bytes, and refuses bytes that are not text', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    const text = sample(300);
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(utf16.buffer).setUint16(2 + 2 * i, text.charCodeAt(i), true);
    const figures = async (name: string, bytes: Uint8Array<ArrayBuffer>) => {
      await handle({ type: 'load-portfolio', name, file: fileOf(bytes) });
      const ready = replies.at(-1);
      await handle({ type: 'evaluate', id: replies.length, assumptions: BASELINE_ASSUMPTIONS });
      const result = replies.at(-1);
      return { ready, book: result?.type === 'result' ? result.evaluation.baseline.book : undefined };
    };
    const a = await figures('utf8.csv', bytesOf(text));
    const b = await figures('utf16.csv', utf16);
    expect(b.ready).toMatchObject({ type: 'ready', portfolio: { name: 'utf16.csv', loans: 300, sha256: sha256sum(utf16) } });
    expect(b.book).toEqual(a.book);
    await handle({ type: 'load-portfolio', name: 'latin1.csv', file: fileOf(Uint8Array.from([...bytesOf(text.slice(0, 40)), 0xe9])) });
    expect(replies.at(-1)).toMatchObject({
      type: 'portfolio-refused',
      name: 'latin1.csv',
      issues: [
        { message: 'latin1.csv is not valid UTF-8 text, from byte 40; save it as UTF-8 (or UTF-16 with a byte-order mark) and try again.' },
      ],
    });
  });

  it('says what it did to the data: a misnamed optional column, blank cells imputed, columns not used', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    const [header, ...rows] = sample(100).split('\n');
    const util = header!.split(',').indexOf('"revol_util"');
    const renamed = header!.replace('"addr_state"', '"state"');
    const blanked = rows.map((r) =>
      r
        .split(',')
        .map((v, i) => (i === util ? '' : v))
        .join(','),
    );
    await handle({ type: 'load-portfolio', name: 'mine.csv', file: fileOf([renamed, ...blanked].join('\n')) });
    const ready2 = replies.at(-1);
    expect(ready2?.type === 'ready' && ready2.portfolio.notes).toEqual({
      ignoredColumns: expect.arrayContaining(['state']),
      absentColumns: expect.arrayContaining([
        { column: 'addr_state', description: 'borrower state', withoutIt: 'figures by state read “n/a”', suggestion: 'state' },
      ]),
      imputedCells: expect.arrayContaining([{ column: 'revol_util', cells: 100 }]),
    });
  });

  it('goes back to the bundled tape when asked', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    await handle({ type: 'load-portfolio', name: 'sample.csv', file: fileOf(sample(50)) });
    await handle({ type: 'load-bundled-portfolio' });
    expect(replies.at(-1)).toMatchObject({ type: 'ready', portfolio: { name: 'Lending Club 2016 Q1', loans: 9857 } });
  });
});

describe('what the worker verifies before any figure', () => {
  const cardBytes = () => new Uint8Array(readFileSync(MANIFEST_PATH));
  const cardWith = (
    edit: (card: Record<string, unknown> & { assumptions: { id: string; channel: Record<string, unknown> }[] }) => void,
  ) => {
    const card = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
    edit(card);
    return bytesOf(JSON.stringify(card));
  };

  it('a deployment pinned to the model and card accepts them, and refuses a card changed beside its model', async () => {
    const pins = { modelSha256: JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')).model.sha256, cardSha256: sha256sum(cardBytes()) };
    const pinned = startHandler(1, undefined, { pins });
    await pinned.ready;
    expect(pinned.replies[0]).toMatchObject({ type: 'ready' });
    const edited = cardWith((card) => ((card.metrics as { holdout: { auc: number } }).holdout.auc = 0.91));
    const tampered = startHandler(1, undefined, { pins, fetchBytes: bundledFetch({ [BUNDLED_URLS.manifestUrl]: edited }) });
    await tampered.ready;
    expect(tampered.replies).toEqual([
      {
        type: 'fatal',
        reason: 'model-verification',
        message: `The model card has SHA-256 ${sha256sum(edited).slice(0, 12)}…, but this deployment is pinned to ${pins.cardSha256.slice(0, 12)}….`,
      },
    ]);
  });

  it('a card whose lever channel is reversed is refused, whatever its model', async () => {
    const reversed = cardWith((card) => {
      card.assumptions.find((a) => a.id === 'utilization-shift')!.channel.inputUnitsPerStep = -1;
    });
    const { replies, ready } = startHandler(1, undefined, { fetchBytes: bundledFetch({ [BUNDLED_URLS.manifestUrl]: reversed }) });
    await ready;
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ type: 'fatal', reason: 'model-verification' });
    expect(replies[0]!.type === 'fatal' && replies[0]!.message).toMatch(
      /^The model card's "utilization-shift" channel does not act as documented/,
    );
  });

  it('a card that is not JSON, or not a model card, is a load failure naming the file', async () => {
    for (const [bytes, what] of [
      [bytesOf('{"name": '), 'is not valid JSON'],
      [bytesOf('{"name": "x"}'), 'is not a valid model card'],
    ] as const) {
      const { replies, ready } = startHandler(1, undefined, { fetchBytes: bundledFetch({ [BUNDLED_URLS.manifestUrl]: bytes }) });
      await ready;
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatchObject({ type: 'fatal', reason: 'model-load' });
      expect(replies[0]!.type === 'fatal' && replies[0]!.message).toMatch(
        new RegExp(`^The model card /models/lending-club-pd.manifest.json ${what}: `),
      );
    }
  });

  it('a bundled tape that cannot be fetched is said to be missing, not a model failure', async () => {
    const missing = async (url: string) => {
      if (url === BUNDLED_URLS.portfolioUrl) throw new Error(`Could not load ${url}: HTTP 404`);
      return bundledFetch()(url);
    };
    const { replies, ready } = startHandler(1, undefined, { fetchBytes: missing });
    await ready;
    expect(replies).toEqual([
      { type: 'fatal', reason: 'bundled-portfolio-missing', message: 'Could not load /portfolios/lending_club.csv: HTTP 404' },
    ]);
  });
});

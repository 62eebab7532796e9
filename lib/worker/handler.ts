/**
 * The engine worker's logic, free of worker globals: `post` sends a reply, `fetchBytes` reads a URL.
 * Latest request wins: while one evaluation runs, a newer request replaces any waiting one, so a
 * slider drag never builds a queue of stale work. Tapes are adopted in the order they arrive, each
 * once the model session is open, so a file chosen while the model verifies is kept, not dropped.
 */
import {
  PREVIEW_ABOVE_LOANS,
  PREVIEW_SAMPLE_LOANS,
  ScenarioEngine,
  cardForModel,
  previewEngine,
  compareModels,
  compareScenarios,
  drivers,
  goalSeek,
  largestLoans,
  loanView,
  openVerifiedModel,
  parsePortfolio,
  parsePortfolioInParts,
  portfolioNotes,
  localSlice,
  localTapePart,
  shardedLoanFigures,
  type CardOutcome,
  type CardSource,
  type Focus,
  type Seek,
  type SeekAnswer,
  type LoanFiguresRunner,
  type PreviewEngine,
} from '../engine';
import { inspectOnnx } from '../onnx';
import {
  ModelVerificationError,
  modelFileBesideCard,
  modelFacts,
  sha256Hex,
  shardedScorer,
  sliceScorer,
  type Manifest,
  type PdModel,
  type PdScorer,
} from '../model';
import { fileIssue, tapeColumns, type LoanTape, type TapeIssue } from '../portfolio';
import { loansStoodFor } from '../metrics';
import {
  DEFAULT_SCENARIO_SET,
  DEFAULT_SETTINGS,
  nextStep,
  oneStepAway,
  scenarioSetKey,
  settingsKey,
  type AssumptionId,
  type Assumptions,
  type Settings,
} from '../scenario';
import { assertNever, decodeText, errorMessage } from '../util';
import type {
  CompareRequest,
  CompareScenariosRequest,
  DriversRequest,
  GoalSeekRequest,
  EvaluateRequest,
  LoansRequest,
  ExportLoansRequest,
  InitRequest,
  LoadChallengerRequest,
  LoadModelRequest,
  ModelSummary,
  PortfolioSummary,
  PreviewNote,
  TapeFile,
  WorkerRequest,
  WizardContext,
  WorkerResponse,
} from './protocol';
import { messagesRead } from './messages-read';
import { ScoringHelperError, type ClosableScorer, type ScorerInit } from './scorer-client';
import { supervisedHelper } from './supervised-helper';

export interface HandlerDeps {
  post: (message: WorkerResponse) => void;
  fetchBytes: (url: string) => Promise<Uint8Array>;
  now: () => number;
  /** Starts one scoring helper, which verifies its own copy of the model; absent: score here only. */
  openHelper?: (init: ScorerInit) => Promise<ClosableScorer>;
  /** Books above `aboveLoans` are previewed from a sample of `sampleLoans` (defaults: the engine's). */
  preview?: { aboveLoans: number; sampleLoans: number };
  /** Books up to this many loans get their exact figures worked out ahead at rest too (default `EXACT_AHEAD_UP_TO_LOANS`). */
  exactAheadUpToLoans?: number;
}

/** The verified model and everything that scores with it: opened at init, and again for each model the user brings. */
interface Session {
  manifest: Manifest;
  model: PdModel;
  scorePd: PdScorer;
  /** Every loan's figures, in slices across the same instances as the model. */
  perLoan?: LoanFiguresRunner;
  summary: ModelSummary;
  helpers: ClosableScorer[];
}

/** Stops a session's instances once another has taken over. */
async function release(s: Session) {
  for (const helper of s.helpers) helper.close();
  await s.model.release();
}

/** The tape now scored, as the worker keeps it: the file (not its bytes) and the digest of its bytes. */
interface AdoptedTape extends TapeFile {
  sha256: string;
}

/** A tape's bytes, read from its file when needed (a tape is kept as its file: a Blob holds no memory of this thread). */
const bytesOf = async ({ file }: TapeFile) => new Uint8Array(await file.arrayBuffer());
const textOf = async (tape: TapeFile) => decodeText(await bytesOf(tape), tape.name);

/** Above this many loans the per-loan figures are spread over the scoring helpers. */
const SPREAD_PER_LOAN_ABOVE = 50_000;

/** An answer given up on because a newer request arrived while it was computed. */
class Superseded extends Error {}

/** Work done when no evaluation waits; the latest ask of each kind is kept, an older one dropped. */
type IdleRequest = GoalSeekRequest | LoansRequest | ExportLoansRequest | CompareScenariosRequest | DriversRequest;
/** Which idle work goes first: what the user clicked and waits on (an export, a goal seek, a loan), then a comparison, then the drivers. */
const IDLE_ORDER = ['export-loans', 'goal-seek', 'loans', 'compare-scenarios', 'drivers'] as const satisfies readonly IdleRequest['type'][];

const EXPORT_OVERTAKEN = 'The tape or the model changed before the loans were exported. Export again for the one now in use.';

function idleFailure(wanted: IdleRequest, failed: string): WorkerResponse {
  const { id } = wanted;
  if (wanted.type === 'compare-scenarios') return { type: wanted.type, id, scenarios: wanted.scenarios, failed };
  if (wanted.type === 'loans')
    return { type: wanted.type, id, assumptions: wanted.assumptions, ...(wanted.focus ? { focus: wanted.focus } : {}), failed };
  // Branches with the same shape: a result's `type` must be one literal, not the union of them.
  if (wanted.type === 'export-loans') return { type: wanted.type, id, assumptions: wanted.assumptions, failed };
  return wanted.type === 'drivers'
    ? { type: wanted.type, id, assumptions: wanted.assumptions, failed }
    : { type: wanted.type, id, assumptions: wanted.assumptions, failed };
}

/**
 * Before working out the next step ahead, the page gets this long to paint the answer just sent: on
 * 2 cores the work would otherwise take the core the paint needs.
 */
const AHEAD_PAINT_MS = 12;
/**
 * Books up to this many loans get their exact figures worked out ahead, at rest and while a lever is
 * stepped: a step there takes tens of milliseconds. Above, up to the preview's threshold, a step takes
 * 100-400 ms of both cores (more with a tree model): working out the steps either side at every rest
 * would keep a laptop busy for seconds, so such a book works out only the next step of a lever being
 * stepped (`BIG_BOOK_AHEAD_STEPS`), which the presenter is about to ask for.
 */
const EXACT_AHEAD_UP_TO_LOANS = 50_000;
/**
 * Steps worked out ahead of a lever being stepped. Two, not one: a press that comes while the next
 * step is still being worked out (a busy moment of the machine) finds the one after ready, and the
 * worker catches up in the quiet between presses.
 */
const AHEAD_STEPS = 2;
/**
 * On a bigger book, one: a press that came while the second was being worked out would wait for its
 * step of loans to end (some 20 ms) before its own figures, ready since the first, were sent.
 */
const BIG_BOOK_AHEAD_STEPS = 1;
/**
 * A step either side of each model lever is worked out once the levers have rested this long: for the
 * first press on any of them, not while one is being stepped or LGD is being dragged.
 */
const AROUND_REST_MS = 150;
/** Keys of figures sent ahead that are remembered: a step either side of four model levers, and two steps ahead. */
const PREPARED_KEPT = 12;

/** What an evaluation answers, as a key: the same key, the same figures. */
const requestKey = (r: EvaluateRequest) =>
  JSON.stringify([
    Object.entries(r.assumptions).sort(),
    settingsKey(r.settings ?? DEFAULT_SETTINGS),
    scenarioSetKey(r.scenarioSet ?? DEFAULT_SCENARIO_SET),
    r.focus ? `${r.focus.kind}|${r.focus.label}` : '',
  ]);

/**
 * The evaluations a presenter stepping a lever asks for next: `steps` more steps of the lever the last
 * two answers differ in, when it reaches the PDs, on the same settings, scenario set and segment, up
 * to the lever's end; none otherwise.
 */
function stepsAhead(before: EvaluateRequest, after: EvaluateRequest, pdLevers: readonly string[], steps: number): EvaluateRequest[] {
  const next: EvaluateRequest[] = [];
  let [from, to] = [before, after];
  while (next.length < steps) {
    const step = stepAhead(from, to, pdLevers);
    if (!step) break;
    next.push(step);
    [from, to] = [to, step];
  }
  return next;
}

/** A step either side of every lever that reaches the PDs: where the first press on any of them goes. */
function stepsAround(request: EvaluateRequest, pdLevers: readonly string[]): EvaluateRequest[] {
  if (request.focus) return [];
  const levers = pdLevers.filter((id): id is AssumptionId => id in request.assumptions);
  return oneStepAway(request.assumptions, levers).map((assumptions) => ({ ...request, assumptions }));
}

function stepAhead(before: EvaluateRequest, after: EvaluateRequest, pdLevers: readonly string[]): EvaluateRequest | undefined {
  if (after.focus) return undefined; // a drill-down's figures are not sent ahead
  // LGD and the cut-off the page answers at once from the last answer's sums: nothing to work out ahead.
  const moved = Object.keys(after.assumptions).filter(
    (id) => before.assumptions[id as AssumptionId] !== after.assumptions[id as AssumptionId],
  );
  if (!moved.every((id) => pdLevers.includes(id))) return undefined;
  const same = (r: EvaluateRequest) => requestKey({ ...r, assumptions: after.assumptions });
  if (same(before) !== same(after)) return undefined;
  const next = nextStep(before.assumptions, after.assumptions);
  return next && { ...after, assumptions: next };
}

/**
 * After a preview is sent, the exact evaluation waits this long: it takes every core, and the page
 * needs one to paint the preview (on 2 cores the paint otherwise waits behind it). A newer request
 * arriving meanwhile replaces it before any of it is computed.
 */
const PREVIEW_PAINT_MS = 40;
/** The first preview of a tape mounts every figure and chart on the page: it gets longer. */
const FIRST_PREVIEW_PAINT_MS = 600;

/** The tape as the page names it: the amount lent is read through the card's book columns. */
function summarize(name: string, engine: ScenarioEngine, sha256: string): PortfolioSummary {
  const { weight, amountLent } = engine.book;
  const { modelPoints } = engine.tape;
  return {
    name,
    sha256,
    loans: loansStoodFor(engine.loanCount, weight),
    exposure: amountLent.reduce((s, v, i) => s + (weight ? weight[i]! : 1) * v, 0),
    notes: portfolioNotes(engine.tape, engine.manifest),
    ...(weight ? { modelPoints: { rows: engine.loanCount, ...(modelPoints ? { report: modelPoints } : {}) } } : {}),
  };
}

/** The graph (where the bytes are a model) and the tape's columns, for the mapping wizard. */
function wizardContext(csvText: string, bytes?: Uint8Array): WizardContext {
  let graph: WizardContext['graph'];
  try {
    const inspection = bytes && inspectOnnx(bytes);
    if (inspection) {
      const { inputs, outputs, producer, probabilities } = inspection;
      graph = { inputs, outputs, producer, classLabels: probabilities[0]?.classLabels ?? null };
    }
  } catch {
    // Not a model: the problems say so.
  }
  return { graph, columns: tapeColumns(csvText) };
}

export function createEngineHandler({
  post,
  fetchBytes,
  now,
  openHelper,
  preview: previewPlan = { aboveLoans: PREVIEW_ABOVE_LOANS, sampleLoans: PREVIEW_SAMPLE_LOANS },
  exactAheadUpToLoans = EXACT_AHEAD_UP_TO_LOANS,
}: HandlerDeps) {
  /** Undefined until init; resolves undefined when the model could not be opened (a fatal was posted). */
  let session: Promise<Session | undefined> | undefined;
  /** Tape adoptions, one after another in arrival order. */
  let tapes: Promise<unknown> = Promise.resolve();
  let bundled: TapeFile | undefined;
  let engine: ScenarioEngine | undefined;
  let running = false;
  let waiting: EvaluateRequest | undefined;
  /** The segment the latest evaluation was drilled into, if any: idle work answers for it too. */
  let focus: Focus | undefined;
  /** Asked for and not yet answered: worked out when no evaluation waits. */
  const idle: { [K in IdleRequest['type']]?: Extract<IdleRequest, { type: K }> } = {};
  /** The engine whose figures were last sent: its tape's validation is worked out once the worker is idle. */
  let answered: ScenarioEngine | undefined;
  /** The last request answered, and the one a presenter stepping its lever asks for next, worked out ahead when idle. */
  let lastAnswered: EvaluateRequest | undefined;
  /** The last request previewed on a big book, and its engine: the step of a lever stepped faster than its exact figures come. */
  let lastPreviewed: { request: EvaluateRequest; engine: ScenarioEngine } | undefined;
  /** Ends a wait for quiet early: a request has come. */
  let wake: (() => void) | undefined;
  /** `ms` with no request, or less if one comes (then the caller sees it waiting). */
  function quiet(ms: number): Promise<void> {
    if (ms <= 0) return messagesRead();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }
  /** What to work out ahead when idle, in turn, each after `afterMs` with no request. */
  let ahead: { request: EvaluateRequest; afterMs: number }[] = [];
  /** Requests whose figures were worked out ahead and sent, on the engine in use (by key, the latest last): their answers say so. */
  const prepared = new Set<string>();
  /** Each engine's previewing sample engine, on a big book: made on its first request, scored by this worker's own instance. */
  const previews = new WeakMap<ScenarioEngine, PreviewEngine | (() => PreviewEngine)>();

  /** The engine for a tape under a session's model; a big book gets a preview engine, made when first asked. */
  function engineFor(s: Session, tape: LoanTape): ScenarioEngine {
    // A small book's per-loan figures take less time than a round trip to a helper (and its own calibration tables).
    const spread = s.perLoan && tape.loanCount > SPREAD_PER_LOAN_ABOVE ? { perLoan: s.perLoan } : {};
    const made = new ScenarioEngine(s.manifest, tape, s.scorePd, spread);
    if (made.loanCount > previewPlan.aboveLoans) previews.set(made, () => previewEngine(made, s.model.scorePd, previewPlan.sampleLoans));
    return made;
  }

  /** What the page says of a preview: the sample's size, the book's, and how the sample was drawn. */
  const previewNote = ({ sampleLoans, bookLoans, method }: PreviewEngine): PreviewNote => ({ sampleLoans, bookLoans, method });

  function previewOf(e: ScenarioEngine): PreviewEngine | undefined {
    const known = previews.get(e);
    if (typeof known !== 'function') return known;
    const made = known();
    previews.set(e, made);
    return made;
  }

  /** The deployment's request, kept: its pins hold for every model, and its model can be gone back to. */
  let deployment: InitRequest | undefined;
  /** The tape now scored (the deployment's or the user's): a brought model is matched to it. */
  let current: AdoptedTape | undefined;
  /** A second model on the same tape, one instance, compared on request; swapped in on request. */
  let challenger: { session: Session; engine: ScenarioEngine } | undefined;

  type Origin = Pick<ModelSummary, 'origin' | 'drafted'>;

  /**
   * Verifies the card and model (hash, reference PDs, lever directions, pins) here and in each helper
   * at once. `onCard` hears the card as soon as it is read: the tape can be checked against it meanwhile.
   */
  async function openSession(
    source: CardSource,
    origin: Origin,
    instances = deployment!.scorers,
    onCard?: (manifest: Manifest) => void,
  ): Promise<Session> {
    const request = deployment!;
    // The helpers verify their own copies while this instance verifies its own: cold start waits for the slowest, not the sum.
    let starting: Promise<ClosableScorer[]> = Promise.resolve([]);
    const verified = await openVerifiedModel({
      ...source,
      pins: request.pins,
      runtime: { wasmPaths: request.wasmPaths },
      onRead: ({ manifestJson, manifest, modelBytes }) => {
        starting = startHelpers(instances - 1, { manifestJson, modelBytes, wasmPaths: request.wasmPaths });
        // Awaited once this instance has verified; a helper refused before that is not an unhandled rejection meanwhile.
        starting.catch(() => undefined);
        onCard?.(manifest);
      },
    }).catch(async (e: unknown) => {
      for (const helper of await starting.catch(() => [])) helper.close();
      throw e;
    });
    const { manifest, model, cardSha256 } = verified;
    const helpers = await starting.catch(async (e: unknown) => {
      await model.release();
      throw e;
    });
    const scorePd = helpers.length ? shardedScorer([sliceScorer(model.scorePd), ...helpers]) : model.scorePd;
    const perLoan = helpers.length ? shardedLoanFigures([localSlice, ...helpers.map((h) => h.loanFigures)]) : undefined;
    const summary: ModelSummary = {
      ...modelFacts(manifest, model, cardSha256),
      scorers: 1 + helpers.length,
      cardJson: new TextDecoder().decode(source.cardBytes),
      ...origin,
      referenceSource: manifest.referenceSource,
      inertLevers: manifest.assumptions.filter((a) => a.channel.kind === 'none').map((a) => a.id),
    };
    return { manifest, model, scorePd, ...(perLoan ? { perLoan } : {}), summary, helpers };
  }

  async function deploymentSession(request: InitRequest, onCard?: (manifest: Manifest) => void): Promise<Session> {
    return openSession(
      {
        cardBytes: await fetchBytes(request.manifestUrl),
        cardName: request.manifestUrl,
        readModel: (card) => fetchBytes(modelFileBesideCard(request.manifestUrl, card)),
      },
      { origin: 'deployment' },
      deployment!.scorers,
      onCard,
    );
  }

  /**
   * A helper whose model fails its check stops everything, as the main check does; one that merely
   * cannot start (no memory, no worker) leaves the book to the instances that did. A helper that
   * dies later is replaced by a freshly verified one (`supervisedHelper`).
   */
  async function startHelpers(count: number, init: ScorerInit): Promise<ClosableScorer[]> {
    if (count < 1 || !openHelper) return [];
    const open = () => openHelper(init);
    // Promise.resolve().then: a helper that cannot even be created (new Worker throws) is a rejection too.
    const started = await Promise.allSettled(Array.from({ length: count }, () => Promise.resolve().then(open)));
    const refused = started.find((r) => r.status === 'rejected' && r.reason instanceof ModelVerificationError);
    if (refused) throw (refused as PromiseRejectedResult).reason;
    return started.flatMap((r) => (r.status === 'fulfilled' ? [supervisedHelper(r.value, open)] : []));
  }

  /** A tape's bytes decoded and checked against a card. */
  function readTape(name: string, bytes: Uint8Array, manifest: Manifest) {
    const text = decodeText(bytes, name);
    return { manifest, bytes, text, loaded: text.ok ? parsePortfolio(text.text, manifest) : undefined };
  }

  /** A tape's bytes decoded and checked against the session's card; a big one parsed on every instance at once. */
  async function readTapeOnEveryCore(name: string, bytes: Uint8Array, s: Session) {
    const text = decodeText(bytes, name);
    const helpers = s.helpers.map((h) => h.parseTapePart);
    return {
      manifest: s.manifest,
      bytes,
      text,
      loaded: text.ok ? await parsePortfolioInParts(text.text, s.manifest, [localTapePart, ...helpers]) : undefined,
    };
  }

  /** Adopts a tape, read here or already read against this session's card (while its model verified). */
  async function adoptPortfolio(s: Session, tape: TapeFile, early?: ReturnType<typeof readTape>): Promise<boolean> {
    const { name, file } = tape;
    const bytes = early?.bytes ?? (await bytesOf(tape));
    // The digest runs off this thread (WebCrypto): started first, it is ready when the parse is done.
    const hashing = sha256Hex(bytes);
    const refuse = (issues: TapeIssue[], totalIssues = issues.length) => {
      post({ type: 'portfolio-refused', name, issues, totalIssues });
      return false;
    };
    const { text, loaded } = early?.manifest === s.manifest ? early : await readTapeOnEveryCore(name, bytes, s);
    if (!text.ok) return refuse([fileIssue(text.message)]);
    if (!loaded!.ok) return refuse(loaded!.issues, loaded!.totalIssues);
    // Everything that can fail comes before the swap: a tape said to be refused is never the one scored.
    const next = engineFor(s, loaded!.tape);
    const sha256 = await hashing;
    const portfolio = summarize(name, next, sha256);
    dropIdleAsks();
    engine = next;
    current = { name, file, sha256 };
    post({ type: 'ready', model: s.summary, portfolio });
    await rematchChallenger(text.text);
    return true;
  }

  /** The challenger on the tape now scored, or dropped (and said) where it cannot read it. */
  async function rematchChallenger(csvText: string) {
    if (!challenger) return;
    const loaded = parsePortfolio(csvText, challenger.session.manifest);
    if (loaded.ok) {
      challenger.engine = engineFor(challenger.session, loaded.tape);
      return;
    }
    const gone = challenger;
    challenger = undefined;
    post({
      type: 'challenger-gone',
      modelName: gone.session.summary.name,
      problems: [`It cannot read this tape: ${loaded.issues[0]?.message ?? ''}`],
    });
    await release(gone.session);
  }

  /**
   * The card a brought model runs with: the user's own, or one drafted against the tape. A drafted card
   * carries how it matched the model to the tape, and what the wizard needs to adjust it.
   */
  async function sourceFor(
    request: Pick<LoadModelRequest, 'modelName' | 'modelBytes' | 'card' | 'choices' | 'referenceColumn'>,
    csvText: string,
  ): Promise<{ ok: true; source: CardSource; origin: Origin } | { ok: false; made: Extract<CardOutcome, { ok: false }> }> {
    const { modelName, modelBytes, card, choices } = request;
    const readModel = async () => modelBytes;
    if (card) return { ok: true, source: { cardBytes: card.bytes, cardName: card.name, readModel }, origin: { origin: 'brought' } };
    const made = await cardForModel({
      modelBytes,
      modelName,
      csvText,
      choices,
      referenceColumn: request.referenceColumn,
      runtime: { wasmPaths: deployment!.wasmPaths },
    });
    if (!made.ok) return { ok: false, made };
    const { mappings, defaultClass, book } = made;
    return {
      ok: true,
      source: { cardBytes: new TextEncoder().encode(made.cardJson), cardName: `drafted for ${modelName}`, readModel },
      origin: {
        origin: 'brought',
        drafted: { mappings, defaultClass, book, choices: choices ?? {}, ...wizardContext(csvText, modelBytes) },
      },
    };
  }

  /** A second model scored beside the one in use: drafted and verified as a brought model is, on one instance. */
  async function loadChallenger(request: LoadChallengerRequest) {
    const tape = current ?? bundled;
    const text = tape && (await textOf(tape));
    const refuse = (problems: string[]) => post({ type: 'challenger-gone', modelName: request.modelName, problems });
    if (!tape || !text?.ok) return refuse(['No tape is loaded to score it on.']);
    const found = await sourceFor(request, text.text);
    if (!found.ok) {
      return refuse([
        ...found.made.problems,
        'Load it as the model first to match it in the wizard, then download its card and load model and card as the challenger.',
      ]);
    }
    const { source, origin } = found;
    let next: Session;
    try {
      next = await openSession(source, origin, 1);
    } catch (e) {
      return refuse([errorMessage(e)]);
    }
    const loaded = parsePortfolio(text.text, next.manifest);
    if (!loaded.ok) {
      await release(next);
      return refuse([`${tape.name} does not give this model what it needs:`, ...loaded.issues.map((i) => i.message)]);
    }
    const old = challenger;
    challenger = { session: next, engine: engineFor(next, loaded.tape) };
    post({ type: 'challenger-ready', model: next.summary });
    if (old) await release(old.session);
  }

  /** The challenger drives the page; the model in use becomes the challenger, on the same tape. */
  async function swapChallenger(s: Session) {
    if (!challenger || !engine) return;
    const next = challenger;
    challenger = { session: s, engine };
    session = Promise.resolve(next.session);
    dropIdleAsks();
    engine = next.engine;
    // A challenger is only loaded once a tape has been adopted.
    const tape = current!;
    post({ type: 'ready', model: next.session.summary, portfolio: summarize(tape.name, next.engine, tape.sha256) });
    post({ type: 'challenger-ready', model: s.summary });
  }

  async function removeChallenger() {
    const gone = challenger;
    challenger = undefined;
    post({ type: 'challenger-gone', problems: [] });
    if (gone) await release(gone.session);
  }

  async function compare(request: CompareRequest) {
    await tapesSettled();
    const [champion, s] = [engine, await session];
    if (!challenger || !champion || !s) return;
    const them = challenger;
    const comparison = await compareModels(
      { engine: champion, name: s.summary.name, sha256: s.summary.sha256 },
      { engine: them.engine, name: them.session.summary.name, sha256: them.session.summary.sha256 },
      request.assumptions,
      request.settings ?? DEFAULT_SETTINGS,
      request.scenarioSet ?? DEFAULT_SCENARIO_SET,
    );
    post({ type: 'comparison', id: request.id, comparison });
  }

  /** A brought model not adopted: the reasons, with what the wizard needs to let the user decide. */
  function refuseModel(
    modelName: string,
    problems: string[],
    csvText: string,
    drafted?: Pick<CardOutcome, 'mappings' | 'defaultClass' | 'book'>,
    bytes?: Uint8Array,
  ) {
    post({
      type: 'model-refused',
      modelName,
      problems,
      ...wizardContext(csvText, bytes),
      mappings: drafted?.mappings ?? [],
      defaultClass: drafted?.defaultClass,
      book: drafted?.book,
    });
  }

  /** The user's model on the tape now scored: adopted only once every check has passed; until then the current one stays. */
  async function bringModel(old: Session, request: LoadModelRequest) {
    const tape = request.tape ?? current ?? bundled;
    if (!tape) return refuseModel(request.modelName, ['No tape is loaded to match the model to.'], '');
    const bytes = await bytesOf(tape);
    const text = decodeText(bytes, tape.name);
    if (!text.ok) return refuseModel(request.modelName, [text.message], '');
    const { modelName, modelBytes } = request;
    const found = await sourceFor(request, text.text);
    if (!found.ok) return refuseModel(modelName, found.made.problems, text.text, found.made, modelBytes);
    const { source, origin } = found;
    let next: Session;
    try {
      next = await openSession(source, origin);
    } catch (e) {
      return refuseModel(modelName, [errorMessage(e)], text.text, origin.drafted, modelBytes);
    }
    const loaded = parsePortfolio(text.text, next.manifest);
    if (!loaded.ok) {
      await release(next);
      const more = loaded.totalIssues > loaded.issues.length ? [`… and ${loaded.totalIssues - loaded.issues.length} more.`] : [];
      return refuseModel(
        modelName,
        [`${tape.name} does not give this model what it needs:`, ...loaded.issues.map((i) => i.message), ...more],
        text.text,
        origin.drafted,
        modelBytes,
      );
    }
    const scored = engineFor(next, loaded.tape);
    const sha256 = await sha256Hex(bytes);
    const portfolio = summarize(tape.name, scored, sha256);
    session = Promise.resolve(next);
    dropIdleAsks();
    engine = scored;
    current = { name: tape.name, file: tape.file, sha256 };
    post({ type: 'ready', model: next.summary, portfolio });
    await release(old);
    await rematchChallenger(text.text);
  }

  /** Back to the deployment's model, on the tape now scored. */
  async function restoreDeploymentModel(old: Session) {
    if (old.summary.origin === 'deployment') return;
    const next = await deploymentSession(deployment!);
    const tape = current ?? bundled!;
    session = Promise.resolve(next);
    if (!(await adoptPortfolio(next, tape)) && tape.file !== bundled!.file) await adoptPortfolio(next, bundled!);
    await release(old);
  }

  /** Adopts tapes one after another; a job that throws never blocks the ones after it. */
  function queueTape(job: (s: Session) => Promise<void>, onError: (message: string) => void): Promise<unknown> {
    tapes = tapes.then(async () => {
      const s = await session;
      if (s) await job(s).catch((e: unknown) => onError(errorMessage(e)));
    });
    return tapes;
  }

  async function init(request: InitRequest) {
    // The tape is fetched while the model verifies; its failure is reported once the model is open.
    const fetching = fetchBytes(request.portfolioUrl).then(
      (bytes) => ({ bytes }),
      (e: unknown) => ({ failure: errorMessage(e) }),
    );
    deployment = request;
    // The bundled tape is checked against the card while the model verifies (its runtime compiles off this thread).
    let early: Promise<ReturnType<typeof readTape> | undefined> = Promise.resolve(undefined);
    const onCard = (manifest: Manifest) => {
      early = fetching.then((fetched) =>
        'bytes' in fetched
          ? new Promise((resolve) => setTimeout(() => resolve(readTape(request.portfolioName, fetched.bytes, manifest)), 0))
          : undefined,
      );
    };
    session = deploymentSession(request, onCard).catch((e: unknown) => {
      post({ type: 'fatal', reason: e instanceof ModelVerificationError ? 'model-verification' : 'model-load', message: errorMessage(e) });
      return undefined;
    });
    await queueTape(
      async (s) => {
        const fetched = await fetching;
        if ('failure' in fetched) return post({ type: 'fatal', reason: 'bundled-portfolio-missing', message: fetched.failure });
        bundled = { name: request.portfolioName, file: new Blob([fetched.bytes as BlobPart]) };
        if (!(await adoptPortfolio(s, bundled, await early))) {
          post({ type: 'fatal', reason: 'bundled-portfolio-invalid', message: `${request.portfolioName} does not pass its checks.` });
        }
      },
      (message) => post({ type: 'fatal', reason: 'bundled-portfolio-invalid', message }),
    );
  }

  async function loadPortfolio(tape: TapeFile | undefined) {
    const name = tape?.name ?? bundled?.name ?? 'the bundled portfolio';
    await queueTape(
      async (s) => {
        const file = tape ?? bundled;
        if (file) await adoptPortfolio(s, file);
      },
      (message) => post({ type: 'portfolio-refused', name, issues: [fileIssue(message)], totalIssues: 1 }),
    );
  }

  /** Waits until no tape is on its way: adoptions queued while waiting are waited for too. */
  async function tapesSettled() {
    for (let seen = tapes; ; seen = tapes) {
      await seen;
      if (seen === tapes) return;
    }
  }

  /**
   * The book or the model changed: what was asked of the old one is not worked out on the new one (on a
   * big book, minutes of both cores that would hold up the next slider move). The page asks again once
   * the new figures rest; an export it waits on is told to be made again.
   */
  function dropIdleAsks() {
    // Figures sent ahead were the old tape's or model's: the page forgets them too (on 'ready').
    prepared.clear();
    ahead = [];
    for (const kind of IDLE_ORDER) {
      const wanted = idle[kind];
      idle[kind] = undefined;
      if (wanted?.type === 'export-loans') post(idleFailure(wanted, EXPORT_OVERTAKEN));
    }
  }

  /**
   * Work asked for when the worker is idle (a goal seek first: the user waits on it; then a comparison,
   * then what drove the figures): given up for a newer evaluation, taken up again after it. False when
   * there is nothing to do.
   */
  async function answerIdle(current: ScenarioEngine): Promise<boolean> {
    const kind = IDLE_ORDER.find((k) => idle[k]);
    if (!kind) return false;
    const wanted = idle[kind]!;
    const still = () => idle[kind] === wanted;
    const checkpoint = async () => {
      await messagesRead();
      if (waiting || engine !== current || !still()) throw new Superseded();
    };
    try {
      const answer = await idleAnswer(current, wanted, checkpoint);
      if (still()) idle[kind] = undefined;
      if (engine === current) post(answer);
    } catch (e) {
      if (e instanceof Superseded) return true; // a request came: answered first, then this again
      // The book or model changed under it (its instances stopped): the ask was dropped, and is not failed on the new one.
      if (engine !== current) return true;
      if (still()) idle[kind] = undefined;
      post(idleFailure(wanted, errorMessage(e)));
    }
    return true;
  }

  async function idleAnswer(whole: ScenarioEngine, wanted: IdleRequest, checkpoint: () => Promise<void>): Promise<WorkerResponse> {
    const settings = wanted.settings ?? DEFAULT_SETTINGS;
    // Drilled into a segment, the idle work answers for its loans, as the figures do.
    const current = (focus && whole.segmentBook(focus)) || whole;
    switch (wanted.type) {
      case 'loans': {
        const { id, assumptions, loan } = wanted;
        const book = (wanted.focus && whole.segmentBook(wanted.focus)) || whole;
        const largest = await largestLoans(book, assumptions, settings);
        await checkpoint();
        const view = loan === undefined ? undefined : await loanView(book, loan, assumptions, settings);
        return { type: 'loans', id, assumptions, ...(wanted.focus ? { focus: wanted.focus } : {}), largest, ...(view ? { view } : {}) };
      }
      case 'export-loans':
        // The whole book, whatever is drilled into: a file of every loan, numbered as the tape's rows.
        return {
          type: 'export-loans',
          id: wanted.id,
          assumptions: wanted.assumptions,
          loans: await whole.loanLevel(wanted.assumptions, settings),
        };
      case 'goal-seek':
        return {
          type: 'goal-seek',
          id: wanted.id,
          assumptions: wanted.assumptions,
          answers: await seekAll(current, wanted.assumptions, settings, wanted.seeks, checkpoint),
        };
      case 'compare-scenarios': {
        const set = wanted.scenarioSet ?? DEFAULT_SCENARIO_SET;
        const comparison = await compareScenarios(current, wanted.scenarios, settings, set, checkpoint);
        return { type: 'compare-scenarios', id: wanted.id, scenarios: wanted.scenarios, comparison };
      }
      case 'drivers': {
        const set = wanted.scenarioSet ?? DEFAULT_SCENARIO_SET;
        const answer = await drivers(current, wanted.assumptions, settings, set, wanted.kpi, checkpoint);
        return { type: 'drivers', id: wanted.id, assumptions: wanted.assumptions, drivers: answer };
      }
      default:
        return assertNever(wanted);
    }
  }

  /** Each seek in turn, on the same book. */
  async function seekAll(current: ScenarioEngine, a: Assumptions, settings: Settings, seeks: Seek[], checkpoint: () => Promise<void>) {
    const answers: SeekAnswer[] = [];
    for (const seek of seeks) answers.push(await goalSeek(current, a, settings, seek, checkpoint));
    return answers;
  }

  /**
   * Works out a request before it is asked, into the engine's caches, and sends it to the page: given up
   * for any other request that arrives meanwhile (what it finished stays cached); a request for these
   * very figures waits for them. A book with a preview sample gets its preview worked out ahead (its
   * exact figures take seconds). What is worked out ahead, and when, `drain` decides.
   */
  async function workAhead(current: ScenarioEngine, next: EvaluateRequest, afterMs: number): Promise<void> {
    const target = (next.focus && current.segmentBook(next.focus)) || current;
    const sample = previewOf(target);
    const asked = requestKey(next);
    const key = sample ? `preview|${asked}` : asked;
    if (prepared.has(key)) return; // sent already: the page keeps it
    const checkpoint = async () => {
      await messagesRead();
      if ((waiting && requestKey(waiting) !== asked) || engine !== current) throw new Superseded();
    };
    try {
      await quiet(afterMs);
      if (waiting || engine !== current) return;
      const evaluation = await (sample?.engine ?? target).evaluate(next.assumptions, next.settings, next.scenarioSet, { checkpoint });
      if (engine !== current) return;
      prepared.add(key);
      if (prepared.size > PREPARED_KEPT) prepared.delete(prepared.values().next().value!);
      post({ type: 'prepared', evaluation, ...(sample ? { preview: previewNote(sample) } : {}) });
    } catch {
      // Superseded, or a failure the request itself will meet and report if it is asked.
    }
  }

  /** Answers the waiting request, and whatever replaces it meanwhile, on the newest tape. */
  async function drain() {
    if (running) return;
    running = true;
    for (;;) {
      await tapesSettled(); // a tape on its way is adopted first: no answer comes from the one it replaces
      const request = waiting;
      const current = engine;
      if (!current) break;
      if (!request) {
        // Idle after the tape's first figures: the next step of the lever being stepped, first, so that it is answered at once;
        // the model's evidence on the tape, once; then any request that came meanwhile.
        if (current !== answered) break;
        const next = ahead.shift();
        if (next) {
          await workAhead(current, next.request, next.afterMs);
          continue;
        }
        if (current.validationReady) {
          if (!(await answerIdle(current))) break;
          continue;
        }
        const validation = await current
          .bookValidation(async () => {
            await messagesRead();
            if (waiting || engine !== current) throw new Superseded();
          })
          .catch((e: unknown) => (e instanceof Superseded ? ('superseded' as const) : undefined));
        if (validation === 'superseded') continue; // a request came: answer it; the validation starts again when idle
        if (!validation) break;
        if (engine === current) post({ type: 'validation', validation });
        continue;
      }
      waiting = undefined;
      focus = request.focus;
      const started = now();
      // A segment drilled into is a book of its own (an unknown one, after a new tape, is the whole book).
      const target = (request.focus && current.segmentBook(request.focus)) || current;
      const preview = previewOf(target);
      try {
        if (preview) {
          // A big book: the sample's figures first, labelled as a preview; the exact ones follow unless a newer request comes.
          const previewed = await preview.engine.evaluate(request.assumptions, request.settings, request.scenarioSet);
          // The next steps of a lever being stepped are previewed before the exact figures: the next press shows at once.
          const nextPreviews =
            lastPreviewed?.engine === current ? stepsAhead(lastPreviewed.request, request, previewed.pdLevers, AHEAD_STEPS) : [];
          lastPreviewed = { request, engine: current };
          if (engine === current && !waiting) {
            post({
              type: 'result',
              id: request.id,
              evaluation: previewed,
              computeMs: now() - started,
              preview: previewNote(preview),
            });
          }
          await messagesRead(answered === current ? PREVIEW_PAINT_MS : FIRST_PREVIEW_PAINT_MS);
          if (waiting || engine !== current) throw new Superseded();
          for (const step of nextPreviews) await workAhead(current, step, 0);
          if (waiting || engine !== current) throw new Superseded();
        }
        const checkpoint =
          preview || target !== current
            ? async () => {
                await messagesRead();
                if (waiting || engine !== current) throw new Superseded();
              }
            : undefined;
        const evaluated = await target.evaluate(request.assumptions, request.settings, request.scenarioSet, { checkpoint });
        const evaluation =
          target !== current
            ? { ...evaluated, focus: { ...request.focus!, loans: target.loanCount } }
            : request.focus
              ? { ...evaluated, unknownFocus: request.focus }
              : evaluated;
        // A tape adopted meanwhile makes this answer the old tape's: ask again on the new one.
        if (engine !== current) {
          waiting ??= request;
          continue;
        }
        const key = requestKey(request);
        post({ type: 'result', id: request.id, evaluation, computeMs: now() - started, ...(prepared.has(key) ? { prepared: true } : {}) });
        // A lever being stepped: its next steps. Otherwise a step either side of every model lever, so that the first
        // press on any of them shows at once too; on a big book without a preview, nothing at rest.
        const bigBook = !preview && target.loanCount > exactAheadUpToLoans;
        const steps = bigBook ? BIG_BOOK_AHEAD_STEPS : AHEAD_STEPS;
        const stepping = lastAnswered && answered === current ? stepsAhead(lastAnswered, request, evaluation.pdLevers, steps) : [];
        const around = bigBook ? [] : stepsAround(request, evaluation.pdLevers);
        ahead =
          stepping.length > 0
            ? stepping.map((step) => ({ request: step, afterMs: AHEAD_PAINT_MS }))
            : around.map((step, i) => ({ request: step, afterMs: i === 0 ? AROUND_REST_MS : 0 }));
        lastAnswered = request;
        answered = current;
      } catch (e) {
        if (e instanceof Superseded) {
          waiting ??= request; // the tape changed: ask again on the new one; otherwise the newer request is waiting
          continue;
        }
        // A model brought meanwhile has stopped the instances this answer was using: ask the new one.
        if (engine !== current) {
          waiting ??= request;
          continue;
        }
        // A replacement helper that fails its own check is as final as the first check.
        if (e instanceof ModelVerificationError) post({ type: 'fatal', reason: 'model-verification', message: e.message });
        else {
          const reason = e instanceof ScoringHelperError ? 'scoring-failed' : 'engine-error';
          post({ type: 'evaluation-failed', id: request.id, reason, message: errorMessage(e) });
        }
      }
    }
    running = false;
  }

  return async function handle(request: WorkerRequest): Promise<void> {
    switch (request.type) {
      case 'ping':
        return post({ type: 'pong', id: request.id });
      case 'init':
        await init(request);
        return drain();
      case 'evaluate':
        waiting = request;
        wake?.();
        return drain();
      case 'load-portfolio':
        await loadPortfolio({ name: request.name, file: request.file });
        return drain();
      case 'load-bundled-portfolio':
        await loadPortfolio(undefined);
        return drain();
      case 'load-model':
        await queueTape(
          (s) => bringModel(s, request),
          (message) => refuseModel(request.modelName, [message], ''),
        );
        return drain();
      case 'load-bundled-model':
        await queueTape(restoreDeploymentModel, (message) => post({ type: 'fatal', reason: 'model-load', message }));
        return drain();
      case 'load-challenger':
        await queueTape(
          () => loadChallenger(request),
          (message) => post({ type: 'challenger-gone', modelName: request.modelName, problems: [message] }),
        );
        return;
      case 'remove-challenger':
        await queueTape(removeChallenger, (message) => post({ type: 'challenger-gone', problems: [message] }));
        return;
      case 'swap-challenger':
        await queueTape(swapChallenger, (message) => post({ type: 'fatal', reason: 'model-load', message }));
        return drain();
      case 'compare':
        return compare(request).catch((e: unknown) => post({ type: 'challenger-gone', problems: [errorMessage(e)] }));
      case 'drivers':
      case 'goal-seek':
      case 'compare-scenarios':
      case 'loans':
      case 'export-loans':
        (idle as Record<string, IdleRequest>)[request.type] = request;
        return drain();
      default:
        return assertNever(request);
    }
  };
}

/**
 * A model card for a model that came without one: drafted from the graph and the tape (lib/model
 * card-draft), with reference rows the model must reproduce from then on. The reference PDs come
 * from a tape column of expected PDs (the data scientist's own scores: the model is verified now),
 * or else from this first run (the card then pins this file and runtime, and says so).
 */
import { inspectOnnx, OnnxFormatError } from '../onnx';
import {
  draftCard,
  inputColumnSpec,
  ModelVerificationError,
  openScoringSession,
  parseManifest,
  referenceInputs,
  sha256Hex,
  type CardDraft,
  type DraftChoices,
  type DraftResult,
  type Manifest,
  type ReferenceSource,
  type RuntimeOptions,
} from '../model';
import { parseLoanTape, tapeColumns, type LoanTape } from '../portfolio';

/** How many loans of the tape the card keeps as reference rows. */
export const REFERENCE_ROWS = 20;

export interface CardRequest {
  modelBytes: Uint8Array;
  modelName: string;
  csvText: string;
  choices?: DraftChoices;
  /** A tape column holding the PD each loan must score (the data scientist's reference). */
  referenceColumn?: string;
  runtime?: RuntimeOptions;
}

export type CardOutcome =
  | ({ ok: true; card: Manifest; cardJson: string } & Pick<DraftResult, 'mappings' | 'defaultClass' | 'book'>)
  | ({ ok: false; problems: string[] } & Pick<DraftResult, 'mappings' | 'defaultClass' | 'book'>);

type Row = Manifest['referenceRows'][number]['loan'];

function referenceLoans(draft: CardDraft, tape: LoanTape): Row[] {
  const count = Math.min(REFERENCE_ROWS, tape.loanCount);
  return Array.from({ length: count }, (_, i) =>
    Object.fromEntries(
      draft.inputs.map((input) => {
        const value = input.type === 'string' ? tape.categories[input.column]![i]! : tape.numbers[input.column]![i]!;
        return [input.column, typeof value === 'number' && Number.isNaN(value) ? null : value];
      }),
    ),
  );
}

function expectedPds(tape: LoanTape, column: string, count: number): number[] | string {
  const values = tape.numbers[column];
  if (!values) return `The tape has no numeric column "${column}" of reference PDs.`;
  const pds = Array.from(values.subarray(0, count));
  const bad = pds.findIndex((p) => !(p >= 0 && p <= 1));
  return bad >= 0 ? `The reference PD column "${column}" has ${pds[bad]} on row ${bad + 1}: a probability lies between 0 and 1.` : pds;
}

export async function cardForModel(request: CardRequest): Promise<CardOutcome> {
  const { modelBytes, modelName, csvText, choices = {}, referenceColumn } = request;
  let inspection;
  try {
    inspection = inspectOnnx(modelBytes);
  } catch (e) {
    if (e instanceof OnnxFormatError) return { ok: false, problems: [`${modelName}: ${e.message}`], mappings: [], book: {} };
    throw e;
  }
  const sha256 = await sha256Hex(modelBytes);
  const drafted = draftCard({ name: modelName, sha256 }, inspection, tapeColumns(csvText), choices);
  const { mappings, defaultClass, book, draft } = drafted;
  if (!draft) return { ok: false, problems: drafted.problems, mappings, defaultClass, book };
  const specs = draft.inputs.map(inputColumnSpec);
  if (referenceColumn) specs.push({ column: referenceColumn, kind: 'number', description: 'reference PD', min: 0, max: 1 });
  const parsed = parseLoanTape(csvText, specs);
  if (!parsed.ok) return { ok: false, problems: parsed.issues.map((i) => i.message), mappings, defaultClass, book };
  const loans = referenceLoans(draft, parsed.tape);
  let pds: number[];
  let referenceSource: ReferenceSource;
  if (referenceColumn) {
    const expected = expectedPds(parsed.tape, referenceColumn, loans.length);
    if (typeof expected === 'string') return { ok: false, problems: [expected], mappings, defaultClass, book };
    pds = expected;
    referenceSource = { kind: 'tape-column', note: `tape column "${referenceColumn}": the PDs the model's owner expects` };
  } else {
    const session = await openScoringSession(modelBytes, draft, request.runtime);
    try {
      pds = Array.from(await session.scorePd(referenceInputs({ ...draft, referenceRows: loans.map((loan) => ({ loan, pd: 0 })) })));
    } catch (e) {
      if (e instanceof ModelVerificationError) return { ok: false, problems: [e.message], mappings, defaultClass, book };
      throw e;
    } finally {
      await session.release();
    }
    referenceSource = {
      kind: 'first-load',
      note: `recorded on first load in Riskdial, ${new Date().toISOString().slice(0, 10)}: pins this file and runtime; the model's owner has not confirmed these PDs`,
    };
  }
  const card = parseManifest({ ...draft, referenceRows: loans.map((loan, i) => ({ loan, pd: pds[i]! })), referenceSource });
  return { ok: true, card, cardJson: `${JSON.stringify(card, null, 2)}\n`, mappings, defaultClass, book };
}

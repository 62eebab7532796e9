/**
 * A model card drafted from an ONNX file and a loan tape, as the bring-your-own wizard and
 * `npm run score -- --model` make it: each graph input matched to a tape column (exact name, then
 * ignoring case, spaces, hyphens and underscores; the user names the rest), each input's missing-value
 * policy stated, the probability-of-default column chosen. The draft lists what it could not decide;
 * it is a card only when that list is empty.
 */
import type { GraphTensor, OnnxInspection } from '../onnx';
import type { BookColumns, TapeColumn } from '../portfolio';
import type { AssumptionChannel, Manifest, MissingPolicy, ModelInput } from './manifest';

export interface DraftChoices {
  /** Model input → tape column, where the names do not match. */
  map?: Readonly<Record<string, string>>;
  /** The tape columns, in order, of an [N,k] tensor input (by graph input name; '' for the only one). */
  features?: Readonly<Record<string, readonly string[]>>;
  /** Model input (or packed column) → what a blank cell becomes. */
  missing?: Readonly<Record<string, MissingPolicy>>;
  /** The class label that means default, where the graph's labels do not say. */
  defaultClass?: string;
  /** The columns the metrics read, where the tape's names are not found by themselves (a number: the same for every loan). */
  book?: Readonly<Partial<BookColumns>>;
  /** How the input levers reach this model: scale or shift named inputs; a lever left out does not move it. */
  levers?: Readonly<Partial<Record<InputLever, AssumptionChannel>>>;
}

/** The levers that act through a model's inputs (the rest act on any model's PD or on the metrics). */
export const INPUT_LEVERS = ['income-shock', 'rate-shock', 'utilization-shift'] as const;
export type InputLever = (typeof INPUT_LEVERS)[number];

/** How an input found its column. */
export type MatchedBy = 'exact' | 'loose' | 'chosen';

export interface InputMapping {
  input: string;
  column: string;
  matchedBy: MatchedBy;
}

/** The card without its reference rows: those come from a tape column of expected PDs, or a first run. */
export type CardDraft = Omit<Manifest, 'referenceRows'>;

export interface DraftResult {
  draft?: CardDraft;
  mappings: InputMapping[];
  /** The columns the metrics read, as far as they were found or chosen. */
  book: Partial<BookColumns>;
  /** The class whose probability is read as the PD, and whether the graph said so or it was assumed. */
  defaultClass?: { label: string; assumed: boolean };
  /** What stops a card, one sentence each, naming the input or output. */
  problems: string[];
}

const loose = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

/** The tape column for `name`: the same name, else the same ignoring case, spaces, hyphens and underscores. */
export function matchColumn(name: string, columns: readonly TapeColumn[]): { column: TapeColumn; matchedBy: MatchedBy } | undefined {
  const exact = columns.find((c) => c.name === name);
  if (exact) return { column: exact, matchedBy: 'exact' };
  const candidates = columns.filter((c) => loose(c.name) === loose(name));
  return candidates.length === 1 ? { column: candidates[0]!, matchedBy: 'loose' } : undefined;
}

const BAD_WORDS = /^(1|bad|default|defaulted|charged.?off|true|yes)$/i;

/** Which class is default: a label that says so (1, bad, default…), else the user's choice. */
function chooseDefaultClass(labels: string[] | null, chosen: string | undefined, problems: string[]) {
  if (chosen !== undefined) {
    if (labels && !labels.includes(chosen))
      problems.push(`The class "${chosen}" is not one of the model's classes (${labels.join(', ')}).`);
    return labels
      ? { label: chosen, assumed: false, column: labels.indexOf(chosen) }
      : { label: chosen, assumed: false, column: undefined };
  }
  if (!labels) return { label: 'the last column', assumed: true, column: undefined };
  const bad = labels.filter((l) => BAD_WORDS.test(l));
  if (bad.length === 1) return { label: bad[0]!, assumed: labels.length === 2 && bad[0] === '1', column: labels.indexOf(bad[0]!) };
  problems.push(`Say which of the model's classes (${labels.join(', ')}) means default.`);
  return undefined;
}

interface Resolved {
  inputs: ModelInput[];
  graphInputs: { name: string; features: string[] }[];
}

function missingPolicy(name: string, choices: DraftChoices, imputedInGraph: boolean): MissingPolicy {
  return choices.missing?.[name] ?? (imputedInGraph ? { policy: 'pass-nan' } : { policy: 'refuse' });
}

function columnInput(name: string, column: TapeColumn, type: 'float32' | 'string', missing: MissingPolicy): ModelInput {
  return {
    name,
    type,
    column: column.name,
    description: `tape column ${column.name}`,
    clampScenarioToTrainingRange: false,
    missing: type === 'string' ? { policy: 'refuse' } : missing,
  };
}

function resolveInputs(
  inspection: OnnxInspection,
  columns: readonly TapeColumn[],
  choices: DraftChoices,
  problems: string[],
  mappings: InputMapping[],
): Resolved {
  const resolved: Resolved = { inputs: [], graphInputs: [] };
  const tensors = inspection.inputs.filter((i): i is GraphTensor => i.kind === 'tensor');
  for (const other of inspection.inputs.filter((i) => i.kind !== 'tensor'))
    problems.push(`The model's input "${other.name}" is a ${other.kind}: Riskdial feeds tensors only.`);
  const byName = new Map(columns.map((c) => [c.name, c]));
  for (const tensor of tensors) {
    const type = tensor.elementType;
    if (type !== 'float32' && type !== 'string') {
      problems.push(`The model's input "${tensor.name}" takes ${type}; Riskdial feeds float32 numbers and strings.`);
      continue;
    }
    const width = tensor.shape[1];
    if (typeof width === 'number' && width > 1) {
      const listed = choices.features?.[tensor.name] ?? (tensors.length === 1 ? choices.features?.[''] : undefined);
      if (!listed) {
        problems.push(`The model's input "${tensor.name}" takes ${width} numbers per loan: list its ${width} tape columns in order.`);
        continue;
      }
      if (listed.length !== width)
        problems.push(`The model's input "${tensor.name}" takes ${width} columns, but ${listed.length} were listed.`);
      for (const name of listed) {
        const column = byName.get(name);
        if (!column) problems.push(`The tape has no column "${name}" (listed for "${tensor.name}").`);
        else if (column.kind !== 'number') problems.push(`The tape column "${name}" holds categories, but "${tensor.name}" takes numbers.`);
        else {
          resolved.inputs.push(columnInput(name, column, 'float32', missingPolicy(name, choices, false)));
          mappings.push({ input: `${tensor.name}[${listed.indexOf(name)}]`, column: name, matchedBy: 'chosen' });
        }
      }
      resolved.graphInputs.push({ name: tensor.name, features: [...listed] });
      continue;
    }
    const chosen = choices.map?.[tensor.name];
    const match =
      chosen !== undefined
        ? byName.has(chosen)
          ? { column: byName.get(chosen)!, matchedBy: 'chosen' as const }
          : undefined
        : matchColumn(tensor.name, columns);
    if (!match) {
      problems.push(
        chosen !== undefined
          ? `The tape has no column "${chosen}" (chosen for input "${tensor.name}").`
          : `No tape column matches the model's input "${tensor.name}": choose one.`,
      );
      continue;
    }
    const wanted = type === 'string' ? 'category' : 'number';
    if (match.column.kind !== wanted) {
      problems.push(
        `The model's input "${tensor.name}" takes ${type === 'string' ? 'categories (strings)' : 'numbers'}, but the tape column "${match.column.name}" holds ${match.column.kind === 'number' ? 'numbers' : 'categories'}.`,
      );
      continue;
    }
    resolved.inputs.push(
      columnInput(tensor.name, match.column, type, missingPolicy(tensor.name, choices, inspection.imputedInputs.includes(tensor.name))),
    );
    mappings.push({ input: tensor.name, column: match.column.name, matchedBy: match.matchedBy });
  }
  return resolved;
}

/** Names the metric columns go by on common tapes, Lending Club's first. */
const BOOK_NAMES = {
  exposure: ['funded_amnt', 'loan_amnt', 'loan_amount', 'amount', 'exposure', 'ead', 'principal'],
  ratePct: ['int_rate', 'interest_rate', 'rate', 'apr'],
  termMonths: ['term', 'term_months', 'tenor'],
  grade: ['sub_grade', 'grade', 'risk_grade', 'rating'],
  region: ['addr_state', 'state', 'region'],
} as const;

const WHAT = { exposure: 'the amount lent (exposure)', ratePct: 'the interest rate (% a year)', termMonths: 'the term (months)' } as const;

function findColumn(names: readonly string[], columns: readonly TapeColumn[], kind?: TapeColumn['kind']): TapeColumn | undefined {
  for (const name of names) {
    const match = matchColumn(name, columns);
    if (match && (!kind || match.column.kind === kind)) return match.column;
  }
  return undefined;
}

/** The metric columns: the user's choices, else found by name; the required ones missing are problems. */
function resolveBook(columns: readonly TapeColumn[], chosen: Partial<BookColumns>, problems: string[]): Partial<BookColumns> {
  const numeric = (key: 'exposure' | 'ratePct') =>
    chosen[key] ?? (findColumn(BOOK_NAMES[key], columns, 'number') && { column: findColumn(BOOK_NAMES[key], columns, 'number')!.name });
  const exposure = numeric('exposure');
  const ratePct = numeric('ratePct');
  const termColumn = findColumn(BOOK_NAMES.termMonths, columns);
  const asTerm = (c: TapeColumn) => ({ column: c.name, ...(c.kind === 'category' ? { text: true } : {}) });
  const chosenTerm = chosen.termMonths;
  // A chosen term column is read as the tape holds it: a number of months, or labels holding them.
  const chosenColumn =
    chosenTerm && 'column' in chosenTerm && chosenTerm.text === undefined ? columns.find((c) => c.name === chosenTerm.column) : undefined;
  const termMonths = (chosenColumn ? asTerm(chosenColumn) : chosenTerm) ?? (termColumn && asTerm(termColumn));
  const missing = (['exposure', 'ratePct', 'termMonths'] as const).filter((k) => !{ exposure, ratePct, termMonths }[k]);
  for (const key of missing) problems.push(`No tape column holds ${WHAT[key]}: choose one, or give one value for every loan.`);
  for (const [key, source] of Object.entries({ exposure, ratePct, termMonths })) {
    if (source && 'column' in source && !columns.some((c) => c.name === source.column))
      problems.push(`The tape has no column "${source.column}" (chosen for ${WHAT[key as keyof typeof WHAT]}).`);
  }
  const grade =
    chosen.grade ??
    (findColumn(BOOK_NAMES.grade, columns, 'category') && { column: findColumn(BOOK_NAMES.grade, columns, 'category')!.name });
  const region =
    chosen.region ??
    (findColumn(BOOK_NAMES.region, columns, 'category') && { column: findColumn(BOOK_NAMES.region, columns, 'category')!.name });
  // An outcome's bad values cannot be guessed from a name, except Lending Club's own "Class".
  const outcome = chosen.outcome ?? (columns.some((c) => c.name === 'Class') ? { column: 'Class', bad: ['bad'] } : undefined);
  return {
    ...(exposure ? { exposure } : {}),
    ...(ratePct ? { ratePct } : {}),
    ...(termMonths ? { termMonths } : {}),
    ...(grade ? { grade: grade.column === 'sub_grade' && !chosen.grade ? { ...grade, subGradeLetter: true } : grade } : {}),
    ...(region ? { region } : {}),
    ...(outcome ? { outcome } : {}),
    ...(chosen.state ? { state: chosen.state } : {}),
  };
}

export function draftCard(
  file: { name: string; sha256: string },
  inspection: OnnxInspection,
  columns: readonly TapeColumn[],
  choices: DraftChoices = {},
): DraftResult {
  const problems: string[] = [];
  const mappings: InputMapping[] = [];
  const { inputs, graphInputs } = resolveInputs(inspection, columns, choices, problems, mappings);
  const book = resolveBook(columns, choices.book ?? {}, problems);
  const probability = inspection.probabilities[0];
  if (!probability) {
    const labels = inspection.labelOutputs.length ? ` (only class labels: ${inspection.labelOutputs.join(', ')})` : '';
    problems.push(`The model has no probability output${labels}: Riskdial needs the probability of default, not a label or a score.`);
  }
  for (const [lever, channel] of Object.entries(choices.levers ?? {})) {
    const named = channel && 'inputs' in channel ? channel.inputs : [];
    for (const name of named)
      if (!inputs.some((i) => i.name === name))
        problems.push(`The lever "${lever}" is bound to "${name}", which is not an input of this model.`);
  }
  const defaultClass = probability ? chooseDefaultClass(probability.classLabels, choices.defaultClass, problems) : undefined;
  const result: DraftResult = {
    mappings,
    book,
    problems,
    defaultClass: defaultClass && { label: defaultClass.label, assumed: defaultClass.assumed },
  };
  const complete = (b: Partial<BookColumns>): b is BookColumns => Boolean(b.exposure && b.ratePct && b.termMonths);
  if (problems.length || !probability || !defaultClass || !complete(book)) return result;
  const stem = file.name.replace(/\.onnx$/i, '');
  result.draft = {
    schemaVersion: 1,
    name: stem,
    // The owner's version is not in the file; the SHA-256 identifies it.
    version: 'unversioned',
    description: `${stem}, a model brought to Riskdial${inspection.producer ? ` (made by ${inspection.producer})` : ''}.`,
    model: {
      file: file.name,
      sha256: file.sha256,
      output: {
        name: probability.tensor,
        description: `probability of class ${defaultClass.label}${probability.zipMapOutput ? ` (read before the converter's ZipMap "${probability.zipMapOutput}")` : ''}`,
        ...(defaultClass.column !== undefined && defaultClass.column >= 0 ? { defaultColumn: defaultClass.column } : {}),
        ...(probability.classLabels ? { defaultClass: defaultClass.label } : {}),
      },
      ...(graphInputs.length ? { graphInputs } : {}),
      ...(inspection.producer ? { producer: inspection.producer } : {}),
    },
    inputs,
    bookColumns: book,
    // The unemployment lever reaches any model's PD through the systematic factor; the rest bind to inputs in the wizard.
    assumptions: [
      ...INPUT_LEVERS.map((id) => ({
        id,
        channel: choices.levers?.[id] ?? { kind: 'none' as const, reason: 'bound to no input of this model' },
      })),
      {
        id: 'unemployment-change',
        channel: {
          kind: 'systematic-factor',
          factorSdPerPoint: 0.35,
          reference: 'Vasicek (2002) single-factor model with the Basel other-retail asset correlation; docs/assumptions.md',
        },
      },
      { id: 'lgd', channel: { kind: 'loss-given-default' } },
      { id: 'cutoff', channel: { kind: 'approval-cutoff' } },
    ],
  };
  return result;
}

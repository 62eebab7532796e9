/**
 * The command line's words for a card's choices: `--exposure|--rate|--term COLUMN|NUMBER`, `--grade COLUMN`,
 * `--region COLUMN`, `--outcome COLUMN=BAD[,BAD]`, `--map INPUT=COLUMN`, `--features COL,COL,…`,
 * `--fill INPUT=VALUE|nan`, `--default-class LABEL`, `--lever ID=scale:INPUT[+INPUT]` or
 * `--lever ID=shift:INPUT[+INPUT]:UNITS_PER_STEP`. Each malformed flag is named with what was expected.
 */
import { INPUT_LEVERS, type DraftChoices, type InputLever } from './card-draft';
import type { BookColumns } from '../portfolio';
import type { AssumptionChannel, MissingPolicy } from './manifest';

export interface CardFlags {
  /** The book's columns: a column name, or a number for every loan (exposure, rate, term). */
  exposure?: string;
  rate?: string;
  term?: string;
  grade?: string;
  region?: string;
  /** COLUMN=BAD[,BAD…]: the observed outcome and the values that mean bad. */
  outcome?: string;
  /** The book's state today under the tape's names. */
  balance?: string;
  monthsOnBook?: string;
  daysPastDue?: string;
  originationPd?: string;
  map?: readonly string[];
  features?: string;
  fill?: readonly string[];
  defaultClass?: string;
  lever?: readonly string[];
}

function pair(flag: string, text: string, errors: string[]): [string, string] | undefined {
  const at = text.indexOf('=');
  if (at <= 0 || at === text.length - 1) {
    errors.push(`--${flag} ${text}: expected NAME=VALUE.`);
    return undefined;
  }
  return [text.slice(0, at), text.slice(at + 1)];
}

function fillPolicy(input: string, value: string, errors: string[]): MissingPolicy | undefined {
  if (value.toLowerCase() === 'nan') return { policy: 'pass-nan' };
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) {
    errors.push(`--fill ${input}=${value}: expected a number to put in blank cells, or "nan" to pass them to the model as NaN.`);
    return undefined;
  }
  return { policy: 'fill', value: number };
}

function leverChannel(id: string, spec: string, errors: string[]): AssumptionChannel | undefined {
  const [kind, inputs, units] = spec.split(':');
  const names = (inputs ?? '').split('+').filter(Boolean);
  if (!(INPUT_LEVERS as readonly string[]).includes(id)) {
    errors.push(`--lever ${id}=…: "${id}" is not a lever that acts through a model's inputs (${INPUT_LEVERS.join(', ')}).`);
  } else if (kind === 'scale' && names.length && units === undefined) {
    return { kind: 'scale-inputs', inputs: names };
  } else if (kind === 'shift' && names.length && units !== undefined && Number.isFinite(Number(units)) && units !== '') {
    return { kind: 'shift-inputs', inputs: names, inputUnitsPerStep: Number(units) };
  } else {
    errors.push(`--lever ${id}=${spec}: expected scale:INPUT[+INPUT] or shift:INPUT[+INPUT]:UNITS_PER_STEP.`);
  }
  return undefined;
}

/** A column, or a number for every loan. */
const columnOrConstant = (text: string): { column: string } | { constant: number } =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? { constant: Number(text) } : { column: text };

function bookChoices(flags: CardFlags, errors: string[]): Partial<BookColumns> {
  const book: Partial<BookColumns> = {};
  if (flags.exposure !== undefined) book.exposure = columnOrConstant(flags.exposure);
  if (flags.rate !== undefined) book.ratePct = columnOrConstant(flags.rate);
  if (flags.term !== undefined) {
    const term = columnOrConstant(flags.term);
    if ('constant' in term && !(Number.isInteger(term.constant) && term.constant >= 1 && term.constant <= 600)) {
      errors.push(`--term ${flags.term}: expected a column, or a whole number of months from 1 to 600.`);
    } else book.termMonths = term;
  }
  if (flags.grade) book.grade = { column: flags.grade };
  if (flags.region) book.region = { column: flags.region };
  if (flags.outcome !== undefined) {
    const kv = pair('outcome', flags.outcome, errors);
    if (kv) book.outcome = { column: kv[0], bad: kv[1].split(',').map((v) => v.trim()) };
  }
  const state = Object.fromEntries(
    (['balance', 'monthsOnBook', 'daysPastDue', 'originationPd'] as const).flatMap((k) => (flags[k] ? [[k, flags[k]]] : [])),
  );
  if (Object.keys(state).length) book.state = state;
  return book;
}

export function draftChoicesFromFlags(flags: CardFlags): { choices: DraftChoices; errors: string[] } {
  const errors: string[] = [];
  const book = bookChoices(flags, errors);
  const map: Record<string, string> = {};
  for (const text of flags.map ?? []) {
    const kv = pair('map', text, errors);
    if (kv) map[kv[0]] = kv[1];
  }
  const missing: Record<string, MissingPolicy> = {};
  for (const text of flags.fill ?? []) {
    const kv = pair('fill', text, errors);
    const policy = kv && fillPolicy(kv[0], kv[1], errors);
    if (kv && policy) missing[kv[0]] = policy;
  }
  const levers: Partial<Record<InputLever, AssumptionChannel>> = {};
  for (const text of flags.lever ?? []) {
    const kv = pair('lever', text, errors);
    const channel = kv && leverChannel(kv[0], kv[1], errors);
    if (kv && channel) levers[kv[0] as InputLever] = channel;
  }
  const features = flags.features?.split(',').map((c) => c.trim());
  if (features?.some((c) => c === '')) errors.push(`--features ${flags.features}: expected tape column names separated by commas.`);
  return {
    choices: {
      map,
      missing,
      levers,
      ...(Object.keys(book).length ? { book } : {}),
      ...(features ? { features: { '': features } } : {}),
      ...(flags.defaultClass ? { defaultClass: flags.defaultClass } : {}),
    },
    errors,
  };
}

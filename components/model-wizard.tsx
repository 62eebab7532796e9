'use client';

import { useEffect, useRef, useState } from 'react';
import type { AssumptionChannel, DraftChoices, InputMapping, MissingPolicy } from '@/lib/model';
import type { GraphTensor, GraphValue } from '@/lib/onnx';
import type { BookColumns, ColumnOrConstant, TapeColumn } from '@/lib/portfolio';
import { Button } from './ui/button';
import { Card } from './ui/card';

type Policy = MissingPolicy['policy'];
type Units = 'percent' | 'fraction';

/** The levers that act through a model's input: how each binds, in the units the tape's column is in. */
const INPUT_LEVERS = [
  { id: 'income-shock', label: 'Income shock (scales the input)', kind: 'scale' },
  { id: 'rate-shock', label: 'Interest-rate shock (shifts the input)', kind: 'shift', perStep: { percent: 0.01, fraction: 0.0001 } },
  { id: 'utilization-shift', label: 'Utilisation shift (shifts the input)', kind: 'shift', perStep: { percent: 1, fraction: 0.01 } },
] as const;
type LeverId = (typeof INPUT_LEVERS)[number]['id'];

export interface WizardProps {
  modelName: string;
  /** What stops the model now (none when adjusting a model in use). */
  problems: string[];
  graph: { inputs: GraphValue[]; classLabels: string[] | null; producer: string };
  columns: TapeColumn[];
  mappings: InputMapping[];
  defaultClass?: { label: string; assumed: boolean };
  /** The columns the metrics read, as far as they were found. */
  book: Partial<BookColumns>;
  /** The choices the model was last sent with. */
  initial: DraftChoices;
  onApply: (choices: DraftChoices, referenceColumn?: string) => void;
  onCancel?: () => void;
}

const isTensor = (v: GraphValue): v is GraphTensor => v.kind === 'tensor';
const width = (t: GraphTensor) => (typeof t.shape[1] === 'number' ? t.shape[1] : 1);
const split = (text: string) =>
  text
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);

function leverState(lever: (typeof INPUT_LEVERS)[number], channel: AssumptionChannel | undefined): { input: string; units: Units } {
  if (channel?.kind === 'scale-inputs') return { input: channel.inputs[0] ?? '', units: 'percent' };
  if (channel?.kind === 'shift-inputs' && 'perStep' in lever) {
    return { input: channel.inputs[0] ?? '', units: channel.inputUnitsPerStep === lever.perStep.fraction ? 'fraction' : 'percent' };
  }
  return { input: '', units: 'percent' };
}

/** Matches a brought model's inputs to the tape's columns, states missing-value policies, the default class and the levers. */
export function ModelWizard({
  modelName,
  problems,
  graph,
  columns,
  mappings,
  defaultClass,
  book,
  initial,
  onApply,
  onCancel,
}: WizardProps) {
  const inputs = graph.inputs.filter(isTensor);
  const packed = inputs.filter((t) => width(t) > 1);
  const single = inputs.filter((t) => width(t) <= 1);
  const [columnFor, setColumnFor] = useState<Record<string, string>>(() =>
    Object.fromEntries(single.map((t) => [t.name, initial.map?.[t.name] ?? mappings.find((m) => m.input === t.name)?.column ?? ''])),
  );
  const [features, setFeatures] = useState<Record<string, string>>(() =>
    Object.fromEntries(packed.map((t) => [t.name, (initial.features?.[t.name] ?? initial.features?.[''] ?? []).join(', ')])),
  );
  const [missing, setMissing] = useState<Record<string, { policy: Policy; value: string }>>(() =>
    Object.fromEntries(
      inputs.map((t) => {
        const first = width(t) > 1 ? (initial.features?.[t.name] ?? initial.features?.[''] ?? [])[0] : t.name;
        const known = first ? initial.missing?.[first] : undefined;
        return [t.name, { policy: known?.policy ?? 'refuse', value: known?.policy === 'fill' ? String(known.value) : '' }];
      }),
    ),
  );
  const [chosenClass, setChosenClass] = useState(initial.defaultClass ?? defaultClass?.label ?? '');
  const [levers, setLevers] = useState(
    () =>
      Object.fromEntries(INPUT_LEVERS.map((l) => [l.id, leverState(l, initial.levers?.[l.id])])) as Record<
        LeverId,
        { input: string; units: Units }
      >,
  );
  const [referenceColumn, setReferenceColumn] = useState('');
  const [bookChoice, setBookChoice] = useState<BookChoice>(() => bookState({ ...book, ...initial.book }));
  const card = useRef<HTMLElement>(null);
  // Opened from the model panel below the figures, or on a refusal: either way it is what needs the user now.
  useEffect(() => {
    card.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  const numericColumns = columns.filter((c) => c.kind === 'number');
  const numericInputs = [
    ...single.filter((t) => t.elementType === 'float32').map((t) => t.name),
    ...packed.flatMap((t) => split(features[t.name] ?? '')),
  ];

  const apply = () => {
    const choices: DraftChoices = { map: {}, features: {}, missing: {}, levers: {} };
    for (const t of single) {
      const column = columnFor[t.name];
      const auto = mappings.find((m) => m.input === t.name && m.matchedBy !== 'chosen')?.column;
      if (column && column !== auto) (choices.map as Record<string, string>)[t.name] = column;
    }
    const policyOf = (name: string): MissingPolicy | undefined => {
      const m = missing[name]!;
      if (m.policy === 'fill')
        return Number.isFinite(Number(m.value)) && m.value.trim() !== '' ? { policy: 'fill', value: Number(m.value) } : undefined;
      return { policy: m.policy };
    };
    for (const t of inputs) {
      if (t.elementType === 'string') continue;
      const names = width(t) > 1 ? split(features[t.name] ?? '') : [t.name];
      const policy = policyOf(t.name);
      for (const name of names) if (policy) (choices.missing as Record<string, MissingPolicy>)[name] = policy;
      if (width(t) > 1) (choices.features as Record<string, string[]>)[t.name] = names;
    }
    for (const lever of INPUT_LEVERS) {
      const { input, units } = levers[lever.id];
      if (!input) continue;
      const channel: AssumptionChannel =
        lever.kind === 'scale'
          ? { kind: 'scale-inputs', inputs: [input] }
          : { kind: 'shift-inputs', inputs: [input], inputUnitsPerStep: lever.perStep[units] };
      (choices.levers as Record<string, AssumptionChannel>)[lever.id] = channel;
    }
    if (chosenClass) choices.defaultClass = chosenClass;
    choices.book = bookColumnsFrom(bookChoice, book);
    onApply(choices, referenceColumn || undefined);
  };

  const select = 'mt-0.5 w-full rounded-md border border-slate-300 bg-white px-1.5 py-1 text-sm';
  return (
    <Card className="p-4" data-testid="model-wizard" ref={card}>
      <h2 className="text-base font-semibold text-slate-800">Match {modelName} to the loan tape</h2>
      <p className="text-sm text-slate-500">
        {graph.producer ? `Made by ${graph.producer}. ` : ''}
        {inputs.length} input(s). Names that match a tape column are matched already; choose the rest.
      </p>
      {problems.length > 0 && (
        <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-warning-fg" data-testid="model-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="mt-3 grid grid-cols-1 gap-x-6 gap-y-3 text-sm lg:grid-cols-2">
        {inputs.map((t) => (
          <fieldset key={t.name} className="rounded-md border border-slate-200 p-2">
            <legend className="px-1 font-mono text-xs text-slate-700">
              {t.name} · {t.elementType}[{t.shape.join(',')}]
            </legend>
            {width(t) > 1 ? (
              <label className="block text-xs text-slate-600">
                Its {width(t)} tape columns, in the model&rsquo;s order, separated by commas
                <textarea
                  className={`${select} font-mono text-xs`}
                  rows={2}
                  value={features[t.name]}
                  onChange={(e) => setFeatures({ ...features, [t.name]: e.target.value })}
                  data-testid={`map-${t.name}`}
                />
                <span className="mt-0.5 block">The tape&rsquo;s numeric columns: {numericColumns.map((c) => c.name).join(', ')}</span>
              </label>
            ) : (
              <label className="block text-xs text-slate-600">
                Tape column
                <select
                  className={select}
                  value={columnFor[t.name]}
                  onChange={(e) => setColumnFor({ ...columnFor, [t.name]: e.target.value })}
                  data-testid={`map-${t.name}`}
                >
                  <option value="">— choose —</option>
                  <ColumnOptions
                    columns={columns.filter((c) => (t.elementType === 'string' ? c.kind === 'category' : c.kind === 'number'))}
                  />
                </select>
              </label>
            )}
            {t.elementType !== 'string' && (
              <div className="mt-1 flex gap-2">
                <label className="block flex-1 text-xs text-slate-600">
                  A blank cell
                  <select
                    className={select}
                    value={missing[t.name]!.policy}
                    onChange={(e) => setMissing({ ...missing, [t.name]: { ...missing[t.name]!, policy: e.target.value as Policy } })}
                    data-testid={`missing-${t.name}`}
                  >
                    <option value="refuse">is refused (row named)</option>
                    <option value="pass-nan">goes to the model as NaN</option>
                    <option value="fill">is filled with…</option>
                  </select>
                </label>
                {missing[t.name]!.policy === 'fill' && (
                  <label className="block w-28 text-xs text-slate-600">
                    Value
                    <input
                      className={select}
                      inputMode="decimal"
                      value={missing[t.name]!.value}
                      onChange={(e) => setMissing({ ...missing, [t.name]: { ...missing[t.name]!, value: e.target.value } })}
                      data-testid={`fill-${t.name}`}
                    />
                  </label>
                )}
              </div>
            )}
          </fieldset>
        ))}
      </div>
      <BookFields value={bookChoice} onChange={setBookChoice} columns={columns} />
      <div className="mt-3 grid grid-cols-1 gap-3 text-xs text-slate-600 lg:grid-cols-3">
        <label className="block">
          The class that means default
          <select className={select} value={chosenClass} onChange={(e) => setChosenClass(e.target.value)} data-testid="default-class">
            {(graph.classLabels ?? [chosenClass]).map((l) => (
              <option key={l} value={l}>
                class {l}
              </option>
            ))}
          </select>
          {defaultClass?.assumed && (
            <span className="mt-0.5 block">Class {defaultClass.label} was assumed (labels 0 and 1): confirm it.</span>
          )}
        </label>
        {INPUT_LEVERS.map((lever) => (
          <label key={lever.id} className="block">
            {lever.label}
            <select
              className={select}
              value={levers[lever.id].input}
              onChange={(e) => setLevers({ ...levers, [lever.id]: { ...levers[lever.id], input: e.target.value } })}
              data-testid={`lever-${lever.id}`}
            >
              <option value="">does not move this model</option>
              {numericInputs.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            {lever.kind === 'shift' && levers[lever.id].input && (
              <select
                className={select}
                value={levers[lever.id].units}
                onChange={(e) => setLevers({ ...levers, [lever.id]: { ...levers[lever.id], units: e.target.value as Units } })}
                data-testid={`lever-${lever.id}-units`}
              >
                <option value="percent">the column is in % (12.5)</option>
                <option value="fraction">the column is a fraction (0.125)</option>
              </select>
            )}
          </label>
        ))}
        <label className="block">
          Expected PDs to verify against (optional)
          <select
            className={select}
            value={referenceColumn}
            onChange={(e) => setReferenceColumn(e.target.value)}
            data-testid="reference-column"
          >
            <option value="">none: pin this first run</option>
            <ColumnOptions columns={numericColumns} />
          </select>
        </label>
      </div>
      <div className="mt-3 flex gap-2">
        <Button onClick={apply} data-testid="model-apply">
          Use this model
        </Button>
        {onCancel && (
          <Button variant="quiet" onClick={onCancel} data-testid="model-wizard-cancel">
            Cancel
          </Button>
        )}
      </div>
    </Card>
  );
}

/** The book's columns as the form holds them: a column, or (exposure, rate, term) one value for every loan. */
interface SourceField {
  column: string;
  constant: string;
}
const STATE_FIELDS = [
  { key: 'balance', label: 'Outstanding balance today' },
  { key: 'monthsOnBook', label: 'Months on book' },
  { key: 'daysPastDue', label: 'Days past due' },
  { key: 'originationPd', label: 'PD at origination' },
] as const;
type StateKey = (typeof STATE_FIELDS)[number]['key'];

interface BookChoice {
  state: Record<StateKey, string>;
  exposure: SourceField;
  ratePct: SourceField;
  termMonths: SourceField;
  grade: string;
  region: string;
  outcome: string;
  bad: string;
}

const field = (source: ColumnOrConstant | undefined): SourceField =>
  source === undefined
    ? { column: '', constant: '' }
    : 'column' in source
      ? { column: source.column, constant: '' }
      : { column: '', constant: String(source.constant) };

function bookState(book: Partial<BookColumns>): BookChoice {
  return {
    state: { balance: '', monthsOnBook: '', daysPastDue: '', originationPd: '', ...book.state },
    exposure: field(book.exposure),
    ratePct: field(book.ratePct),
    termMonths: field(book.termMonths),
    grade: book.grade?.column ?? '',
    region: book.region?.column ?? '',
    outcome: book.outcome?.column ?? '',
    bad: book.outcome?.bad.join(', ') ?? '',
  };
}

/** The form as book columns; a field left empty is left to the engine to find (and to say if it cannot). */
function bookColumnsFrom(choice: BookChoice, found: Partial<BookColumns>): Partial<BookColumns> {
  const source = (f: SourceField): ColumnOrConstant | undefined =>
    f.column
      ? { column: f.column }
      : f.constant.trim() !== '' && Number.isFinite(Number(f.constant))
        ? { constant: Number(f.constant) }
        : undefined;
  const book: Partial<BookColumns> = {};
  const exposure = source(choice.exposure);
  const rate = source(choice.ratePct);
  const term = source(choice.termMonths);
  if (exposure) book.exposure = exposure;
  if (rate) book.ratePct = rate;
  if (term) book.termMonths = 'constant' in term ? { constant: Math.round(term.constant) } : term;
  // The grade found by name keeps how it is read (Lending Club's sub-grade by its letter).
  if (choice.grade) book.grade = found.grade?.column === choice.grade ? found.grade : { column: choice.grade };
  if (choice.region) book.region = { column: choice.region };
  const bad = split(choice.bad);
  if (choice.outcome && bad.length) book.outcome = { column: choice.outcome, bad };
  const state = Object.fromEntries(Object.entries(choice.state).filter(([, column]) => column));
  if (Object.keys(state).length) book.state = state;
  return book;
}

const BOOK_FIELDS = [
  { key: 'exposure', label: 'Amount lent (exposure), USD', every: 'amount' },
  { key: 'ratePct', label: 'Interest rate, % a year', every: 'rate' },
  { key: 'termMonths', label: 'Term, months', every: 'term' },
] as const;

function BookFields({ value, onChange, columns }: { value: BookChoice; onChange: (v: BookChoice) => void; columns: TapeColumn[] }) {
  const select = 'mt-0.5 w-full rounded-md border border-slate-300 bg-white px-1.5 py-1 text-sm';
  const categories = columns.filter((c) => c.kind === 'category');
  const optional = (key: 'grade' | 'region' | 'outcome', label: string) => (
    <label className="block">
      {label}
      <select
        className={select}
        value={value[key]}
        onChange={(e) => onChange({ ...value, [key]: e.target.value })}
        data-testid={`book-${key}`}
      >
        <option value="">none</option>
        <ColumnOptions columns={categories} />
      </select>
    </label>
  );
  return (
    <fieldset className="mt-3 rounded-md border border-slate-200 p-2 text-xs text-slate-600">
      <legend className="px-1 text-sm font-medium text-slate-700">
        The book&rsquo;s columns: what the figures read, whatever the model
      </legend>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-3">
        {BOOK_FIELDS.map(({ key, label, every }) => (
          <div key={key}>
            <label className="block">
              {label}
              <select
                className={select}
                value={value[key].column}
                onChange={(e) => onChange({ ...value, [key]: { ...value[key], column: e.target.value } })}
                data-testid={`book-${key}`}
              >
                <option value="">the same {every} for every loan…</option>
                <ColumnOptions columns={columns.filter((c) => key === 'termMonths' || c.kind === 'number')} />
              </select>
            </label>
            {!value[key].column && (
              <input
                className={select}
                inputMode="decimal"
                placeholder={`one ${every} for every loan`}
                value={value[key].constant}
                onChange={(e) => onChange({ ...value, [key]: { ...value[key], constant: e.target.value } })}
                data-testid={`book-${key}-constant`}
              />
            )}
          </div>
        ))}
        {optional('grade', 'Risk grade (segments)')}
        {optional('region', 'Region (segments)')}
        {STATE_FIELDS.map(({ key, label }) => (
          <label key={key} className="block">
            {label} (optional)
            <select
              className={select}
              value={value.state[key]}
              onChange={(e) => onChange({ ...value, state: { ...value.state, [key]: e.target.value } })}
              data-testid={`book-${key}`}
            >
              <option value="">by its own name, if the tape has it</option>
              <ColumnOptions columns={columns.filter((c) => c.kind === 'number')} />
            </select>
          </label>
        ))}
        <div>
          {optional('outcome', 'Observed outcome (optional)')}
          {value.outcome && (
            <input
              className={select}
              placeholder="values that mean bad, e.g. bad, 1"
              value={value.bad}
              onChange={(e) => onChange({ ...value, bad: e.target.value })}
              data-testid="book-outcome-bad"
            />
          )}
        </div>
      </div>
    </fieldset>
  );
}

/** One option per tape column, by name. */
function ColumnOptions({ columns }: { columns: readonly TapeColumn[] }) {
  return columns.map((c) => (
    <option key={c.name} value={c.name}>
      {c.name}
    </option>
  ));
}

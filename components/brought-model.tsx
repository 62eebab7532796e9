import type { InputMapping, ReferenceSource } from '@/lib/model';
import type { BookColumns, ColumnOrConstant } from '@/lib/portfolio';
import { Button } from './ui/button';
import { Card } from './ui/card';

const HOW: Record<InputMapping['matchedBy'], string> = { exact: 'same name', loose: 'name matched loosely', chosen: 'chosen' };

/** "12 by the same name, 3 chosen". */
const countBy = (mappings: InputMapping[]) =>
  (['exact', 'loose', 'chosen'] as const)
    .map((how) => [how, mappings.filter((m) => m.matchedBy === how).length] as const)
    .filter(([, n]) => n > 0)
    .map(([how, n]) => `${n} ${how === 'exact' ? 'by the same name' : how === 'loose' ? 'by a loosely matching name' : 'chosen'}`)
    .join(', ');

/** A model the user brought, in use: its hash, what verified it, how its inputs were matched and which levers move it. */
export function BroughtModelPanel({
  name,
  sha256,
  referenceSource,
  selfTestRows,
  mappings,
  defaultClass,
  inertLevers,
  book,
  onAdjust,
}: {
  name: string;
  sha256: string;
  referenceSource?: ReferenceSource;
  selfTestRows: number;
  /** Absent when the model came with its own card. */
  mappings?: InputMapping[];
  defaultClass?: { label: string; assumed: boolean };
  inertLevers: string[];
  /** The columns the figures read, where the card says (a drafted card always does). */
  book?: Partial<BookColumns>;
  onAdjust?: () => void;
}) {
  const pinnedOnly = referenceSource?.kind === 'first-load';
  return (
    <Card className="p-4" data-testid="brought-model">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-800">Your model: {name}</h2>
        {onAdjust && (
          <Button variant="quiet" onClick={onAdjust} data-testid="model-adjust">
            Adjust the mapping
          </Button>
        )}
      </div>
      <p className="mt-1 break-all font-mono text-xs text-slate-600" data-testid="brought-model-sha256">
        SHA-256 {sha256}
      </p>
      <p className={`mt-1 text-sm ${pinnedOnly ? 'text-warning-fg' : 'text-slate-600'}`} data-testid="brought-model-verification">
        {pinnedOnly
          ? `Not verified against its owner's PDs: its ${selfTestRows} reference loans were scored on this first load, so later loads check the same file gives the same PDs. Choose a tape column of expected PDs to verify it.`
          : `Verified: its ${selfTestRows} reference loans score the PDs of ${referenceSource?.note ?? 'its card'} to within 1e-5.`}
      </p>
      {defaultClass && (
        <p className="mt-1 text-sm text-slate-600" data-testid="brought-model-default-class">
          PD = the probability of class {defaultClass.label}
          {defaultClass.assumed ? ' (assumed from the labels 0 and 1: adjust if class 0 means default)' : ''}.
        </p>
      )}
      {inertLevers.length > 0 && (
        <p className="mt-1 text-sm text-slate-600" data-testid="brought-model-inert-levers">
          Do not move this model&rsquo;s PD: {inertLevers.join(', ')}. Unemployment moves any model&rsquo;s PD; LGD and the cut-off act on
          the figures.
        </p>
      )}
      {book && (
        <p className="mt-1 text-sm text-slate-600" data-testid="brought-model-book">
          The figures read: {bookSentence(book)}.
        </p>
      )}
      {mappings && mappings.length > 0 && (
        <details className="mt-2 text-sm text-slate-600">
          <summary className="cursor-pointer">
            {mappings.length} input(s) matched to tape columns: {countBy(mappings)}
          </summary>
          <table className="figure mt-1 w-full text-xs" data-testid="brought-model-mappings">
            <thead className="text-left text-slate-500">
              <tr className="border-b border-slate-200">
                <th className="py-0.5 font-medium">Model input</th>
                <th className="py-0.5 font-medium">Tape column</th>
                <th className="py-0.5 font-medium">How</th>
              </tr>
            </thead>
            <tbody>
              {mappings.map((m) => (
                <tr key={m.input} className="border-b border-slate-100 last:border-0">
                  <td className="py-0.5 font-mono">{m.input}</td>
                  <td className="py-0.5 font-mono">{m.column}</td>
                  <td className="py-0.5">{HOW[m.matchedBy]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </Card>
  );
}

const source = (s: ColumnOrConstant | undefined, unit: string) =>
  s === undefined ? 'not found' : 'column' in s ? s.column : `${s.constant}${unit} for every loan`;

/** "exposure loan_amount, rate 12% for every loan, term loan_term, grade risk_band, outcome Class (bad: bad)". */
function bookSentence(book: Partial<BookColumns>): string {
  return [
    `exposure ${source(book.exposure, ' USD')}`,
    `rate ${source(book.ratePct, '%')}`,
    `term ${source(book.termMonths, ' months')}`,
    book.grade ? `grade ${book.grade.column}` : 'no grade',
    book.region ? `region ${book.region.column}` : 'no region',
    book.outcome ? `outcome ${book.outcome.column} (bad: ${book.outcome.bad.join(', ')})` : 'no observed outcome',
  ].join(', ');
}

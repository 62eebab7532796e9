import { formatInteger } from '@/components/format';
import { LoanPanel } from '@/components/loan-panel';
import { Button } from '@/components/ui/button';
import type { Focus, LoanLine, LoanView } from '@/lib/engine';
import { sameAssumptions, ASSUMPTIONS, type Assumptions } from '@/lib/scenario';
import { focusKey } from './figures-view';

const KIND_WORDS: Record<Focus['kind'], string> = { grade: 'Grade', term: 'Term', state: 'State' };

/** The segment's name as the page says it: "Grade B", "Term 60 months", "State CA". */
export const focusName = (focus: Focus): string => `${KIND_WORDS[focus.kind]} ${focus.label}`;

/** Above the figures while drilled into a segment: which, how many loans, and the way back. */
export function DrillBanner({
  focus,
  loans,
  bookLoans,
  onWholeBook,
}: {
  focus: Focus;
  /** The segment's loans, once its figures are on show. */
  loans?: number;
  bookLoans?: number;
  onWholeBook: () => void;
}) {
  return (
    <div
      className="flex flex-wrap items-center justify-between gap-2 rounded-xl border border-indigo-300 bg-indigo-50 px-4 py-2 text-sm text-indigo-950"
      data-testid="drill-banner"
      role="status"
    >
      <p>
        <strong>{focusName(focus)} only</strong>
        {loans !== undefined && bookLoans !== undefined && (
          <>
            : {formatInteger(loans)} of the book’s {formatInteger(bookLoans)} loans
          </>
        )}
        . Every figure below is for these loans alone.
      </p>
      <Button onClick={onWholeBook} data-testid="drill-clear">
        Back to the whole book
      </Button>
    </div>
  );
}

type Answer =
  | { assumptions: Assumptions; focus?: Focus; largest: LoanLine[]; view?: LoanView }
  | { assumptions: Assumptions; focus?: Focus; failed: string };

const leverLabel = (id: string) => ASSUMPTIONS.find((a) => a.id === id)?.label ?? id;

/** The segment's largest loans and the one chosen, from the worker's answer; dimmed while it answers other levers or another segment. */
export function LoanSection({
  focus,
  answer,
  assumptions,
  chosen,
  onChoose,
}: {
  focus: Focus;
  answer?: Answer;
  assumptions: Assumptions;
  chosen?: number;
  onChoose: (loan: number | undefined) => void;
}) {
  const current = answer && focusKey(answer.focus) === focusKey(focus) && sameAssumptions(answer.assumptions, assumptions);
  const ok = answer && 'largest' in answer && focusKey(answer.focus) === focusKey(focus) ? answer : undefined;
  const view = ok?.view;
  return (
    <LoanPanel
      where={focusName(focus)}
      {...(ok ? { largest: ok.largest } : {})}
      {...(view
        ? { detail: { ...view, levers: view.levers.map((l) => ({ label: leverLabel(l.lever), contribution: l.contribution })) } }
        : {})}
      {...(chosen !== undefined ? { chosen } : {})}
      onChoose={onChoose}
      stale={!current || (chosen !== undefined && view?.loan !== chosen)}
      {...(answer && 'failed' in answer ? { failed: answer.failed } : {})}
    />
  );
}

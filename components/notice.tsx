import type { ReactNode } from 'react';

export interface IssueRow {
  row: number | null;
  column: string | null;
  value: string | null;
  message: string;
}

/** A problem the user must see: a failed model check (figures withheld) or a refused file. */
export function Notice({
  tone,
  title,
  children,
  testId,
}: {
  tone: 'error' | 'warning';
  title: string;
  children: ReactNode;
  testId: string;
}) {
  const colors = tone === 'error' ? 'border-rose-300 bg-rose-50 text-rose-900' : 'border-amber-300 bg-amber-50 text-amber-900';
  return (
    <section role="alert" className={`rounded-xl border p-4 ${colors}`} data-testid={testId}>
      <h2 className="text-base font-semibold">{title}</h2>
      <div className="mt-1 text-sm">{children}</div>
    </section>
  );
}

export function IssueList({ issues, total }: { issues: IssueRow[]; total: number }) {
  return (
    <>
      <ul className="mt-2 max-h-48 list-disc space-y-0.5 overflow-auto pl-5">
        {issues.map((issue, i) => (
          <li key={i}>{issue.message}</li>
        ))}
      </ul>
      {total > issues.length && <p className="mt-1">… and {(total - issues.length).toLocaleString('en-US')} more.</p>}
    </>
  );
}

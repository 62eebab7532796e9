import type { ReactNode } from 'react';
import type { TapeIssue } from '@/lib/portfolio';
import { formatInteger } from './format';

const TONES = {
  error: 'border-error-border bg-error-bg text-error-fg',
  warning: 'border-warning-border bg-warning-bg text-warning-fg',
} as const;

/** A problem the user must see: a failed model check (figures withheld) or a refused file. */
export function Notice({
  tone,
  title,
  children,
  testId,
}: {
  tone: keyof typeof TONES;
  title: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <section role="alert" className={`rounded-xl border p-4 ${TONES[tone]}`} data-testid={testId}>
      <h2 className="text-base font-semibold">{title}</h2>
      <div className="mt-1 text-sm">{children}</div>
    </section>
  );
}

export function IssueList({ issues, total }: { issues: readonly Pick<TapeIssue, 'message'>[]; total: number }) {
  return (
    <>
      <ul className="mt-2 max-h-48 list-disc space-y-0.5 overflow-auto pl-5">
        {issues.map((issue, i) => (
          <li key={i}>{issue.message}</li>
        ))}
      </ul>
      {total > issues.length && <p className="mt-1">… and {formatInteger(total - issues.length)} more.</p>}
    </>
  );
}

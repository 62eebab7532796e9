import type { ReactNode } from 'react';

export function ChartCard({ title, subtitle, children, testId }: { title: string; subtitle: string; children: ReactNode; testId: string }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <h3 className="text-base font-semibold text-slate-800">{title}</h3>
      <p className="text-sm text-slate-500">{subtitle}</p>
      <div className="mt-3 h-60">{children}</div>
    </section>
  );
}

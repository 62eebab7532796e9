import type { ReactNode } from 'react';
import { Card } from './ui/card';

export function ChartCard({ title, subtitle, children, testId }: { title: string; subtitle: string; children: ReactNode; testId: string }) {
  return (
    <Card className="p-4" data-testid={testId}>
      <h3 className="text-base font-semibold text-slate-800">{title}</h3>
      <p className="text-sm text-slate-500">{subtitle}</p>
      <div className="mt-3 h-60">{children}</div>
    </Card>
  );
}

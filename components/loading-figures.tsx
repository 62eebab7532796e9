import { Card } from './ui/card';

/** Grey placeholders where the KPI cards will be, while the first figures are on their way. */
export function LoadingFigures({ cards }: { cards: number }) {
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:gap-4" aria-busy="true" data-testid="figures-loading">
      {Array.from({ length: cards }, (_, i) => (
        <Card key={i} className="h-[124px] animate-pulse p-4">
          <div className="h-4 w-28 rounded bg-slate-100" />
          <div className="mt-3 h-8 w-36 rounded bg-slate-100" />
        </Card>
      ))}
    </div>
  );
}

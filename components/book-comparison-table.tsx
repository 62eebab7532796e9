import { formatChange, formatFigure, isNegligibleChange, type FigureKind } from './format';
import { Card } from './ui/card';

export interface ComparisonRowProps {
  name: string;
  label: string;
  kind: FigureKind;
  higherIs: 'good' | 'bad';
  book: number;
  newBusiness: number;
  combined: number;
  combinedBaseline: number;
}

/** The existing book, new business at the cut-off, and both together under the scenario; the last column the change of the total. */
export function BookComparisonTable({ rows }: { rows: ComparisonRowProps[] }) {
  return (
    <Card className="p-4" data-testid="book-and-new-business">
      <h2 className="text-base font-semibold text-slate-800">Book and new business</h2>
      <p className="text-sm text-slate-500">Under the scenario; the change is that of the total against the baseline</p>
      <div className="overflow-x-auto">
        <table className="figure mt-3 w-full text-sm">
          <thead className="text-left text-slate-500">
            <tr className="border-b border-slate-200">
              <th className="py-1.5 font-medium">Figure</th>
              <th className="py-1.5 text-right font-medium">Book</th>
              <th className="py-1.5 text-right font-medium">New business</th>
              <th className="py-1.5 text-right font-medium">Together</th>
              <th className="py-1.5 text-right font-medium">Change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const change = r.combined - r.combinedBaseline;
              const quiet = isNegligibleChange(r.combinedBaseline, r.combined) || Number.isNaN(change);
              const tone = quiet ? 'text-slate-500' : change > 0 === (r.higherIs === 'good') ? 'text-better-fg' : 'text-worse-fg';
              return (
                <tr key={r.name} className="border-b border-slate-100 last:border-0" data-testid={`compare-${r.name}`}>
                  <td className="py-1.5 font-medium text-slate-700">{r.label}</td>
                  <td className="py-1.5 text-right">{formatFigure(r.kind, r.book)}</td>
                  <td className="py-1.5 text-right">{formatFigure(r.kind, r.newBusiness)}</td>
                  <td className="py-1.5 text-right font-medium">{formatFigure(r.kind, r.combined)}</td>
                  <td className={`py-1.5 text-right font-medium ${tone}`}>{quiet ? '—' : formatChange(r.kind, change)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

import type { ModelPointsReport } from '@/lib/portfolio';
import { formatInteger } from './format';

/** The KPIs the error is stated on, in the order the report lists them. */
const KPI_LABELS: Record<string, string> = {
  loans: 'Loans',
  exposure: 'Exposure',
  expectedLoss: 'Expected loss',
  ifrs9Ecl: 'IFRS 9 ECL',
  ceclEcl: 'CECL ECL',
  irbCapital: 'IRB capital',
};

const signedPercent = (points: number, full: number) => {
  if (full === 0) return points === 0 ? '0.00%' : 'n/a';
  const error = points / full - 1;
  return `${error >= 0 ? '+' : '−'}${Math.abs(error * 100).toFixed(2)}%`;
};

interface Props {
  rows: number;
  /** Loans the points stand for (the sum of their weights). */
  loans: number;
  report?: ModelPointsReport;
  /** The loaded model's SHA-256: the error was measured with the report's model. */
  modelSha256?: string;
}

/**
 * A compressed book, said out loud: every figure on the page is an estimate of the full book's, and
 * this is how far the estimate was from the full book when the batch face made the points.
 */
export function ModelPointsPanel({ rows, loans, report, modelSha256 }: Props) {
  const scenarios = report ? [...new Set(report.errors.map((e) => e.scenario))] : [];
  const metrics = report ? [...new Set(report.errors.map((e) => e.metric))] : [];
  const cell = (scenario: string, metric: string) => report?.errors.find((e) => e.scenario === scenario && e.metric === metric);
  const worst = report?.errors.reduce(
    (w, e) => (e.full !== 0 && Math.abs(e.points / e.full - 1) > Math.abs(w.points / w.full - 1) ? e : w),
    report.errors[0]!,
  );
  const otherModel = report && modelSha256 && report.model.sha256 !== modelSha256;
  return (
    <section className="rounded-xl border border-sky-200 bg-sky-50 p-4 text-sky-950" data-testid="model-points">
      <h2 className="text-base font-semibold">
        Model points: {formatInteger(rows)} loans standing for {formatInteger(loans)}
      </h2>
      <div className="mt-1 space-y-1 text-sm">
        {report ? (
          <p>
            This tape is a compressed book, made by <code>npm run score</code> from {report.source.file} (SHA-256{' '}
            <span className="font-mono" title={report.source.sha256}>
              {report.source.sha256.slice(0, 12)}
            </span>
            , {formatInteger(report.loans)} loans) by {report.method}. Every figure is an estimate of the full book&apos;s
            {worst && (
              <>
                ; the largest error measured was <strong data-testid="model-points-worst">{signedPercent(worst.points, worst.full)}</strong>{' '}
                ({KPI_LABELS[worst.metric] ?? worst.metric}, {worst.scenario})
              </>
            )}
            . The model&apos;s discrimination is measured on the full book, not on the points.
          </p>
        ) : (
          <p>
            This tape has a <code>model_point_weight</code> column: each row stands for that many loans, and every figure is an estimate of
            the book they stand for. No measured error came with it; make points with <code>npm run score -- --model-points</code> to have
            one.
          </p>
        )}
        {otherModel && (
          <p className="font-medium" data-testid="model-points-other-model">
            The error was measured with another model (SHA-256 {report.model.sha256.slice(0, 12)}); with this one it is not known.
          </p>
        )}
      </div>
      {report && (
        <div className="mt-2 overflow-x-auto">
          <table className="figure w-full text-xs" data-testid="model-points-errors">
            <caption className="text-left text-xs text-sky-900">Points against the full book (points ÷ full − 1)</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-3 text-left font-medium">
                  KPI
                </th>
                {scenarios.map((s) => (
                  <th key={s} scope="col" className="py-1 pr-3 text-right font-medium">
                    {s}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {metrics.map((m) => (
                <tr key={m} className="border-t border-sky-100">
                  <th scope="row" className="py-1 pr-3 text-left font-normal">
                    {KPI_LABELS[m] ?? m}
                  </th>
                  {scenarios.map((s) => {
                    const e = cell(s, m);
                    return (
                      <td key={s} className="py-1 pr-3 text-right">
                        {e ? signedPercent(e.points, e.full) : '—'}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

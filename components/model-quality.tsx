import { memo } from 'react';
import type { HoldoutEvidence, ModelQuality } from '@/lib/model';
import { formatInteger, formatPercent } from './format';
import { Card } from './ui/card';

const three = (v: number) => v.toFixed(3);
const interval = (range: readonly [number, number] | undefined) => (range ? ` (95% CI ${three(range[0])}–${three(range[1])})` : '');

/** The model's evidence as its card states it: discrimination with intervals, benchmarks, calibration by segment, outcome and limits (drawn again only when they change). */
export const ModelQualityPanel = memo(function ModelQualityPanel({ name, quality }: { name: string; quality: ModelQuality }) {
  const { holdout, outcome, limitations } = quality;
  return (
    <Card className="p-4" data-testid="model-quality">
      <h2 className="text-base font-semibold text-slate-800">The model: {name}</h2>
      <p className="text-sm text-slate-500">
        {holdout
          ? `On its hold-out: ${formatInteger(holdout.loans)} loans, ${formatInteger(holdout.defaults)} bad`
          : 'Its card carries no hold-out evidence: discrimination and calibration are not known to Riskdial.'}
      </p>
      <div className="mt-3 grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div>
          {holdout && <Discrimination holdout={holdout} />}
          {quality.leverChannels.length > 0 && (
            <>
              <h3 className="mt-2 text-sm font-semibold text-slate-700">How the levers reach the model</h3>
              <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs text-slate-600" data-testid="model-lever-channels">
                {quality.leverChannels.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </>
          )}
        </div>
        {holdout?.calibrationBySegment && (
          <div>
            <h3 className="text-sm font-semibold text-slate-700">Calibration by segment</h3>
            <table className="figure mt-1 w-full text-xs" data-testid="model-calibration">
              <thead className="text-left text-slate-500">
                <tr className="border-b border-slate-200">
                  <th className="py-0.5 font-medium">Segment</th>
                  <th className="py-0.5 text-right font-medium">Loans</th>
                  <th className="py-0.5 text-right font-medium">Mean PD</th>
                  <th className="py-0.5 text-right font-medium">Observed</th>
                  <th className="py-0.5 text-right font-medium" title="(observed − mean PD) / standard error">
                    z
                  </th>
                </tr>
              </thead>
              <tbody>
                {holdout.calibrationBySegment.map((s) => (
                  <tr key={`${s.kind}-${s.label}`} className="border-b border-slate-100 last:border-0">
                    <td className="py-0.5">{s.kind === 'grade' ? `Grade ${s.label}` : s.label.replace('term_', '') + ' months'}</td>
                    <td className="py-0.5 text-right">{formatInteger(s.loans)}</td>
                    <td className="py-0.5 text-right">{formatPercent(s.meanPd)}</td>
                    <td className="py-0.5 text-right">{formatPercent(s.observedRate)}</td>
                    <td className={`py-0.5 text-right ${Math.abs(s.z) > 2 ? 'font-semibold text-worse-fg' : ''}`}>{s.z.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div>
          {outcome && (
            <>
              <h3 className="text-sm font-semibold text-slate-700">What &ldquo;bad&rdquo; means</h3>
              <p className="mt-1 text-xs text-slate-600" data-testid="model-outcome">
                {outcome.definition} {outcome.horizon}
              </p>
            </>
          )}
          {limitations.length > 0 && (
            <>
              <h3 className="mt-2 text-sm font-semibold text-slate-700">Limitations</h3>
              <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs text-slate-600" data-testid="model-limitations">
                {limitations.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
    </Card>
  );
});

function Discrimination({ holdout }: { holdout: HoldoutEvidence }) {
  const ci = holdout.confidence;
  return (
    <>
      <h3 className="text-sm font-semibold text-slate-700">Discrimination</h3>
      <ul className="figure mt-1 space-y-0.5 text-sm text-slate-700" data-testid="model-discrimination">
        <li>
          AUC {three(holdout.auc)}
          {interval(ci?.auc)}
        </li>
        <li>
          Gini {three(holdout.gini)}
          {interval(ci?.gini)}
        </li>
        <li>
          KS {three(holdout.ks)}
          {interval(ci?.ks)}
        </li>
        {(holdout.benchmarks ?? []).map((b) => (
          <li key={b.name} className="text-slate-600" title={b.description}>
            Benchmark, {b.name.toLowerCase()}: AUC {three(b.auc)}
          </li>
        ))}
      </ul>
      {ci && <p className="mt-1 text-xs text-slate-500">{ci.method}</p>}
    </>
  );
}

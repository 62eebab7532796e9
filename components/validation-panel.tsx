import { memo } from 'react';
import type { BookValidation } from '@/lib/engine';
import { formatInteger, formatPercent } from './format';
import { Card } from './ui/card';

const three = (v: number) => v.toFixed(3);
const STABILITY_TONE = {
  stable: 'text-slate-700',
  'moderate shift': 'font-semibold text-warning-fg',
  'significant shift': 'font-semibold text-worse-fg',
} as const;

/**
 * How the model does on the loaded tape (where it has outcomes), and how far each input has moved from the training data.
 * Drawn again only when these change, not on every slider step.
 */
export const ValidationPanel = memo(function ValidationPanel({
  validation,
  tapeName,
  inSample,
}: {
  validation: BookValidation;
  tapeName: string;
  /** The tape is the one the model was trained on: these are in-sample figures. */
  inSample: boolean;
}) {
  const { onTape, stability } = validation;
  if (!onTape && stability.length === 0) return null;
  return (
    <Card className="p-4" data-testid="tape-validation">
      <h2 className="text-base font-semibold text-slate-800">The model on {tapeName}</h2>
      {inSample && (
        <p className="text-sm text-slate-500" data-testid="tape-in-sample">
          This tape is the one the model was trained on, so these figures are mostly in-sample; its hold-out evidence is in the
          model&rsquo;s panel below.
        </p>
      )}
      <div className="mt-2 grid grid-cols-1 gap-4 lg:grid-cols-3">
        {onTape ? (
          <div>
            <p className="text-sm text-slate-500">
              {formatInteger(onTape.loans)} loans, {formatInteger(onTape.defaults)} observed bad
            </p>
            <ul className="figure mt-1 space-y-0.5 text-sm text-slate-700" data-testid="tape-discrimination">
              <li>
                AUC {three(onTape.auc)} (95% CI {three(onTape.confidence.auc[0])}–{three(onTape.confidence.auc[1])})
              </li>
              <li>
                Gini {three(onTape.gini)} (95% CI {three(onTape.confidence.gini[0])}–{three(onTape.confidence.gini[1])})
              </li>
              <li>
                KS {three(onTape.ks)} (95% CI {three(onTape.confidence.ks[0])}–{three(onTape.confidence.ks[1])})
              </li>
            </ul>
            <p className="mt-1 text-xs text-slate-500">{onTape.confidence.method}</p>
          </div>
        ) : (
          <p className="text-sm text-slate-500">
            The tape has no observed outcome: discrimination and calibration cannot be measured on it.
          </p>
        )}
        {onTape && (
          <table className="figure w-full text-xs" data-testid="tape-calibration">
            <thead className="text-left text-slate-500">
              <tr className="border-b border-slate-200">
                <th className="py-0.5 font-medium">PD decile / segment</th>
                <th className="py-0.5 text-right font-medium">Loans</th>
                <th className="py-0.5 text-right font-medium">Mean PD</th>
                <th className="py-0.5 text-right font-medium">Observed</th>
              </tr>
            </thead>
            <tbody>
              {[
                ...onTape.calibrationByDecile.map((d) => ({ key: `d${d.decile}`, label: `Decile ${d.decile}`, ...d, z: undefined })),
                ...onTape.calibrationBySegment.map((s) => ({ ...s, key: `${s.kind}-${s.label}`, label: `${s.kind} ${s.label}` })),
              ].map((r) => (
                <tr key={r.key} className="border-b border-slate-100 last:border-0">
                  <td className="py-0.5">{r.label}</td>
                  <td className="py-0.5 text-right">{formatInteger(r.loans)}</td>
                  <td className="py-0.5 text-right">{formatPercent(r.meanPd)}</td>
                  <td className={`py-0.5 text-right ${r.z !== undefined && Math.abs(r.z) > 2 ? 'font-semibold text-worse-fg' : ''}`}>
                    {formatPercent(r.observedRate)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div>
          <h3 className="text-sm font-semibold text-slate-700">Population stability against the training data</h3>
          {stability.length === 0 ? (
            <p className="mt-1 text-xs text-slate-500">The model card carries no training distribution to compare this tape with.</p>
          ) : (
            <table className="figure mt-1 w-full text-xs" data-testid="tape-stability">
              <thead className="text-left text-slate-500">
                <tr className="border-b border-slate-200">
                  <th className="py-0.5 font-medium">Input</th>
                  <th className="py-0.5 text-right font-medium">PSI</th>
                  <th className="py-0.5 pl-2 font-medium">Reading</th>
                </tr>
              </thead>
              <tbody>
                {stability.map((s) => (
                  <tr
                    key={s.input}
                    className="border-b border-slate-100 last:border-0"
                    title={s.largest.map((b) => `${b.bin}: ${formatPercent(b.expected)} → ${formatPercent(b.actual)}`).join('; ')}
                  >
                    <td className="py-0.5 font-mono">{s.input}</td>
                    <td className="py-0.5 text-right">{s.psi.toFixed(3)}</td>
                    <td className={`py-0.5 pl-2 ${STABILITY_TONE[s.reading]}`}>{s.reading}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="mt-1 text-xs text-slate-500">PSI below 0.1: stable; 0.1–0.25: a moderate shift; above 0.25: significant.</p>
        </div>
      </div>
    </Card>
  );
});

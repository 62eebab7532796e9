'use client';

import { useEffect, useState } from 'react';
import type { ModelSummary, PortfolioSummary } from '@/lib/worker';
import { formatDecimal, formatInteger, formatScientific, formatUsd, modelLabel } from './format';

interface Props {
  model?: ModelSummary;
  portfolio?: PortfolioSummary;
  status: 'loading' | 'ready' | 'failed';
  /** A worker that died is being replaced. */
  recovering: boolean;
  pending: boolean;
  /** Enters presentation mode (also the key P); shows the keyboard shortcuts (also ?). */
  onPresent?: () => void;
  onShortcuts?: () => void;
}

/**
 * The busy cue shows only once an answer has taken this long (as the figures dim, `.stale-aware`): a
 * quick answer would make it blink at every key press, and its fade cost the key press's own frame
 * (an opacity transition gives it a compositing layer of its own while it runs).
 */
const BUSY_CUE_DELAY_MS = 300;

/** True once `on` has held for `delayMs`; false as soon as it does not. */
function useHeldFor(on: boolean, delayMs: number): boolean {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!on) return undefined;
    const timer = window.setTimeout(() => setHeld(true), delayMs);
    return () => {
      window.clearTimeout(timer);
      setHeld(false);
    };
  }, [on, delayMs]);
  return on && held;
}

export function Header({ model, portfolio, status, recovering, pending, onPresent, onShortcuts }: Props) {
  const busy = useHeldFor(pending, BUSY_CUE_DELAY_MS);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-[1880px] flex-wrap items-center gap-x-6 gap-y-2 px-3 py-3 sm:px-5 md:flex-nowrap xl:gap-x-8">
        <div className="flex items-center gap-2">
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded-lg bg-indigo-600 text-lg font-bold text-white">
            R
          </span>
          <span className="text-xl font-semibold tracking-tight">Riskdial</span>
        </div>
        <dl
          className="figure order-last flex w-full min-w-0 flex-wrap items-center gap-x-6 gap-y-1 text-sm md:order-none md:w-auto xl:gap-x-8"
          data-testid="header-facts"
        >
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">Portfolio</dt>
            <dd className="font-medium" data-testid="portfolio-summary">
              {portfolio
                ? `${portfolio.name} · ${formatInteger(portfolio.loans)} loans${
                    portfolio.modelPoints ? ` (${formatInteger(portfolio.modelPoints.rows)} model points)` : ''
                  } · ${formatUsd(portfolio.exposure)}`
                : '—'}
            </dd>
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">Model</dt>
            <dd className="font-medium" data-testid="model-summary">
              {model ? (
                <>
                  {modelLabel(model)} ·{' '}
                  <span title={`Model file SHA-256 ${model.sha256}`} className="font-mono">
                    {model.sha256.slice(0, 12)}
                  </span>{' '}
                  · card{' '}
                  <span title={`Model card SHA-256 ${model.cardSha256}`} className="font-mono" data-testid="card-sha256">
                    {model.cardSha256.slice(0, 12)}
                  </span>{' '}
                  {model.holdoutAuc !== undefined && <> · AUC {formatDecimal(model.holdoutAuc, 3)}</>}
                </>
              ) : (
                '—'
              )}
            </dd>
          </div>
        </dl>
        <div className="ml-auto flex shrink-0 items-center gap-3">
          {/* data-pending follows the engine at once (tests wait on it); what shows waits for a slow answer. */}
          <span
            className={`flex items-center gap-1.5 text-sm text-slate-500 ${busy ? '' : 'invisible'}`}
            data-testid="busy-cue"
            aria-live="polite"
            data-pending={pending}
          >
            <span aria-hidden className={`h-2 w-2 rounded-full bg-indigo-500 ${busy ? 'animate-pulse' : ''}`} />
            {busy ? 'Updating…' : ''}
          </span>
          {onShortcuts && (
            <button
              type="button"
              className="hidden rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 sm:inline-block print:hidden"
              onClick={onShortcuts}
              aria-label="Keyboard shortcuts (?)"
              data-testid="shortcuts"
            >
              ?
            </button>
          )}
          {onPresent && (
            <button
              type="button"
              className="rounded-md border border-indigo-300 bg-indigo-50 px-2.5 py-1 text-sm font-medium text-indigo-800 hover:bg-indigo-100 print:hidden"
              onClick={onPresent}
              data-testid="present"
            >
              Present <kbd className="text-xs text-indigo-500">P</kbd>
            </button>
          )}
          <VerificationBadge model={model} status={status} recovering={recovering} />
        </div>
      </div>
    </header>
  );
}

function VerificationBadge({ model, status, recovering }: { model?: ModelSummary; status: Props['status']; recovering: boolean }) {
  if (status === 'failed') {
    return (
      <span className="rounded-full bg-error-bg px-3 py-1 text-sm font-semibold text-error-fg" data-testid="model-status">
        Model not verified
      </span>
    );
  }
  if (status === 'loading' || !model) {
    return (
      <span className="rounded-full bg-slate-100 px-3 py-1 text-sm font-medium text-slate-600" data-testid="model-status">
        {recovering ? 'Restarting the engine…' : 'Verifying model…'}
      </span>
    );
  }
  if (model.referenceSource?.kind === 'first-load') {
    return (
      <span
        className="rounded-full bg-warning-bg px-3 py-1 text-sm font-semibold text-warning-fg"
        title={`The ${model.selfTest.rows} reference PDs were recorded on this model's first load: later loads check the same file gives the same PDs, but nobody has confirmed them. Choose a tape column of expected PDs to verify the model.`}
        data-testid="model-status"
      >
        Model pinned, not verified
      </span>
    );
  }
  const detail =
    `Self-test: ${model.selfTest.rows} reference loans reproduced within ${formatScientific(model.selfTest.maxAbsDiff, 1)} ` +
    `(tolerance ${model.selfTest.tolerance}); file SHA-256 matches the model card; every lever moves PD ` +
    `the documented way on those loans. ` +
    `Scored on ${model.scorers} model instance${model.scorers === 1 ? '' : 's'} at once, each verified.`;
  return (
    <span
      className="flex items-center gap-1.5 rounded-full bg-verified-bg px-3 py-1 text-sm font-semibold text-verified-fg"
      title={detail}
      data-testid="model-status"
      data-scorers={model.scorers}
    >
      <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-current">
        <path d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" />
      </svg>
      Model verified
    </span>
  );
}

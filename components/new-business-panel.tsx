import type { PolicyEffect, SwapSet } from '@/lib/engine';
import { formatInteger, formatPercent, formatUsd } from './format';
import { KpiCard, type KpiCardProps } from './kpi-card';
import { Card } from './ui/card';

interface Props {
  cards: KpiCardProps[];
  /** The cut-off, PD as a share. */
  cutoff: number;
  policy: PolicyEffect;
  swap: SwapSet;
  /** The swap set is computed by the engine only: while the cut-off moves ahead of it, it is shown as not current. */
  swapCurrent: boolean;
}

const observed = (rate: number) => (Number.isNaN(rate) ? 'no outcomes in the tape' : `observed bad rate ${formatPercent(rate)}`);

/**
 * New business: the tape read as next period's applicants. The cut-off acts here only; the cards compare
 * the same cut-off under baseline and scenario PDs (the macro effect), and the policy line says what the
 * cut-off itself declines (against approving everyone).
 */
export function NewBusinessPanel({ cards, cutoff, policy, swap, swapCurrent }: Props) {
  return (
    <Card className="p-4" data-testid="new-business">
      <h2 className="text-base font-semibold text-slate-800">New business at the cut-off</h2>
      <p className="text-sm text-slate-500">
        The same tape read as next period&apos;s applicants, priced at today&apos;s rates plus the passed-through shock. Baseline: the same
        cut-off under baseline PDs.
      </p>
      <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4 print:grid-cols-4">
        {cards.map((card) => (
          <KpiCard key={card.name} {...card} />
        ))}
      </div>
      <ul className="figure mt-3 space-y-1 text-sm text-slate-700">
        <li data-testid="policy-effect">
          <span className="font-medium">Policy:</span>{' '}
          {policy.declined === 0
            ? `the ${formatPercent(cutoff)} cut-off declines no applicant.`
            : `the ${formatPercent(cutoff)} cut-off declines ${formatInteger(policy.declined)} applicants (${formatUsd(policy.declinedExposure)}) carrying ${formatUsd(policy.declinedExpectedLoss)} of expected loss; ${observed(policy.declinedObservedBadRate)} against ${formatPercent(policy.approvedObservedBadRate)} for those approved.`}
        </li>
        <li data-testid="swap-set" className="stale-aware" data-stale={!swapCurrent} aria-busy={!swapCurrent}>
          <span className="font-medium">Scenario against baseline:</span> {formatInteger(swap.swapOut.loans)} swap-outs (approved at
          baseline PDs, declined now
          {swap.swapOut.loans ? `; ${observed(swap.swapOut.observedBadRate)}` : ''}) and {formatInteger(swap.swapIn.loans)} swap-ins
          {swap.swapIn.loans ? ` (${observed(swap.swapIn.observedBadRate)})` : ''}; {formatInteger(swap.kept.loans)} approved under both
          {swap.kept.loans ? ` (${observed(swap.kept.observedBadRate)})` : ''}.
        </li>
      </ul>
    </Card>
  );
}

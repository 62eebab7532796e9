import type { BookMetrics } from '@/lib/metrics';
import type { AssumptionId } from '@/lib/scenario';
import type { FigureKind } from '@/components/format';

export interface KpiDefinition {
  /** Test id suffix: data-testid="kpi-<name>". */
  name: string;
  label: string;
  metric: keyof BookMetrics;
  kind: FigureKind;
  higherIs: 'good' | 'bad';
  hint: string;
  /** Its formula in the docs the page serves. */
  doc: string;
}

/** The existing book's headline figures, in reading order; formulas in docs/metrics.md. */
export const KPIS = [
  {
    name: 'expected-loss',
    doc: '/docs/metrics#the-per-loan-figures',
    label: 'Expected loss',
    metric: 'expectedLoss',
    kind: 'usd',
    higherIs: 'bad',
    hint: 'Over the next 12 months: Σ PD × LGD × EAD over every loan on the book (point-in-time LGD)',
  },
  {
    name: 'ifrs9-ecl',
    doc: '/docs/metrics#ifrs-9-staging',
    label: 'IFRS 9 ECL',
    metric: 'ifrs9Ecl',
    kind: 'usd',
    higherIs: 'bad',
    hint: 'This scenario: 12-month ECL in stage 1, lifetime in stages 2 and 3; amortising, with prepayment, discounted at each loan’s rate',
  },
  {
    name: 'cecl',
    doc: '/docs/metrics#lifetime-ecl-month-by-month',
    label: 'CECL allowance',
    metric: 'ceclEcl',
    kind: 'usd',
    higherIs: 'bad',
    hint: 'This scenario: lifetime ECL of every loan from day 1, no staging (ASC 326)',
  },
  {
    name: 'stage2-share',
    doc: '/docs/metrics#ifrs-9-staging',
    label: 'Stage 2 share',
    metric: 'stage2Share',
    kind: 'percent',
    higherIs: 'bad',
    hint: 'Share of exposure whose PD rose past both thresholds against origination (or 30+ days past due)',
  },
  {
    name: 'capital',
    doc: '/docs/metrics#basel-irb-capital-other-retail',
    label: 'IRB capital',
    metric: 'irbCapital',
    kind: 'usd',
    higherIs: 'bad',
    hint: 'Basel IRB other-retail minimum capital Σ K × EAD (8% of RWA), with the downturn LGD and the regime’s floors',
  },
  {
    name: 'return-on-capital',
    doc: '/docs/metrics#the-per-loan-figures',
    label: 'Return on capital',
    metric: 'returnOnCapital',
    kind: 'percent',
    higherIs: 'good',
    hint: 'Profit after operating cost, expected loss and tax / capital held (capital ratio × RWA); n/a where no capital is held',
  },
  {
    name: 'economic-profit',
    doc: '/docs/metrics#the-per-loan-figures',
    label: 'Economic profit',
    metric: 'economicProfit',
    kind: 'usd',
    higherIs: 'good',
    hint: 'Profit after tax − hurdle rate × capital held, over 12 months',
  },
  {
    name: 'net-interest-income',
    doc: '/docs/metrics#rates',
    label: 'Net interest income',
    metric: 'netInterestIncome',
    kind: 'usd',
    higherIs: 'good',
    hint: 'Interest on the expected performing balance over 12 months less its funding; a rate shock reprices the unhedged funding',
  },
] as const satisfies readonly KpiDefinition[];

export type KpiName = (typeof KPIS)[number]['name'];

/** The KPIs grouped as a board reads them: one comparison chart per group, each in one unit. */
export const KPI_FAMILIES = [
  { title: 'Losses and provisions', kind: 'usd', kpis: ['expected-loss', 'ifrs9-ecl', 'cecl'] },
  { title: 'Capital', kind: 'usd', kpis: ['capital'] },
  { title: 'Earnings', kind: 'usd', kpis: ['net-interest-income', 'economic-profit'] },
  { title: 'Ratios', kind: 'percent', kpis: ['stage2-share', 'return-on-capital'] },
] as const satisfies readonly { title: string; kind: KpiDefinition['kind']; kpis: readonly KpiName[] }[];

/** Where each lever's channel is explained in the docs the page serves. */
export const LEVER_DOCS: Record<AssumptionId, string> = {
  'income-shock': '/docs/assumptions#through-the-model-income-rate-utilisation',
  'rate-shock': '/docs/metrics#rates',
  'utilization-shift': '/docs/assumptions#through-the-model-income-rate-utilisation',
  'unemployment-change': '/docs/assumptions#after-the-model-unemployment',
  lgd: '/docs/assumptions#in-the-metrics-lgd-and-cut-off',
  cutoff: '/docs/metrics#book-and-new-business',
};

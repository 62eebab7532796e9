import type { BookMetrics } from '@/lib/metrics';
import type { FigureKind } from '@/components/format';

export interface KpiDefinition {
  /** Test id suffix: data-testid="kpi-<name>". */
  name: string;
  label: string;
  metric: keyof BookMetrics;
  kind: FigureKind;
  higherIs: 'good' | 'bad';
  hint: string;
}

/** The headline figures, in reading order; formulas in docs/metrics.md. */
export const KPIS = [
  {
    name: 'expected-loss',
    label: 'Expected loss',
    metric: 'expectedLoss',
    kind: 'usd',
    higherIs: 'bad',
    hint: 'Σ PD × LGD × EAD over the approved book',
  },
  { name: 'el-rate', label: 'EL rate', metric: 'elRate', kind: 'percent', higherIs: 'bad', hint: 'Expected loss / approved exposure' },
  {
    name: 'mean-pd',
    label: 'Mean PD',
    metric: 'meanPd',
    kind: 'percent',
    higherIs: 'bad',
    hint: 'Exposure-weighted mean probability of default of the approved book',
  },
  {
    name: 'expected-defaults',
    label: 'Expected defaults',
    metric: 'expectedDefaults',
    kind: 'count',
    higherIs: 'bad',
    hint: 'Σ PD: the number of approved loans expected to default',
  },
  {
    name: 'approval-rate',
    label: 'Approval rate',
    metric: 'approvalRate',
    kind: 'percent',
    higherIs: 'good',
    hint: 'Share of loans whose scenario PD is at or below the cut-off',
  },
  {
    name: 'capital',
    label: 'IRB capital',
    metric: 'irbCapital',
    kind: 'usd',
    higherIs: 'bad',
    hint: 'Basel IRB other-retail capital requirement Σ K × EAD',
  },
  {
    name: 'risk-adjusted-return',
    label: 'Return on capital',
    metric: 'riskAdjustedReturn',
    kind: 'percent',
    higherIs: 'good',
    hint: 'Risk-adjusted return (RAROC): (net interest income − expected loss) / IRB capital',
  },
  {
    name: 'provisions',
    label: 'IFRS 9 provisions',
    metric: 'provisions',
    kind: 'usd',
    higherIs: 'bad',
    hint: '12-month ECL in stage 1, lifetime ECL for loans whose PD at least doubled (stage 2)',
  },
] as const satisfies readonly KpiDefinition[];

export type KpiName = (typeof KPIS)[number]['name'];

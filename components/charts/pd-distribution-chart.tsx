'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PdBucket } from '@/lib/metrics';
import { AXIS_TICK, BASELINE_COLOR, GRID_STROKE, SCENARIO_COLOR } from '../chart-theme';
import { formatInteger } from '../format';

export function PdDistributionChart({ buckets }: { buckets: readonly Pick<PdBucket, 'label' | 'baselineLoans' | 'scenarioLoans'>[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={buckets} margin={{ top: 4, right: 8, bottom: 4, left: 0 }} barGap={1}>
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis dataKey="label" tick={AXIS_TICK} interval="preserveStartEnd" minTickGap={2} angle={-35} textAnchor="end" height={44} />
        <YAxis tick={AXIS_TICK} width={48} tickFormatter={formatInteger} />
        <Tooltip formatter={(v) => formatInteger(Number(v))} />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        <Bar dataKey="baselineLoans" name="Baseline loans" fill={BASELINE_COLOR} isAnimationActive={false} />
        <Bar dataKey="scenarioLoans" name="Scenario loans" fill={SCENARIO_COLOR} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

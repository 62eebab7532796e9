'use client';

import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_LINE_COLOR, AXIS_TICK, BASELINE_COLOR, GRID_STROKE, SCENARIO_COLOR } from '../chart-theme';

export interface GradeDatum {
  grade: string;
  baseline: number;
  scenario: number;
}

/** Baseline against scenario for each grade, in whatever unit `format` writes. */
export function GradeComparisonChart({
  data,
  format,
  names = ['Baseline', 'Scenario'],
}: {
  data: GradeDatum[];
  format: (v: number) => string;
  /** Legend names of the two bars. */
  names?: [string, string];
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }} barGap={1}>
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis dataKey="grade" tick={AXIS_TICK} interval={0} />
        <YAxis tick={AXIS_TICK} width={60} tickFormatter={format} />
        <Tooltip formatter={(v) => format(Number(v))} labelFormatter={(g) => `Grade ${String(g)}`} />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        <ReferenceLine y={0} stroke={AXIS_LINE_COLOR} />
        <Bar dataKey="baseline" name={names[0]} fill={BASELINE_COLOR} isAnimationActive={false} />
        <Bar dataKey="scenario" name={names[1]} fill={SCENARIO_COLOR} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

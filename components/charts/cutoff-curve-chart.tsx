'use client';

import { CartesianGrid, Legend, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CutoffPoint } from '@/lib/metrics';
import { AXIS_COLOR, AXIS_TICK, BASELINE_COLOR, GRID_STROKE, MARKER_COLOR, SCENARIO_COLOR, SURFACE_COLOR } from '../chart-theme';
import { formatShare } from '../format';

type CurvePoint = Pick<CutoffPoint, 'approvalRate' | 'expectedBadRate'>;

/** The strategy curve: each point is a cut-off; the dot is the current one. */
export function CutoffCurveChart({
  baseline,
  scenario,
  current,
}: {
  baseline: CutoffPoint[];
  scenario: CutoffPoint[];
  current: CurvePoint;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis
          type="number"
          dataKey="approvalRate"
          domain={[0, 1]}
          ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
          tick={AXIS_TICK}
          tickFormatter={(v: number) => formatShare(v, 0)}
          label={{ value: 'Approval rate', position: 'insideBottom', offset: -2, fontSize: 12, fill: AXIS_COLOR }}
          height={36}
        />
        <YAxis type="number" dataKey="expectedBadRate" tick={AXIS_TICK} width={48} tickFormatter={(v: number) => formatShare(v, 1)} />
        <Tooltip formatter={(v) => formatShare(Number(v), 2)} labelFormatter={(v) => `Approval ${formatShare(Number(v), 1)}`} />
        <Legend wrapperStyle={{ fontSize: 13 }} verticalAlign="top" height={24} />
        <Line
          data={baseline}
          dataKey="expectedBadRate"
          name="Baseline bad rate"
          stroke={BASELINE_COLOR}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          data={scenario}
          dataKey="expectedBadRate"
          name="Scenario bad rate"
          stroke={SCENARIO_COLOR}
          strokeWidth={2.5}
          dot={false}
          isAnimationActive={false}
        />
        <ReferenceDot
          x={current.approvalRate}
          y={current.expectedBadRate}
          r={6}
          fill={MARKER_COLOR}
          stroke={SURFACE_COLOR}
          strokeWidth={2}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

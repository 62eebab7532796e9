'use client';

import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_LINE_COLOR, AXIS_TICK, GRID_STROKE, SCENARIO_COLOR } from '../chart-theme';

export interface TornadoDatum {
  label: string;
  low: number;
  high: number;
}

/** Each lever's swing of one KPI, widest first, around the scenario's value (the line). */
export function TornadoChart({ data, current, format }: { data: TornadoDatum[]; current: number; format: (v: number) => string }) {
  const rows = data.map((d) => ({ ...d, range: [Math.min(d.low, d.high), Math.max(d.low, d.high)] }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ top: 4, right: 12, bottom: 4, left: 0 }}>
        <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
        <XAxis type="number" tick={AXIS_TICK} tickFormatter={format} domain={['auto', 'auto']} />
        <YAxis type="category" dataKey="label" tick={AXIS_TICK} width={150} />
        <Tooltip
          formatter={(_, __, item) => {
            const d = item.payload as TornadoDatum;
            return `${format(d.low)} to ${format(d.high)}`;
          }}
        />
        <ReferenceLine x={current} stroke={AXIS_LINE_COLOR} strokeDasharray="4 3" />
        <Bar dataKey="range" name="Swing" fill={SCENARIO_COLOR} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

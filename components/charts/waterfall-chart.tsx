'use client';

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_TICK, BASELINE_COLOR, GRID_STROKE, SCENARIO_COLOR } from '../chart-theme';

export interface WaterfallStep {
  label: string;
  /** A total (baseline, scenario) stands on the axis; a step floats from the running total. */
  kind: 'total' | 'step';
  value: number;
  /** For a step: whether the change is good for the bank. */
  better?: boolean;
}

/** Baseline, one bar per lever, scenario: the bars float from the running total, so the steps add up to the change. */
export function WaterfallChart({ steps, format }: { steps: WaterfallStep[]; format: (v: number) => string }) {
  let running = 0;
  const data = steps.map((s) => {
    const from = s.kind === 'total' ? 0 : running;
    const to = s.kind === 'total' ? s.value : running + s.value;
    running = to;
    return { label: s.label, range: [Math.min(from, to), Math.max(from, to)], value: s.value, kind: s.kind, better: s.better };
  });
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis dataKey="label" tick={AXIS_TICK} interval={0} />
        <YAxis tick={AXIS_TICK} width={64} tickFormatter={format} domain={['auto', 'auto']} />
        <Tooltip formatter={(_, __, item) => format(Number((item.payload as { value: number }).value))} />
        <Bar dataKey="range" name="Change" isAnimationActive={false}>
          {data.map((d) => (
            <Cell
              key={d.label}
              fill={
                d.kind === 'total'
                  ? d.label === data[0]!.label
                    ? BASELINE_COLOR
                    : SCENARIO_COLOR
                  : d.better
                    ? 'var(--better)'
                    : 'var(--worse)'
              }
            />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

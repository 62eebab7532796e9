/** One palette for every chart: baseline in grey, scenario in indigo, readable on a projector. */
export const BASELINE_COLOR = '#94a3b8';
export const SCENARIO_COLOR = '#4f46e5';
export const MARKER_COLOR = '#e11d48';
export const AXIS_TICK = { fontSize: 12, fill: '#475569' };
export const GRID_STROKE = '#e2e8f0';

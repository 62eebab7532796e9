/**
 * One palette for every chart: baseline in grey, scenario in indigo, readable on a projector. The
 * values live in app/globals.css as CSS variables; SVG attributes read them directly.
 */
export const BASELINE_COLOR = 'var(--baseline)';
export const SCENARIO_COLOR = 'var(--scenario)';
export const MARKER_COLOR = 'var(--marker)';
export const AXIS_COLOR = 'var(--axis)';
export const AXIS_LINE_COLOR = 'var(--axis-line)';
export const GRID_STROKE = 'var(--grid)';
export const AXIS_TICK = { fontSize: 12, fill: AXIS_COLOR };
/** The card behind a chart: rings around markers. */
export const SURFACE_COLOR = 'var(--surface)';

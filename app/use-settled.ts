'use client';

import { startTransition, useEffect, useState } from 'react';

/**
 * Follows `value` once it has rested for `restMs`, as an interruptible transition. The KPI cards
 * render every new figure at once; the charts and tables that read this value (tens of
 * milliseconds of SVG work) wait until a drag or a run of key presses pauses, so they never stand
 * between a key press and the next KPI update.
 */
export function useSettled<T>(value: T, restMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => startTransition(() => setSettled(value)), restMs);
    return () => window.clearTimeout(timer);
  }, [value, restMs]);
  return settled;
}

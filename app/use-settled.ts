import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * Follows `value` once it has rested for `restMs` with nothing on hold, as an interruptible
 * transition. The KPI cards render every new figure at once; the charts and tables that read this
 * value (tens of milliseconds of SVG work) wait until a drag or a run of key presses pauses and no
 * answer is pending, so their redraw never lands between a key press and the KPI it asked for.
 *
 * `settleNow` catches up at once, whatever holds it: for what reads the drawn result (an export, print).
 */
export function useSettled<T>(value: T, restMs: number, hold: boolean): { settled: T; settleNow: () => void } {
  const [settled, setSettled] = useState(value);
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
    if (hold) return undefined;
    const timer = window.setTimeout(() => startTransition(() => setSettled(value)), restMs);
    return () => window.clearTimeout(timer);
  }, [value, restMs, hold]);
  const settleNow = useCallback(() => flushSync(() => setSettled(latest.current)), []);
  return { settled, settleNow };
}

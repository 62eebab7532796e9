'use client';

import { startTransition, useEffect, useState } from 'react';

/**
 * Follows `value` one painted frame late, as an interruptible transition. The KPI cards render the
 * new figures at once; charts and tables that read this value update right after that frame is
 * on screen, so they never delay it, and a newer value cancels a pending update.
 */
export function useAfterPaint<T>(value: T): T {
  const [late, setLate] = useState(value);
  useEffect(() => {
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => startTransition(() => setLate(value)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [value]);
  return late;
}

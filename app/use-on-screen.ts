import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether the element is on screen or within `margin` of it (an IntersectionObserver's root margin):
 * what lies far below the fold need not be redrawn on every change.
 */
export function useOnScreen(ref: RefObject<Element | null>, margin = '50%'): boolean {
  const [onScreen, setOnScreen] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const observer = new IntersectionObserver((entries) => setOnScreen(entries.some((e) => e.isIntersecting)), { rootMargin: margin });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, margin]);
  return onScreen;
}

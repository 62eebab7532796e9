import { useCallback, useEffect, useState } from 'react';
import type { Shortcut } from '@/components/shortcuts-help';

/** What the keys do, as `?` lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'P', does: 'Present: full screen, large type, the headline and the chosen KPIs and levers' },
  { keys: 'Esc', does: 'Leave presentation mode or this list' },
  { keys: '1 – 4', does: 'Apply a scenario of the set: upside, base, adverse, severely adverse' },
  { keys: 'R', does: 'Reset every lever to the baseline' },
  { keys: '← → ↑ ↓', does: 'Move the focused slider one step (Page Up / Page Down: a big step; Home / End: its ends)' },
  { keys: '?', does: 'Show these shortcuts' },
];

/** A key pressed while typing in a field is the field's, not a shortcut (a slider is not a field). */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target.tagName === 'SELECT' ||
    target.tagName === 'TEXTAREA' ||
    (target instanceof HTMLInputElement && target.type !== 'range'));

/** Presentation mode and the keyboard shortcuts of the page. */
export function usePresentation({ onReset, onScenario }: { onReset: () => void; onScenario: (index: number) => void }) {
  const [presenting, setPresenting] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const present = useCallback(() => {
    setPresenting(true);
    // Full screen where the browser allows it; the mode works without (a kiosk, an embedded view).
    document.documentElement.requestFullscreen?.().catch(() => {});
  }, []);
  const leave = useCallback(() => {
    setPresenting(false);
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      // Esc leaves from anywhere, a field included.
      if (e.key === 'Escape') {
        if (helpOpen) setHelpOpen(false);
        else if (presenting) leave();
        return;
      }
      if (typing(e.target)) return;
      if (e.key === '?') setHelpOpen((open) => !open);
      else if (e.key === 'p' || e.key === 'P') (presenting ? leave : present)();
      else if (e.key === 'r' || e.key === 'R') onReset();
      else if (/^[1-4]$/.test(e.key)) onScenario(Number(e.key) - 1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [helpOpen, presenting, present, leave, onReset, onScenario]);
  return { presenting, present, leave, helpOpen, setHelpOpen };
}

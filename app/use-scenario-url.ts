import { useEffect } from 'react';
import { scenarioToQuery, type Assumptions, type LinkContext, type ScenarioSet, type Settings } from '@/lib/scenario';

/** How long the scenario must rest before the address bar follows it. */
const SETTLE_MS = 250;

export function scenarioUrl(assumptions: Assumptions, settings: Settings, set: ScenarioSet, context: LinkContext = {}): string {
  return `${window.location.origin}${window.location.pathname}${scenarioToQuery(assumptions, settings, set, context)}`;
}

/**
 * Keeps the address bar on the current scenario, once it has settled. Next.js routes every
 * history.replaceState through its router, which re-renders the app tree: on each slider step that
 * would cost the page more than the engine does, so a drag writes the URL once, when it ends.
 */
export function useScenarioUrl(assumptions: Assumptions, settings: Settings, set: ScenarioSet, context: LinkContext): void {
  const { scenario, tapeSha256, modelSha256 } = context;
  const focus = context.focus && `${context.focus.kind}:${context.focus.label}`;
  useEffect(() => {
    const write = () => {
      const url = scenarioUrl(assumptions, settings, set, {
        ...(scenario ? { scenario } : {}),
        ...(context.focus ? { focus: context.focus } : {}),
        ...(tapeSha256 ? { tapeSha256 } : {}),
        ...(modelSha256 ? { modelSha256 } : {}),
      });
      if (url !== window.location.href) window.history.replaceState(null, '', url);
    };
    const timer = window.setTimeout(write, SETTLE_MS);
    window.addEventListener('pagehide', write);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('pagehide', write);
    };
    // The focus by its key: a new object each render with the same segment is the same link.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [assumptions, settings, set, scenario, focus, tapeSha256, modelSha256]);
}

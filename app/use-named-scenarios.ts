import { get, set } from 'idb-keyval';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { renamed, withScenario, without, type NamedScenario } from '@/lib/scenario';

/** Where the user's named scenarios are kept in this browser (IndexedDB): never sent anywhere. */
const STORED_KEY = 'riskdial:named-scenarios';

/**
 * The user's named scenarios, read from this browser once and written back on every change. `loaded`
 * turns true once read (or found unreadable: a private window keeps them for the page's life only).
 */
export function useNamedScenarios() {
  const [scenarios, setScenarios] = useState<NamedScenario[]>([]);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let live = true;
    void get<NamedScenario[]>(STORED_KEY)
      .catch(() => undefined)
      .then((stored) => {
        if (!live) return;
        // Any saved meanwhile (before the read answered) stay, after the stored ones.
        if (stored?.length) setScenarios((now) => now.reduce(withScenario, stored));
        setLoaded(true);
      });
    return () => {
      live = false;
    };
  }, []);

  const change = useCallback((next: (list: NamedScenario[]) => NamedScenario[]) => {
    setScenarios((list) => {
      const changed = next(list);
      void set(STORED_KEY, changed).catch(() => undefined);
      return changed;
    });
  }, []);

  // One object while the list stands: what is made from it (the library's callbacks) stays the same as the sliders move.
  return useMemo(
    () => ({
      scenarios,
      loaded,
      save: (s: NamedScenario) => change((list) => withScenario(list, s)),
      rename: (from: string, to: string) => change((list) => renamed(list, from, to)),
      remove: (name: string) => change((list) => without(list, name)),
      addAll: (added: readonly NamedScenario[]) => change((list) => added.reduce(withScenario, list)),
    }),
    [scenarios, loaded, change],
  );
}

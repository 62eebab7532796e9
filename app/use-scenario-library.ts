import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LibraryScenario } from '@/components/scenario-library';
import {
  sameAssumptions,
  lookUpScenario,
  nameRefusal,
  parseScenarioFile,
  scenarioFromQuery,
  scenarioLibraryJson,
  type Assumptions,
  type LinkScenario,
  type ScenarioSet,
  type Settings,
} from '@/lib/scenario';
import { decodeText, errorMessage } from '@/lib/util';
import { downloadText } from './download';
import { useNamedScenarios } from './use-named-scenarios';

interface View {
  assumptions: Assumptions;
  settings: Settings;
  scenarioSet: ScenarioSet;
}

/**
 * The scenario library behind the sliders: the set's presets and the user's own, kept in this browser,
 * exported and imported as a scenario file; and a link's scenario name resolved once they are read.
 */
export function useScenarioLibrary({
  view,
  link,
  search,
  tape,
  onView,
}: {
  view: View;
  link: LinkScenario;
  /** The query the page opened with: a bare saved name in it is looked up once the saved scenarios are read. */
  search: string;
  tape?: { name: string; sha256: string };
  onView: (next: View) => void;
}) {
  const named = useNamedScenarios();
  const [imported, setImported] = useState<{ ok: boolean; lines: string[] }>();
  const [linkProblems, setLinkProblems] = useState<string[]>([]);
  const latest = useRef(view);
  latest.current = view;

  // A link naming a scenario saved in this browser, with no levers beside it: applied once they are read.
  const unresolved = link.unresolved;
  useEffect(() => {
    if (!named.loaded || unresolved === undefined) return;
    const again = scenarioFromQuery(search, named.scenarios);
    if (again.unresolved === undefined) onView({ ...latest.current, assumptions: again.assumptions });
    else setLinkProblems(again.ignored.filter((m) => !link.ignored.includes(m)));
    // Once, when the saved scenarios are first read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [named.loaded]);

  const { scenarioSet, assumptions } = view;
  const active = useMemo(
    () =>
      [...scenarioSet.map((s) => ({ name: s.name, assumptions: s.assumptions })), ...named.scenarios].find((s) =>
        sameAssumptions(s.assumptions, assumptions),
      )?.name,
    [scenarioSet, named.scenarios, assumptions],
  );

  const apply = useCallback(
    (name: string) => {
      const found = lookUpScenario(name, latest.current.scenarioSet, named.scenarios);
      if (!('refused' in found)) onView({ ...latest.current, assumptions: found.assumptions });
    },
    [named.scenarios, onView],
  );

  const save = useCallback(
    (name: string, note: string) => {
      const why = nameRefusal(
        name,
        named.scenarios.map((s) => s.name),
        latest.current.scenarioSet,
      );
      if (!why)
        named.save({
          name: name.trim(),
          note: note.trim(),
          assumptions: latest.current.assumptions,
          savedAt: new Date().toISOString(),
          ...(tape ? { tape } : {}),
        });
      return why;
    },
    [named, tape],
  );

  const rename = useCallback(
    (from: string, to: string) => {
      const why = nameRefusal(
        to,
        named.scenarios.filter((s) => s.name !== from).map((s) => s.name),
        latest.current.scenarioSet,
      );
      if (!why) named.rename(from, to);
      return why;
    },
    [named],
  );

  const exportAll = useCallback(() => {
    const json = scenarioLibraryJson({ ...latest.current, named: named.scenarios });
    downloadText(
      `riskdial-scenarios-${new Date().toISOString().slice(0, 10)}.json`,
      `${JSON.stringify(json, null, 2)}\n`,
      'application/json',
    );
  }, [named.scenarios]);

  const importFile = useCallback(
    async (file: File) => {
      const refused = (lines: string[]) => setImported({ ok: false, lines: [`${file.name} was not imported; nothing changed.`, ...lines] });
      const decoded = decodeText(new Uint8Array(await file.arrayBuffer()), file.name);
      if (!decoded.ok) return refused([decoded.message]);
      let json: unknown;
      try {
        json = JSON.parse(decoded.text);
      } catch (e) {
        return refused([`It is not valid JSON: ${errorMessage(e)}.`]);
      }
      const parsed = parseScenarioFile(json);
      if (!parsed.ok) return refused(parsed.errors);
      const added = parsed.named ?? [];
      named.addAll(added);
      onView({ assumptions: parsed.assumptions, settings: parsed.settings, scenarioSet: parsed.scenarioSet });
      setImported({
        ok: true,
        lines: [
          `${file.name}: ${added.length} named scenario(s)${added.length ? ` (${added.map((s) => s.name).join(', ')})` : ''} added; a saved scenario of the same name is replaced.`,
          'The levers, settings and weights it was exported with are applied.',
        ],
      });
    },
    [named, onView],
  );

  const presets: LibraryScenario[] = useMemo(() => scenarioSet.map((s) => ({ name: s.name, note: s.narrative })), [scenarioSet]);
  const onImport = useCallback((file: File) => void importFile(file), [importFile]);

  return {
    active,
    named: named.scenarios,
    linkProblems,
    props: {
      presets,
      saved: named.scenarios,
      ...(active ? { active } : {}),
      onApply: apply,
      onSave: save,
      onRename: rename,
      onDelete: named.remove,
      onExport: exportAll,
      onImport,
      ...(imported ? { imported } : {}),
    },
  };
}

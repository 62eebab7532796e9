import { useCallback, useEffect, useMemo, useState } from 'react';
import { ComparePanel, type ComparePanelProps } from '@/components/compare-panel';
import { formatPercent } from '@/components/format';
import { MAX_COMPARED, type ComparedScenario, type ScenarioComparison } from '@/lib/engine';
import { sameAssumptions, type Assumptions, type NamedScenario, type ScenarioSet, type Settings } from '@/lib/scenario';
import { KPIS, KPI_FAMILIES } from './kpis';

/** The sliders as they stand, offered beside the named scenarios. */
export const CURRENT_SLIDERS = 'Current sliders';

const sameScenarios = (a: readonly ComparedScenario[], b: readonly ComparedScenario[]) =>
  a.length === b.length && a.every((s, k) => s.name === b[k]!.name && sameAssumptions(s.assumptions, b[k]!.assumptions));

const metricsOf = (book: object) => book as Record<string, number>;

type Answer = { scenarios: ComparedScenario[]; comparison: ScenarioComparison } | { scenarios: ComparedScenario[]; failed: string };

/**
 * Scenarios side by side: which to compare (the set's, the user's own and the sliders), asked of the
 * worker once the figures rest (on a big book when the user asks), shown with the weighted result.
 */
export function CompareSection({
  settled,
  sliders,
  scenarioSet,
  named,
  answer,
  auto,
  onCompare,
  onSave,
}: {
  /** The inputs of the figures at rest, or undefined while the sliders move. */
  settled?: { assumptions: Assumptions; settings: Settings; scenarioSet: ScenarioSet };
  /** The sliders as they stand: the "current sliders" column is not current until it answers them. */
  sliders: Assumptions;
  scenarioSet: ScenarioSet;
  named: readonly NamedScenario[];
  answer?: Answer;
  auto: boolean;
  onCompare: (scenarios: ComparedScenario[], inputs: { settings: Settings; scenarioSet: ScenarioSet }) => void;
  onSave?: ComparePanelProps['onSave'];
}) {
  const [chosen, setChosen] = useState<string[]>(() =>
    ['Base', 'Adverse', 'Severely adverse'].filter((n) => scenarioSet.some((s) => s.name === n)),
  );
  const choices = useMemo(() => [CURRENT_SLIDERS, ...scenarioSet.map((s) => s.name), ...named.map((s) => s.name)], [scenarioSet, named]);
  // A saved scenario deleted or renamed leaves the comparison.
  const live = useMemo(() => chosen.filter((n) => choices.includes(n)), [chosen, choices]);
  const wanted = useMemo(() => {
    if (!settled) return undefined;
    const levers = (name: string) =>
      name === CURRENT_SLIDERS
        ? settled.assumptions
        : (scenarioSet.find((s) => s.name === name) ?? named.find((s) => s.name === name))!.assumptions;
    return live.map((name) => ({ name, assumptions: levers(name) }));
  }, [settled, live, scenarioSet, named]);
  const ask = useCallback(() => {
    if (settled && wanted && wanted.length >= 2) onCompare(wanted, settled);
  }, [settled, wanted, onCompare]);
  useEffect(() => {
    // Asked again when what is compared, or the figures it rests on, change.
    if (auto) ask();
  }, [auto, ask]);
  const comparison = answer && 'comparison' in answer ? answer.comparison : undefined;
  // Made once per answer: the panel (four charts) re-renders only when its answer or choices change, never on a slider step.
  const shown = useMemo(
    () =>
      comparison && {
        columns: comparison.columns.map((c) => ({ name: c.name, values: metricsOf(c.book) })),
        weighted: {
          values: metricsOf(comparison.weighted.book),
          weights: comparison.weighted.weights.map((w) => `${w.name} ${formatPercent(w.weight)}`).join(', '),
        },
      },
    [comparison],
  );
  const behindSliders = live.includes(CURRENT_SLIDERS) && settled && !sameAssumptions(settled.assumptions, sliders);
  const stale = !answer || !wanted || !sameScenarios(answer.scenarios, wanted) || !!behindSliders;
  return (
    <ComparePanel
      choices={choices}
      chosen={live}
      onChoose={setChosen}
      max={MAX_COMPARED}
      kpis={KPIS}
      families={KPI_FAMILIES}
      {...(shown ?? {})}
      {...(answer && 'failed' in answer ? { failed: answer.failed } : {})}
      stale={stale}
      {...(!auto ? { onAsk: ask } : {})}
      {...(onSave ? { onSave } : {})}
    />
  );
}

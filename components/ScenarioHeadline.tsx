import type { Headline } from './headline';

/** The scenario in one sentence, above the KPI cards: what a presenter reads out. */
export function ScenarioHeadline({ headline }: { headline: Headline }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm" data-testid="scenario-headline" aria-live="polite">
      <p className="text-sm font-semibold text-indigo-700" data-testid="scenario-levers">{headline.levers}</p>
      <p className="figure mt-0.5 text-base font-medium text-slate-800 xl:text-lg">{headline.sentence}</p>
    </section>
  );
}

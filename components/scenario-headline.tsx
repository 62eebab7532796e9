import type { Headline } from './headline';
import { Card } from './ui/card';

/** The scenario in one sentence, above the KPI cards: what a presenter reads out. */
export function ScenarioHeadline({ headline }: { headline: Headline }) {
  return (
    <Card className="px-4 py-3" data-testid="scenario-headline" aria-live="polite">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p className="text-sm font-semibold text-indigo-700" data-testid="scenario-levers">
          {headline.levers}
        </p>
        <p className="shrink-0 text-xs text-slate-500">
          <span aria-hidden className="mr-1 inline-block h-2 w-2 rounded-full bg-better" />
          better for the bank
          <span aria-hidden className="ml-3 mr-1 inline-block h-2 w-2 rounded-full bg-worse" />
          worse
        </p>
      </div>
      <p className="figure mt-0.5 text-base font-medium text-slate-800 xl:text-lg" data-testid="scenario-sentence">
        {headline.sentence}
      </p>
    </Card>
  );
}

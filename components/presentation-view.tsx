'use client';

import { useState } from 'react';
import type { AssumptionDefinition, AssumptionId } from '@/lib/scenario';
import { AssumptionSlider } from './assumption-slider';
import { formatFigure } from './format';
import type { Headline } from './headline';
import { kpiChange, type KpiCardProps } from './kpi-card';

interface Props {
  headline: Headline;
  /** Every KPI card, in reading order; only the chosen ones are shown. */
  cards: KpiCardProps[];
  chosenKpis: readonly string[];
  onChooseKpis: (names: string[]) => void;
  levers: readonly (AssumptionDefinition & { id: AssumptionId })[];
  values: Readonly<Record<AssumptionId, number>>;
  chosenLevers: readonly AssumptionId[];
  onChooseLevers: (ids: AssumptionId[]) => void;
  onLever: (id: AssumptionId, value: number) => void;
  /** A newer answer is on its way: the figures shown are the last one's. */
  pending: boolean;
  onExit: () => void;
}

/** Tailwind sees only whole class names: one per column count. */
const COLUMNS: Record<number, string> = { 1: 'xl:grid-cols-2', 2: 'xl:grid-cols-2', 3: 'xl:grid-cols-3', 4: 'xl:grid-cols-4' };

const toggle = <T,>(list: readonly T[], item: T, order: readonly T[]) =>
  order.filter((x) => (x === item ? !list.includes(item) : list.includes(x)));

/** A KPI as a projector shows it: the value large, its change and baseline beneath. */
function PresentedKpi({ name, label, kind, higherIs, baseline, scenario }: KpiCardProps) {
  const { tone, text } = kpiChange({ kind, higherIs, baseline, scenario });
  return (
    <div className={`rounded-2xl border-2 bg-white p-5 ${tone.border}`}>
      <h3 className="text-lg font-medium text-slate-600 sm:text-xl 2xl:text-2xl">{label}</h3>
      <p
        className="figure mt-1 text-4xl font-semibold tracking-tight text-slate-900 sm:text-5xl 2xl:text-6xl"
        data-testid={`present-kpi-${name}`}
        data-value={scenario}
      >
        {formatFigure(kind, scenario)}
      </p>
      <p className="figure mt-3 flex flex-wrap items-center gap-3 text-lg 2xl:text-xl">
        <span className={`rounded-lg px-2 py-0.5 font-medium ${tone.badge}`}>{text}</span>
        <span className="text-slate-500">baseline {formatFigure(kind, baseline)}</span>
      </p>
    </div>
  );
}

/**
 * Presentation mode: the whole screen for the headline, the chosen KPIs in large type and the chosen
 * levers, readable from the back of a room at 1280×720 and 1920×1080. Esc leaves it.
 */
export function PresentationView(props: Props) {
  const { headline, cards, chosenKpis, levers, values, chosenLevers, pending } = props;
  const [choosing, setChoosing] = useState(false);
  const shown = cards.filter((c) => chosenKpis.includes(c.name));
  return (
    <div
      className="fixed inset-0 z-50 overflow-auto bg-slate-50"
      role="dialog"
      aria-modal="true"
      aria-labelledby="presentation-headline"
      data-testid="presentation"
    >
      <div className="mx-auto flex min-h-full max-w-[1800px] flex-col gap-4 px-4 py-4 sm:gap-6 sm:px-8 sm:py-6">
        <div className="flex flex-wrap items-center justify-between gap-2 sm:gap-4">
          <p className="text-base font-semibold text-indigo-700 sm:text-lg 2xl:text-xl" data-testid="presentation-levers">
            {headline.levers}
          </p>
          <div className="flex shrink-0 gap-2">
            <button
              type="button"
              className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-base hover:bg-slate-100"
              onClick={() => setChoosing((c) => !c)}
              aria-expanded={choosing}
              data-testid="presentation-choose"
            >
              Choose what to show
            </button>
            <button
              type="button"
              className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-base hover:bg-slate-100"
              onClick={props.onExit}
              data-testid="presentation-exit"
            >
              Exit <kbd className="text-sm text-slate-500">Esc</kbd>
            </button>
          </div>
        </div>
        {choosing && (
          <fieldset
            className="grid gap-4 rounded-xl border border-slate-200 bg-white p-4 text-base md:grid-cols-2"
            data-testid="presentation-choices"
          >
            <div>
              <legend className="font-semibold text-slate-700">KPIs</legend>
              {cards.map((c) => (
                <label key={c.name} className="mr-4 inline-flex items-center gap-1.5">
                  <input
                    type="checkbox"
                    checked={chosenKpis.includes(c.name)}
                    onChange={() =>
                      props.onChooseKpis(
                        toggle(
                          chosenKpis,
                          c.name,
                          cards.map((x) => x.name),
                        ),
                      )
                    }
                    data-testid={`present-choose-kpi-${c.name}`}
                  />
                  {c.label}
                </label>
              ))}
            </div>
            <div>
              <p className="font-semibold text-slate-700">Levers</p>
              {levers.map((d) => (
                <label key={d.id} className="mr-4 inline-flex items-center gap-1.5">
                  <input
                    type="checkbox"
                    checked={chosenLevers.includes(d.id)}
                    onChange={() =>
                      props.onChooseLevers(
                        toggle(
                          chosenLevers,
                          d.id,
                          levers.map((x) => x.id),
                        ),
                      )
                    }
                    data-testid={`present-choose-lever-${d.id}`}
                  />
                  {d.label}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <h2
          id="presentation-headline"
          className="figure text-2xl font-semibold leading-snug text-slate-900 sm:text-3xl 2xl:text-4xl"
          aria-live="polite"
          data-testid="presentation-headline"
        >
          {headline.sentence}
        </h2>
        <div
          className={`grid grid-cols-1 gap-4 sm:grid-cols-2 sm:gap-5 ${COLUMNS[Math.min(4, shown.length)] ?? 'xl:grid-cols-4'} stale-aware`}
          data-stale={pending}
          aria-busy={pending}
        >
          {shown.map((card) => (
            <PresentedKpi key={card.name} {...card} />
          ))}
        </div>
        {chosenLevers.length > 0 && (
          <div
            className="grid grid-cols-1 gap-2 rounded-2xl border border-slate-200 bg-white p-3 text-lg md:grid-cols-2 xl:grid-cols-3"
            data-testid="presentation-sliders"
          >
            {levers
              .filter((d) => chosenLevers.includes(d.id))
              .map((d) => (
                <AssumptionSlider key={d.id} definition={d} value={values[d.id]} onChange={props.onLever} />
              ))}
          </div>
        )}
      </div>
    </div>
  );
}

/** A number the user sets (a lever or a setting): its id, words, unit, range, step and default. */
export interface NumberDefinition {
  id: string;
  label: string;
  unit: string;
  /** Short unit for compact display next to a value. */
  symbol: string;
  min: number;
  max: number;
  step: number;
  defaultValue: number;
}

/** The scenario levers. Their ids are a public contract: scenario JSON keys, UI test ids, URL keys. */
export interface AssumptionDefinition extends NumberDefinition {
  bigStep: number;
  description: string;
  /**
   * For a lever that moves PDs: the direction in which it is adverse (PD must rise). Checked on the
   * model card's reference loans when a model loads; a card whose channel does nothing or the
   * opposite is refused.
   */
  adverse?: 'lowered' | 'raised';
  /**
   * 'new-business-only': the existing book's contracts are fixed, so this lever does not reach the
   * model's inputs for booked loans (it reprices their funding instead); new loans get it through
   * the pass-through setting.
   */
  book?: 'new-business-only';
}

export const ASSUMPTIONS = [
  {
    id: 'income-shock',
    label: 'Income shock',
    unit: '%',
    symbol: '%',
    min: -50,
    max: 30,
    step: 1,
    bigStep: 10,
    defaultValue: 0,
    description: "Change of every borrower's income; raises the payment burden and lowers log income.",
    adverse: 'lowered',
  },
  {
    id: 'rate-shock',
    label: 'Interest-rate shock',
    unit: 'basis points',
    symbol: 'bp',
    min: -300,
    max: 600,
    step: 25,
    bigStep: 100,
    defaultValue: 0,
    description:
      'Change of market rates. The book’s fixed instalments stay; its unhedged funding reprices. New loans are priced higher, which raises their instalment and PD.',
    adverse: 'raised',
    book: 'new-business-only',
  },
  {
    id: 'utilization-shift',
    label: 'Utilisation shift',
    unit: 'percentage points',
    symbol: 'pp',
    min: -30,
    max: 50,
    step: 1,
    bigStep: 10,
    defaultValue: 0,
    description: 'Change of revolving and total credit utilisation.',
    adverse: 'raised',
  },
  {
    id: 'unemployment-change',
    label: 'Unemployment change',
    unit: 'percentage points',
    symbol: 'pp',
    min: -3,
    max: 10,
    step: 0.25,
    bigStep: 1,
    defaultValue: 0,
    description: 'Change of the unemployment rate, as a single-factor (Vasicek) shift of every PD.',
    adverse: 'raised',
  },
  {
    id: 'lgd',
    label: 'Loss given default',
    unit: '%',
    symbol: '%',
    min: 0,
    max: 100,
    step: 1,
    bigStep: 10,
    defaultValue: 85,
    description: 'Share of the exposure lost when a loan defaults.',
  },
  {
    id: 'cutoff',
    label: 'Approval cut-off',
    unit: '% PD',
    symbol: '% PD',
    min: 0.5,
    max: 100,
    step: 0.5,
    bigStep: 5,
    defaultValue: 100,
    description:
      'New business only: applicants whose scenario PD is above the cut-off are declined; 100% approves all. Booked loans stay on the book.',
  },
] as const satisfies readonly AssumptionDefinition[];

export type AssumptionId = (typeof ASSUMPTIONS)[number]['id'];
export type Assumptions = Readonly<Record<AssumptionId, number>>;

export const ASSUMPTION_IDS = ASSUMPTIONS.map((a) => a.id) as readonly AssumptionId[];

export const BASELINE_ASSUMPTIONS: Assumptions = Object.fromEntries(ASSUMPTIONS.map((a) => [a.id, a.defaultValue])) as Record<
  AssumptionId,
  number
>;

export function assumptionById(id: AssumptionId): AssumptionDefinition {
  return ASSUMPTIONS.find((a) => a.id === id)!;
}

export const isAssumptionId = (id: string): id is AssumptionId => (ASSUMPTION_IDS as readonly string[]).includes(id);

/** The levers as they reach the existing book's model inputs: new-business-only levers at their baseline. */
export function bookAssumptions(a: Assumptions): Assumptions {
  const out: Record<string, number> = { ...a };
  for (const d of ASSUMPTIONS as readonly AssumptionDefinition[]) if (d.book === 'new-business-only') out[d.id] = d.defaultValue;
  return out as Assumptions;
}

/** The levers as they reach new loans: rate levers scaled by the pass-through share. */
export function newBusinessAssumptions(a: Assumptions, passThrough: number): Assumptions {
  const out: Record<string, number> = { ...a };
  for (const d of ASSUMPTIONS as readonly AssumptionDefinition[])
    if (d.book === 'new-business-only') out[d.id] = d.defaultValue + (a[d.id as AssumptionId] - d.defaultValue) * passThrough;
  return out as Assumptions;
}

/** Every value a lever's slider can take, from min to max by its step. */
export function assumptionGrid(id: AssumptionId): number[] {
  const { min, max, step } = assumptionById(id);
  const count = Math.round((max - min) / step) + 1;
  return Array.from({ length: count }, (_, k) => Number((min + k * step).toFixed(6)));
}

/** Whether two sets of lever values are the same, lever by lever. */
export const sameAssumptions = (a: Assumptions, b: Assumptions): boolean => ASSUMPTION_IDS.every((id) => a[id] === b[id]);

/**
 * The levers one step either side of each of `levers` (inside its range): where the next key press on
 * any of them goes. Rounded as the slider's grid is (0.1 + 0.2 is 0.3).
 */
export function oneStepAway(from: Assumptions, levers: readonly AssumptionId[]): Assumptions[] {
  return ASSUMPTIONS.filter((a) => levers.includes(a.id)).flatMap((a) =>
    [from[a.id] + a.step, from[a.id] - a.step]
      .map((v) => Number(v.toFixed(6)))
      .filter((v) => v >= a.min && v <= a.max)
      .map((v) => ({ ...from, [a.id]: v })),
  );
}

/**
 * The levers a presenter stepping one lever asks for next: `after` with that lever moved once more by
 * the same amount, when `after` differs from `before` in that one lever alone; undefined otherwise, or
 * when the step would leave the lever's range.
 */
export function nextStep(before: Assumptions, after: Assumptions): Assumptions | undefined {
  const moved = ASSUMPTIONS.filter((a) => before[a.id] !== after[a.id]);
  if (moved.length !== 1) return undefined;
  const lever = moved[0]!;
  const next = after[lever.id] + (after[lever.id] - before[lever.id]);
  return next < lever.min || next > lever.max ? undefined : { ...after, [lever.id]: next };
}

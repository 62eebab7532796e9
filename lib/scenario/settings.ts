/**
 * The fixed assumptions behind every figure that are not scenario levers: the capital regime, the
 * IFRS 9 / CECL schedule, funding and profitability. Each has a value, a unit and a source, is shown
 * in one settings panel, travels in every export and in `npm run score`, and can be set in a
 * scenario file. Their ids are a public contract like the levers'.
 */
import { shorten } from '../util';
import type { NumberDefinition } from './assumptions';

export interface SettingDefinition extends NumberDefinition {
  /** Where the default comes from, or why it is what it is. */
  source: string;
  group: SettingGroup;
}

export const SETTING_GROUPS = {
  capital: 'Capital',
  ifrs9: 'IFRS 9 and CECL',
  rates: 'Funding and rates',
  profitability: 'Profitability',
} as const;
export type SettingGroup = keyof typeof SETTING_GROUPS;

/** The capital regimes: the retail PD floor, the unsecured-retail LGD floor and the scaling factor. */
export const REGIMES = {
  'basel-iii': {
    label: 'Basel III (2017 reforms)',
    pdFloor: 0.0005,
    lgdFloor: 0.3,
    scaling: 1,
    source:
      'BCBS, Basel III: Finalising post-crisis reforms (Dec 2017), CRE31–32: retail PD floor 0.05%, LGD floor 30% (other unsecured retail), no 1.06 factor.',
  },
  'basel-ii': {
    label: 'Basel II / CRR',
    pdFloor: 0.0003,
    lgdFloor: 0,
    scaling: 1.06,
    source: 'Basel II (June 2006) ¶331: retail PD floor 0.03%; ¶44: risk-weighted assets scaled by 1.06; no LGD input floor.',
  },
} as const;
export type RegimeId = keyof typeof REGIMES;
export const REGIME_IDS = Object.keys(REGIMES) as RegimeId[];

const illustrative = 'Illustrative; set it to the bank’s own figure.';

export const SETTINGS = [
  {
    id: 'downturn-lgd-add-on',
    label: 'Downturn LGD add-on (capital only)',
    unit: 'percentage points',
    symbol: 'pp',
    min: 0,
    max: 50,
    step: 1,
    defaultValue: 10,
    source: 'Basel II ¶468: capital uses a downturn LGD; expected loss and ECL use the point-in-time LGD lever. ' + illustrative,
    group: 'capital',
  },
  {
    id: 'cpr',
    label: 'Prepayment (CPR)',
    unit: '% a year',
    symbol: '%',
    min: 0,
    max: 50,
    step: 1,
    defaultValue: 15,
    source: 'IFRS 9 Appendix A: expected life considers prepayment. 15% a year, as in the credit-risk review of this book. ' + illustrative,
    group: 'ifrs9',
  },
  {
    id: 'hazard-peak-month',
    label: 'Default hazard peak (month on book; 0 = flat)',
    unit: 'months',
    symbol: 'mo',
    min: 0,
    max: 60,
    step: 1,
    defaultValue: 12,
    source:
      'Consumer instalment-loan default hazards are hump-shaped, peaking around months 9–18 on book (credit-risk review); scaled so the next 12 months give the model’s 12-month PD.',
    group: 'ifrs9',
  },
  {
    id: 'reasonable-supportable-months',
    label: 'Reasonable-and-supportable period',
    unit: 'months',
    symbol: 'mo',
    min: 0,
    max: 60,
    step: 1,
    defaultValue: 24,
    source:
      'IFRS 9 5.5.17(c), B5.5.50; ASC 326-20-30-9: the scenario holds this long, then reverts. Two to three years is common practice.',
    group: 'ifrs9',
  },
  {
    id: 'reversion-months',
    label: 'Reversion to baseline (straight line)',
    unit: 'months',
    symbol: 'mo',
    min: 0,
    max: 36,
    step: 1,
    defaultValue: 12,
    source: 'ASC 326-20-30-9 permits straight-line reversion to historical loss information; IFRS 9 B5.5.50 likewise.',
    group: 'ifrs9',
  },
  {
    id: 'sicr-relative',
    label: 'Stage 2: PD multiple of origination PD',
    unit: 'times',
    symbol: '×',
    min: 1,
    max: 10,
    step: 0.25,
    defaultValue: 2,
    source:
      'IFRS 9 5.5.9: significant increase in credit risk since initial recognition; a doubling of the 12-month PD (B5.5.13 proxy) is common practice.',
    group: 'ifrs9',
  },
  {
    id: 'sicr-absolute',
    label: 'Stage 2: and PD rise of at least',
    unit: 'percentage points',
    symbol: 'pp',
    min: 0,
    max: 20,
    step: 0.25,
    defaultValue: 2,
    source: 'IFRS 9 B5.5.9: the same relative change matters less at a low origination PD; both thresholds must be met.',
    group: 'ifrs9',
  },
  {
    id: 'funding-1y',
    label: 'Funding rate, 1 year',
    unit: '% a year',
    symbol: '%',
    min: 0,
    max: 20,
    step: 0.05,
    defaultValue: 3,
    source:
      'Funds-transfer-pricing curve, interpolated by each loan’s original term (transfer pricing is locked at origination). ' +
      illustrative,
    group: 'rates',
  },
  {
    id: 'funding-3y',
    label: 'Funding rate, 3 years',
    unit: '% a year',
    symbol: '%',
    min: 0,
    max: 20,
    step: 0.05,
    defaultValue: 3.25,
    source: 'Funds-transfer-pricing curve. ' + illustrative,
    group: 'rates',
  },
  {
    id: 'funding-5y',
    label: 'Funding rate, 5 years',
    unit: '% a year',
    symbol: '%',
    min: 0,
    max: 20,
    step: 0.05,
    defaultValue: 3.5,
    source: 'Funds-transfer-pricing curve. ' + illustrative,
    group: 'rates',
  },
  {
    id: 'hedge-ratio',
    label: 'Book funding hedged',
    unit: '%',
    symbol: '%',
    min: 0,
    max: 100,
    step: 5,
    defaultValue: 50,
    source: 'The book’s instalments are fixed; a rate shock reprices its funding by shock × (1 − hedge ratio). ' + illustrative,
    group: 'rates',
  },
  {
    id: 'pass-through',
    label: 'Rate pass-through to new loans',
    unit: '%',
    symbol: '%',
    min: 0,
    max: 100,
    step: 5,
    defaultValue: 100,
    source: 'New business is priced at the shocked market rate: its rate, instalment, PD and income move by shock × pass-through.',
    group: 'rates',
  },
  {
    id: 'opex',
    label: 'Operating cost',
    unit: '% of exposure a year',
    symbol: '%',
    min: 0,
    max: 10,
    step: 0.1,
    defaultValue: 2,
    source: 'As in the credit-risk review’s illustration. ' + illustrative,
    group: 'profitability',
  },
  {
    id: 'origination-fee',
    label: 'Origination fee (spread over the term)',
    unit: '% of amount',
    symbol: '%',
    min: 0,
    max: 10,
    step: 0.1,
    defaultValue: 3,
    source:
      'Lending Club charged 1–6% up front; recognised evenly over the contractual term (an approximation of IFRS 9 effective-interest accounting).',
    group: 'profitability',
  },
  {
    id: 'tax-rate',
    label: 'Tax rate',
    unit: '%',
    symbol: '%',
    min: 0,
    max: 50,
    step: 1,
    defaultValue: 25,
    source: 'US federal 21% plus state taxes. ' + illustrative,
    group: 'profitability',
  },
  {
    id: 'capital-ratio',
    label: 'Capital held',
    unit: '% of risk-weighted assets',
    symbol: '%',
    min: 8,
    max: 25,
    step: 0.5,
    defaultValue: 10.5,
    source: 'Basel III: 8% minimum total capital plus the 2.5% capital conservation buffer (RBC30).',
    group: 'profitability',
  },
  {
    id: 'capital-benefit',
    label: 'Return on capital held',
    unit: '% a year',
    symbol: '%',
    min: 0,
    max: 10,
    step: 0.25,
    defaultValue: 3,
    source: 'Capital held is invested at about the risk-free rate, as in the credit-risk review’s illustration. ' + illustrative,
    group: 'profitability',
  },
  {
    id: 'hurdle-rate',
    label: 'Hurdle rate (cost of equity)',
    unit: '% a year',
    symbol: '%',
    min: 0,
    max: 30,
    step: 0.5,
    defaultValue: 12,
    source: 'Economic profit = profit after tax − hurdle × capital held. ' + illustrative,
    group: 'profitability',
  },
] as const satisfies readonly SettingDefinition[];

export type SettingId = (typeof SETTINGS)[number]['id'];
export type Settings = Readonly<Record<SettingId, number> & { regime: RegimeId }>;

export const SETTING_IDS = SETTINGS.map((s) => s.id) as readonly SettingId[];

export const DEFAULT_SETTINGS: Settings = {
  regime: 'basel-iii',
  ...(Object.fromEntries(SETTINGS.map((s) => [s.id, s.defaultValue])) as Record<SettingId, number>),
};

/** Rules the engine applies that are not settings, listed beside them so nothing is hidden. */
export const FIXED_RULES = [
  {
    label: 'Stage 2 backstop',
    value: '30 days past due',
    source: 'IFRS 9 5.5.11 rebuttable presumption (where the tape has days_past_due).',
  },
  {
    label: 'Stage 3 (credit-impaired)',
    value: '90 days past due',
    source: 'IFRS 9 B5.5.37 default presumption (where the tape has days_past_due).',
  },
  { label: 'IRB asset correlation', value: 'other retail 3%–16%', source: 'Basel II ¶330; CRE31.' },
  { label: 'IRB confidence level', value: '99.9%', source: 'Basel II ¶272; CRE31.' },
  {
    label: 'Discount rate for ECL',
    value: 'each loan’s contract rate',
    source: 'IFRS 9 B5.5.44: the effective interest rate (fees left out).',
  },
  { label: 'PD horizon', value: '12 months', source: 'The model’s PD is read as a 12-month PD (see the model card’s outcome definition).' },
] as const;

export const isSettingId = (id: string): id is SettingId => (SETTING_IDS as readonly string[]).includes(id);
export const isRegimeId = (id: unknown): id is RegimeId => typeof id === 'string' && (REGIME_IDS as readonly string[]).includes(id);

export function settingById(id: SettingId): SettingDefinition {
  return SETTINGS.find((s) => s.id === id)!;
}

/** A stable key of the settings: equal keys, equal figures. */
export const settingsKey = (s: Settings): string => [s.regime, ...SETTING_IDS.map((id) => s[id])].join('|');

/** Why one setting's value is refused, or undefined when it is good. */
export function settingRefusal(id: string, value: unknown): string | undefined {
  if (id === 'regime') {
    return isRegimeId(value)
      ? undefined
      : `Setting "regime" is ${shorten(JSON.stringify(value) ?? String(value))}; expected one of ${REGIME_IDS.join(', ')}.`;
  }
  if (!isSettingId(id)) return `Unknown setting "${shorten(id)}"; expected regime or one of ${SETTING_IDS.join(', ')}.`;
  const def = settingById(id);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `Setting "${id}" is ${shorten(JSON.stringify(value) ?? String(value))}; expected a number in ${def.unit} from ${def.min} to ${def.max}.`;
  }
  if (value < def.min || value > def.max)
    return `Setting "${id}" is ${value} ${def.symbol}, out of range; expected ${def.min} to ${def.max} ${def.unit}.`;
  return undefined;
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; errors: string[] };

/** Settings from a JSON object; anything not given keeps its default. */
export function parseSettings(json: unknown): SettingsResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, errors: ['"settings" must be a JSON object of setting ids to values, e.g. {"cpr": 10}.'] };
  }
  const errors: string[] = [];
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [id, value] of Object.entries(json)) {
    const why = settingRefusal(id, value);
    if (why) errors.push(why);
    else settings[id] = value;
  }
  return errors.length ? { ok: false, errors } : { ok: true, settings: settings as Settings };
}

/** The funding rate (share a year) for a term in years: linear between the curve's points, flat beyond them. */
export function fundingRate(s: Settings, years: number): number {
  const [one, three, five] = [s['funding-1y'], s['funding-3y'], s['funding-5y']];
  const percent =
    years <= 1
      ? one
      : years <= 3
        ? one + ((three - one) * (years - 1)) / 2
        : years <= 5
          ? three + ((five - three) * (years - 3)) / 2
          : five;
  return percent / 100;
}

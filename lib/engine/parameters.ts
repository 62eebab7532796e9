/** The settings and levers as the metrics take them: shares, floors and the schedule. */
import type { LoanFigureParams, MetricParams } from '../metrics';
import { REGIMES, fundingRate, type Assumptions, type Settings } from '../scenario';

const share = (percent: number) => percent / 100;

/** LGD and the profitability settings, applied after the sums. */
export function metricParams(a: Assumptions, s: Settings): MetricParams {
  const regime = REGIMES[s.regime];
  const lgd = share(a.lgd);
  return {
    lgd,
    capitalLgd: Math.min(1, Math.max(regime.lgdFloor, lgd + share(s['downturn-lgd-add-on']))),
    capitalScaling: regime.scaling,
    opex: share(s.opex),
    originationFee: share(s['origination-fee']),
    taxRate: share(s['tax-rate']),
    capitalRatio: share(s['capital-ratio']),
    capitalBenefit: share(s['capital-benefit']),
    hurdleRate: share(s['hurdle-rate']),
  };
}

/** What the per-loan figures depend on besides the PDs. */
export function loanFigureParams(s: Settings): LoanFigureParams {
  return {
    schedule: {
      cpr: share(s.cpr),
      hazardPeakMonth: s['hazard-peak-month'],
      reasonableSupportableMonths: s['reasonable-supportable-months'],
      reversionMonths: s['reversion-months'],
    },
    staging: { relative: s['sicr-relative'], absolute: share(s['sicr-absolute']) },
    pdFloor: REGIMES[s.regime].pdFloor,
    fundingRate: (years) => fundingRate(s, years),
  };
}

/** How much the book's funding reprices (a share a year): the rate shock on its unhedged part. */
export const bookFundingShock = (a: Assumptions, s: Settings): number => (a['rate-shock'] / 10_000) * (1 - share(s['hedge-ratio']));

/** New loans are funded at today's market rate: the whole shock. */
export const newBusinessFundingShock = (a: Assumptions): number => a['rate-shock'] / 10_000;

/** The rate move new loans are priced with, in % a year. */
export const newBusinessRateShift = (a: Assumptions, s: Settings): number => (a['rate-shock'] / 100) * share(s['pass-through']);

/** Small hand-made per-loan figures for the metrics' unit tests. */
import { irbCapitalPerLgd, type LoanFigures } from '../metrics';

export function handMadeFigures(
  rows: {
    ead: number;
    ratePct: number;
    months: number;
    pd: number;
    stage: 1 | 2 | 3;
    ecl12: number;
    lifetime: number;
    averageBalance: number;
    fundingRate: number;
  }[],
): LoanFigures {
  const column = (f: (r: (typeof rows)[number]) => number) => Float64Array.from(rows, f);
  return {
    loans: {
      ead: column((r) => r.ead),
      amountLent: column((r) => r.ead),
      ratePct: column((r) => r.ratePct),
      remainingMonths: column((r) => r.months),
      monthsOnBook: new Float64Array(rows.length),
    },
    pd: column((r) => r.pd),
    capitalPerLgd: column((r) => irbCapitalPerLgd(r.pd)),
    stage: Uint8Array.from(rows, (r) => r.stage),
    ecl12: column((r) => r.ecl12),
    lifetime: column((r) => r.lifetime),
    averageBalance: column((r) => r.averageBalance),
    fundingRate: column((r) => r.fundingRate),
    intensity: new Float64Array(rows.length),
    tail: new Float64Array(rows.length),
  };
}

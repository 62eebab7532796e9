/** The JavaScript budget's rule, apart from the file reading: more than 10% over the budget fails. */
export interface BundleSizes {
  /** Gzip bytes of the scripts the page's HTML loads first. */
  firstLoadJsGzip: number;
  /** Gzip bytes of every client JavaScript file the build emits (lazy chunks and workers included). */
  allJsGzip: number;
}

export const ALLOWED_GROWTH = 0.1;

const LABELS: Record<keyof BundleSizes, string> = { firstLoadJsGzip: 'first-load JS', allJsGzip: 'all client JS' };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function budgetVerdicts(sizes: BundleSizes, budget: BundleSizes): { ok: boolean; line: string }[] {
  return (Object.keys(LABELS) as (keyof BundleSizes)[]).map((key) => {
    const limit = budget[key] * (1 + ALLOWED_GROWTH);
    const ok = sizes[key] <= limit;
    const change = ((sizes[key] - budget[key]) / budget[key]) * 100;
    return {
      ok,
      line: `${ok ? 'ok  ' : 'OVER'} ${LABELS[key]}: ${kb(sizes[key])} gzip (budget ${kb(budget[key])}, ${change >= 0 ? '+' : ''}${change.toFixed(1)}%, limit ${kb(limit)})`,
    };
  });
}

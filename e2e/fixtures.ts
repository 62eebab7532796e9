import { spawnSync } from 'node:child_process';
import { test as base, expect, type Page } from '@playwright/test';
import Papa from 'papaparse';

interface Watch {
  offOrigin: string[];
  errors: string[];
  /** A test that provokes a failure names the errors it expects; only those are forgiven. */
  expectErrors: (...patterns: RegExp[]) => void;
}

/**
 * Every test watches the whole browser context: any request to another origin, or any console
 * error or uncaught exception, fails the test that caused it, unless the test said it expects it.
 */
export const test = base.extend<{ watch: Watch }>({
  watch: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const expected: RegExp[] = [];
      const watch: Watch = { offOrigin: [], errors: [], expectErrors: (...patterns) => expected.push(...patterns) };
      context.on('request', (request) => {
        const url = new URL(request.url());
        if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) watch.offOrigin.push(request.url());
      });
      context.on('page', (page) => observe(page, watch.errors));
      context.on('response', (response) => {
        if (response.status() >= 400) watch.errors.push(`HTTP ${response.status()} ${response.url()}`);
      });
      await use(watch);
      expect(watch.offOrigin, 'requests to other origins').toEqual([]);
      expect(
        watch.errors.filter((e) => !expected.some((p) => p.test(e))),
        'console errors',
      ).toEqual([]);
    },
    { auto: true },
  ],
});

function observe(page: Page, errors: string[]) {
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
}

export { expect };

/** The scenario value a KPI shows, as a number (the element also carries it unformatted). */
export async function kpi(page: Page, name: string): Promise<number> {
  return Number(await page.getByTestId(`kpi-${name}`).getAttribute('data-value'));
}

/** Waits until the figures on the page answer the latest slider position. */
export async function settled(page: Page) {
  await expect(page.getByTestId('busy-cue')).toHaveAttribute('data-pending', 'false');
}

export async function openDashboard(page: Page, query = '') {
  await page.goto(`/${query}`);
  await expect(page.getByTestId('model-status')).toHaveText('Model verified');
  await expect(page.getByTestId('kpi-expected-loss')).toBeVisible();
  await settled(page);
}

/** `npm run score` with these arguments, run to its end; its JSON summary, once it has succeeded. */
export function scoreCli(...args: string[]): unknown {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/score.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

/** A figure of the page's wide CSV export: the row of a scope, segment and figure (baseline, scenario, change), the column of a metric. */
export function csvFigure(csv: string, scope: string, segment: string, figure: 'baseline' | 'scenario' | 'change', metric: string): number {
  const rows = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true }).data;
  const row = rows.find((r) => r.scope === scope && r.segment === segment && r.figure === figure);
  if (!row || row[metric] === undefined) throw new Error(`no ${scope}/${segment}/${figure} ${metric} in the export`);
  return Number(row[metric]);
}

/** Clicks an export button and returns the file the browser saved, with the name it suggested. */
export async function downloaded(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(testId).click()]);
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
  return { name: download.suggestedFilename(), bytes };
}

/**
 * The name of the tape the page keeps in this browser for a reload (idb-keyval's store; null: none).
 * A test that reloads waits for the write it means to test: the page writes after showing the tape.
 */
export async function keptTapeName(page: Page): Promise<string | null> {
  return (await keptTape(page))?.name ?? null;
}

/** The tape this browser keeps for a reload (IndexedDB): its name, and whether it is kept as its file. */
export async function keptTape(page: Page): Promise<{ name: string; asFile: boolean } | null> {
  return page.evaluate(
    () =>
      new Promise<{ name: string; asFile: boolean } | null>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('keyval')) return resolve(null);
          const get = db.transaction('keyval').objectStore('keyval').get('riskdial:chosen-tape');
          get.onsuccess = () => {
            const kept = get.result as { name: string; file?: unknown } | undefined;
            resolve(kept ? { name: kept.name, asFile: kept.file instanceof Blob } : null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

/** Keeps a tape in this browser's IndexedDB as an earlier version of the page did: its name and bytes. */
export async function keepTapeAsBytes(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(
    ([name, text]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const put = open.result
            .transaction('keyval', 'readwrite')
            .objectStore('keyval')
            .put({ name, bytes: new TextEncoder().encode(text) }, 'riskdial:chosen-tape');
          put.onsuccess = () => resolve();
          put.onerror = () => reject(put.error);
        };
      }),
    [name, text],
  );
}

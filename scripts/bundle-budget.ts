/**
 * The JavaScript budget, checked at the end of every `npm run build`: the gzip size of what the page
 * loads first (the chunks Next lists for the route) and of all client JavaScript (the dashboard's
 * lazily loaded chunk, Recharts, the workers, onnxruntime's loader). Either growing more than 10% past
 * bundle-budget.json fails the build; a change that needs more raises the budget in the same commit
 * (`npm run build && npm run bundle-budget -- --write`).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { budgetVerdicts, type BundleSizes } from './bundle-sizes';

const BUDGET_FILE = 'bundle-budget.json';
const STATIC_DIR = '.next/static';
/** Next's own account of each route's first-load chunks. */
const ROUTE_STATS = '.next/diagnostics/route-bundle-stats.json';

const gzipBytes = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

function measure(): BundleSizes {
  const routes = JSON.parse(readFileSync(ROUTE_STATS, 'utf8')) as { route: string; firstLoadChunkPaths: string[] }[];
  const firstLoad = routes.find((r) => r.route === '/')?.firstLoadChunkPaths ?? [];
  if (firstLoad.length === 0) throw new Error(`${ROUTE_STATS} names no first-load chunks for /`);
  // Workers are emitted with their source's extension (engine.worker.<hash>.ts) but are JavaScript.
  const allJs = filesUnder(STATIC_DIR).filter((f) => /\.(m?js|worker\.[^.]+\.ts)$/.test(f));
  const sum = (files: string[]) => files.reduce((s, f) => s + gzipBytes(f), 0);
  return { firstLoadJsGzip: sum(firstLoad), allJsGzip: sum(allJs) };
}

const sizes = measure();
if (process.argv.includes('--write')) {
  writeFileSync(BUDGET_FILE, `${JSON.stringify(sizes, null, 2)}\n`);
  console.log(`bundle budget written: ${JSON.stringify(sizes)}`);
} else {
  const budget = JSON.parse(readFileSync(BUDGET_FILE, 'utf8')) as BundleSizes;
  const verdicts = budgetVerdicts(sizes, budget);
  for (const v of verdicts) console.log(v.line);
  if (verdicts.some((v) => !v.ok)) {
    console.error(
      `bundle budget exceeded: raise ${BUDGET_FILE} in the same commit if the growth is worth it (npm run bundle-budget -- --write)`,
    );
    process.exit(1);
  }
}

/**
 * Copies what the page loads at run time onto its own origin: onnxruntime-web's WebAssembly
 * runtime (public/ort/) and the bundled loan tape (public/portfolios/). Runs before every build.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// The package does not export package.json; its require entry lives in dist/.
const ortDist = dirname(require.resolve('onnxruntime-web/wasm'));
const copies: [string, string][] = [
  [join(ortDist, 'ort-wasm-simd-threaded.mjs'), 'public/ort/ort-wasm-simd-threaded.mjs'],
  [join(ortDist, 'ort-wasm-simd-threaded.wasm'), 'public/ort/ort-wasm-simd-threaded.wasm'],
  ['data/lending_club.csv', 'public/portfolios/lending_club.csv'],
];
for (const [from, to] of copies) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}
console.log(`prepared ${copies.map(([, to]) => to).join(', ')}`);

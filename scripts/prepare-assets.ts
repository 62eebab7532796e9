/**
 * Copies what the page loads at run time onto its own origin: onnxruntime-web's WebAssembly
 * runtime (public/ort/, with the WebAssembly also gzipped), the bundled loan tape (public/portfolios/) and the font the board PDF embeds
 * (public/fonts/: DejaVu Sans, whose glyphs cover the page's minus signs and arrows). Runs before every build.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// The package does not export package.json; its require entry lives in dist/.
const ortDist = dirname(require.resolve('onnxruntime-web/wasm'));
const copies: [string, string][] = [
  [join(ortDist, 'ort-wasm-simd-threaded.mjs'), 'public/ort/ort-wasm-simd-threaded.mjs'],
  [join(ortDist, 'ort-wasm-simd-threaded.wasm'), 'public/ort/ort-wasm-simd-threaded.wasm'],
  ['data/lending_club.csv', 'public/portfolios/lending_club.csv'],
  ...['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((font): [string, string] => [
    require.resolve(`dejavu-fonts-ttf/ttf/${font}`),
    `public/fonts/${font}`,
  ]),
];
for (const [from, to] of copies) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}
// The 14 MB runtime compressed once here (to 3.7 MB), served as such to a browser that takes gzip (next.config.ts):
// compressed on every request instead, it cost each worker about 400 ms of the server's core at every cold start.
const WASM = 'public/ort/ort-wasm-simd-threaded.wasm';
writeFileSync(`${WASM}.gz`, gzipSync(readFileSync(WASM), { level: 9 }));
console.log(`prepared ${[...copies.map(([, to]) => to), `${WASM}.gz`].join(', ')}`);

/**
 * npm run train [-- --out-dir DIR]: fits the champion PD model on data/lending_club.csv and writes
 * <name>.onnx and <name>.manifest.json (default: public/models). Deterministic: a clean checkout
 * reproduces both files byte for byte.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TRAINING_CONFIG, trainChampion } from '../lib/training';

const outDir = parseArgs({ options: { 'out-dir': { type: 'string', default: 'public/models' } } }).values['out-dir']!;
const { manifest, onnxBytes, model } = await trainChampion(readFileSync(TRAINING_CONFIG.dataFile, 'utf8'));
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, manifest.model.file), onnxBytes);
writeFileSync(join(outDir, `${manifest.name}.manifest.json`), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(
  JSON.stringify(
    {
      wrote: [join(outDir, manifest.model.file), join(outDir, `${manifest.name}.manifest.json`)],
      sha256: manifest.model.sha256,
      holdout: { auc: manifest.metrics.holdout.auc, ks: manifest.metrics.holdout.ks, brier: manifest.metrics.holdout.brier },
      fullTape: manifest.metrics.fullTape,
      weights: Object.fromEntries(model.numeric.map((f) => [f.name, Number(f.weight.toFixed(4))])),
    },
    null,
    2,
  ),
);

/** The benchmarks' tapes: seeded bootstrap resamples of the bundled tape, so every run measures the same loans. */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import seedrandom from 'seedrandom';

/**
 * Writes `loans` loans drawn with replacement (seeded) from the bundled tape, in blocks (a tape of any
 * size in little memory), under a temporary name renamed at the end: an interrupted run leaves no half tape.
 */
export function writeResample(loans: number, seed: string, path: string): string {
  const [header, ...rows] = readFileSync('data/lending_club.csv', 'utf8').trimEnd().split('\n');
  const rng = seedrandom(seed);
  mkdirSync('.bench', { recursive: true });
  const fd = openSync(`${path}.tmp`, 'w');
  try {
    writeSync(fd, `${header}\n`);
    const BLOCK = 50_000;
    for (let done = 0; done < loans; done += BLOCK) {
      const block: string[] = [];
      for (let i = done; i < Math.min(loans, done + BLOCK); i++) block.push(rows[Math.floor(rng() * rows.length)]!);
      writeSync(fd, `${block.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(`${path}.tmp`, path);
  return path;
}

/** The resample, written once and kept in .bench/ (the same seed gives the same file). */
export function resampleOnce(loans: number, seed: string, path: string): string {
  return existsSync(path) && statSync(path).size > 0 ? path : writeResample(loans, seed, path);
}

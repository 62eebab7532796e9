import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTapePart } from '../portfolio';
import { bundledManifest, TAPE_PATH } from '../testing';
import { parsePortfolio, parsePortfolioInParts, type TapePartParser } from './portfolio';

describe('a big tape parsed in parts', () => {
  it('gives each helper one part no longer than its limit, parses the rest here, and reads the same book', async () => {
    const text = readFileSync(TAPE_PATH, 'utf8');
    const got: Record<string, number[]> = { here: [], helper: [] };
    const parser =
      (where: string): TapePartParser =>
      async (part, specs) => (got[where]!.push(part.length), parseTapePart(part, specs));
    // The bundled tape (about 1.07 million characters) stands for a big one: parts of at most 300,000.
    const cutting = { aboveCharacters: 100_000, partCharacters: 300_000 };
    const result = await parsePortfolioInParts(text, bundledManifest(), [parser('here'), parser('helper')], cutting);
    expect(got.helper).toHaveLength(1);
    expect(got.here).toHaveLength(3);
    for (const length of [...got.here!, ...got.helper!]) expect(length).toBeLessThan(300_000);
    expect(result).toEqual(parsePortfolio(text, bundledManifest()));
    // A small tape is one part, parsed here.
    got.here = [];
    got.helper = [];
    await parsePortfolioInParts(text, bundledManifest(), [parser('here'), parser('helper')]);
    expect(got).toEqual({ here: [text.length], helper: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { tooLargeForBrowser } from '.';

describe('the largest tape the page reads', () => {
  it('accepts up to 256 MB and refuses more, with the size, the limit and the command that scores it', () => {
    expect(tooLargeForBrowser('book.csv', 256 * 1024 * 1024)).toBeUndefined();
    expect(tooLargeForBrowser('book.csv', 256 * 1024 * 1024 + 1)).toBe(
      'book.csv is 256 MB; this page reads loan tapes of up to 256 MB. Score a larger book with the command line, on the same engine: npm run score -- --portfolio book.csv --out scores.csv',
    );
    expect(tooLargeForBrowser('big.csv', 1.5 * 1024 ** 3)).toMatch(/^big\.csv is 1536 MB;/);
  });
});

import { describe, expect, it } from 'vitest';
import { checkPins } from '.';

const actual = { modelSha256: 'a'.repeat(64), cardSha256: 'b'.repeat(64) };

describe('a deployment pinned to its model and card', () => {
  it('accepts the pinned files (in either case of hex) and any file when nothing is pinned', () => {
    expect(() => checkPins({ modelSha256: 'A'.repeat(64), cardSha256: 'b'.repeat(64) }, actual)).not.toThrow();
    expect(() => checkPins({ modelSha256: '', cardSha256: undefined }, actual)).not.toThrow();
  });

  it('refuses another model file or another card, naming which and both digests', () => {
    expect(() => checkPins({ modelSha256: 'c'.repeat(64) }, actual)).toThrow(
      'The model file has SHA-256 aaaaaaaaaaaa…, but this deployment is pinned to cccccccccccc….',
    );
    expect(() => checkPins({ cardSha256: 'd'.repeat(64) }, actual)).toThrow(
      expect.objectContaining({
        name: 'ModelVerificationError',
        message: 'The model card has SHA-256 bbbbbbbbbbbb…, but this deployment is pinned to dddddddddddd….',
      }),
    );
  });
});

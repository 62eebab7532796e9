import { afterEach, describe, expect, it, vi } from 'vitest';
import { bundledModelBytes } from '../testing';
import { sha256Hex } from './sha256';

const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'; // FIPS 180-2, appendix B.1

describe('SHA-256 with and without Web Crypto', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gives the published digest of "abc", and the same digest of the model without crypto.subtle (plain http on a LAN)', async () => {
    const model = bundledModelBytes();
    const withSubtle = [await sha256Hex(new TextEncoder().encode('abc')), await sha256Hex(model)];
    vi.stubGlobal('crypto', {}); // what a page at a LAN address over plain http sees: no crypto.subtle
    const without = [await sha256Hex(new TextEncoder().encode('abc')), await sha256Hex(model)];
    expect(withSubtle[0]).toBe(ABC);
    expect(without).toEqual(withSubtle);
  });
});

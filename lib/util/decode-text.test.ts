import { describe, expect, it } from 'vitest';
import { decodeText } from '.';

const utf16 = (text: string, littleEndian: boolean) => {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
  const view = new DataView(out.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + 2 * i, text.charCodeAt(i), littleEndian);
  return out;
};

describe('reading a text file', () => {
  const csv = 'funded_amnt,term\n1000,term_36\n';

  it('reads UTF-8 with or without a byte-order mark, and UTF-16 either way round when marked', () => {
    const utf8 = new TextEncoder().encode(csv);
    expect(decodeText(utf8, 'x.csv')).toEqual({ ok: true, text: csv, encoding: 'utf-8' });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]), 'x.csv')).toEqual({ ok: true, text: csv, encoding: 'utf-8' });
    expect(decodeText(utf16(csv, true), 'x.csv')).toEqual({ ok: true, text: csv, encoding: 'utf-16le' });
    expect(decodeText(utf16(csv, false), 'x.csv')).toEqual({ ok: true, text: csv, encoding: 'utf-16be' });
  });

  it('refuses bytes that are not text in that encoding, naming the file and where', () => {
    const latin1 = Uint8Array.from([...new TextEncoder().encode('name\nZ'), 0xfc, ...new TextEncoder().encode('rich\n')]);
    expect(decodeText(latin1, 'loans.csv')).toEqual({
      ok: false,
      message: 'loans.csv is not valid UTF-8 text, from byte 6; save it as UTF-8 (or UTF-16 with a byte-order mark) and try again.',
    });
  });
});

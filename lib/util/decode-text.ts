/**
 * A text file's bytes as text, read the same way by the page, its worker and the command line:
 * UTF-8 (with or without a byte-order mark), or UTF-16 little- or big-endian when a byte-order mark
 * says so. Bytes that are not valid in that encoding are refused, never replaced silently.
 */
export type DecodedText = { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' } | { ok: false; message: string };

/** The encoding a file's first bytes declare (a byte-order mark), and the mark's length; UTF-8 without one. */
export function encodingOf(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: 'utf-8', bom: 0 };
}

/** The first byte offset at which `bytes` stop being valid UTF-8 (for the message). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  // Narrow down by halves: every prefix up to the first bad byte decodes (in streaming mode a prefix
  // that ends inside a character is still valid), none after it does.
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

export function decodeText(bytes: Uint8Array, what: string): DecodedText {
  const { encoding, bom } = encodingOf(bytes);
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bom));
    return { ok: true, text, encoding };
  } catch {
    const at = encoding === 'utf-8' ? `, from byte ${firstInvalidUtf8(bytes.subarray(bom)) + bom}` : '';
    return {
      ok: false,
      message: `${what} is not valid ${encoding.toUpperCase()} text${at}; save it as UTF-8 (or UTF-16 with a byte-order mark) and try again.`,
    };
  }
}

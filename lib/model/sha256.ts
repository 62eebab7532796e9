/**
 * SHA-256 hex digest: Web Crypto where the page has it (browsers in a secure context, workers, Node),
 * and @noble/hashes where it does not: a page opened at a LAN address over plain http has no
 * `crypto.subtle`, and must still pin the model and the tape by their hashes.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return bytesToHex(sha256(bytes));
  const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Just enough PEM (RFC 7468) to tell which kind of key a text holds before handing it to node:crypto:
 * the labels, never the bodies, reach messages.
 */

/** Key files and variables are small; anything larger is not a key (and is not read whole). */
export const MAX_PEM_BYTES = 64 * 1024;

/** One `-----BEGIN <label>-----` … `-----END <label>-----` block, exactly as it appeared. */
export interface PemBlock {
  label: string;
  text: string;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]{1,64})-----\r?\n[\s\S]*?-----END \1-----/g;
const ANY_BEGIN = /-----BEGIN [^\r\n]{0,64}-----/g;

/** The blocks in `input`, in order. Text around them (e.g. OpenSSL's "Bag Attributes") is ignored. */
export function pemBlocks(input: string): PemBlock[] {
  return [...input.matchAll(BLOCK)].map((m) => ({ label: m[1]!, text: m[0] }));
}

/** How many BEGIN lines the text has, matched by an END or not (a truncated block counts). */
export function pemBeginCount(input: string): number {
  return [...input.matchAll(ANY_BEGIN)].length;
}

/** The text of a PEM given as a string or bytes; undefined when it is too large to be a key. */
export function pemInput(input: string | Uint8Array): string | undefined {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > MAX_PEM_BYTES) return undefined;
  return typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
}

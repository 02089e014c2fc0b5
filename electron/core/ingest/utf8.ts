import { isUtf8 } from 'node:buffer';

/** Byte offset of the first invalid UTF-8 sequence in `bytes`, or -1 (an incomplete tail is not invalid). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(b);
    if (length === 0) return i;
    if (i + length > bytes.length) {
      for (let k = i + 1; k < bytes.length; k++) if ((bytes[k]! & 0xc0) !== 0x80) return i;
      return -1;
    }
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    const second = bytes[i + 1]!;
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return -1;
}

/** The length of the sequence a lead byte starts, or 0 if it cannot start one. */
function sequenceLength(b: number): number {
  return b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
}

/** Thrown by Utf8Validator with the absolute byte offset of the bad sequence. */
export class InvalidUtf8Error extends Error {
  constructor(readonly byteOffset: number) {
    super(`invalid UTF-8 at byte ${byteOffset}`);
  }
}

/**
 * Checks that a file read chunk by chunk is valid UTF-8 (parsers would otherwise turn bad bytes into
 * U+FFFD silently). Node's native isUtf8 does the work without decoding; a sequence cut by a chunk
 * boundary is carried over (copied: chunks may be reused); the slow scan runs only to locate an error.
 */
export class Utf8Validator {
  private offset = 0;
  private carry: Uint8Array = new Uint8Array(0);

  /** Bytes checked so far. */
  get bytesSeen(): number {
    return this.offset;
  }

  /** Checks the next bytes of the file; throws InvalidUtf8Error. */
  check(chunk: Uint8Array): void {
    let start = 0;
    if (this.carry.length > 0) {
      const need = sequenceLength(this.carry[0]!) - this.carry.length;
      const joined = concat(this.carry, chunk.subarray(0, need));
      const bad = firstInvalidUtf8(joined);
      if (bad >= 0) throw new InvalidUtf8Error(this.offset - this.carry.length + bad);
      if (joined.length < need + this.carry.length) {
        this.carry = joined;
        this.offset += chunk.length;
        return;
      }
      this.carry = new Uint8Array(0);
      start = need;
    }
    const tail = incompleteTail(chunk.subarray(start));
    const body = chunk.subarray(start, chunk.length - tail.length);
    if (!isUtf8(body)) {
      // Scanned with the tail: a sequence cut short by the tail's lead byte is invalid where it starts.
      const bad = firstInvalidUtf8(chunk.subarray(start));
      throw new InvalidUtf8Error(this.offset + start + (bad < 0 ? body.length : bad));
    }
    if (tail.length > 0) {
      const bad = firstInvalidUtf8(tail);
      if (bad >= 0) throw new InvalidUtf8Error(this.offset + chunk.length - tail.length + bad);
      this.carry = tail.slice();
    }
    this.offset += chunk.length;
  }

  /** Checks that the file did not end inside a multi-byte sequence. */
  end(): void {
    if (this.carry.length > 0) throw new InvalidUtf8Error(this.offset - this.carry.length);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** The bytes of a multi-byte sequence left unfinished at the end of `bytes` (empty if none). */
function incompleteTail(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > back ? bytes.subarray(bytes.length - back) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

import { Transform, type TransformCallback } from 'node:stream';

/** Byte offset of the first invalid UTF-8 sequence in `bytes`, or -1 (an incomplete tail is not invalid). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
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

/** Thrown by Utf8Guard with the absolute byte offset of the bad sequence. */
export class InvalidUtf8Error extends Error {
  constructor(readonly byteOffset: number) {
    super(`invalid UTF-8 at byte ${byteOffset}`);
  }
}

/**
 * Passes bytes through unchanged while checking they are valid UTF-8 (parsers would otherwise turn
 * bad bytes into U+FFFD silently). The native streaming decoder does the work; the slow scan runs only
 * to locate an error.
 */
export class Utf8Guard extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private offset = 0;

  /** Bytes checked so far. */
  get bytesSeen(): number {
    return this.offset;
  }

  private carry: Uint8Array = new Uint8Array(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      return callback(this.locate(chunk));
    }
    this.carry = incompleteTail(chunk.length >= 4 ? chunk : Buffer.concat([this.carry, chunk]));
    this.offset += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.decoder.decode();
      callback();
    } catch {
      // A multi-byte sequence cut off by the end of the file.
      callback(new InvalidUtf8Error(this.offset - this.carry.length));
    }
  }

  private locate(chunk: Buffer): InvalidUtf8Error {
    const joined = Buffer.concat([this.carry, chunk]);
    const index = firstInvalidUtf8(joined);
    const at = index < 0 ? joined.length : index;
    return new InvalidUtf8Error(this.offset - this.carry.length + at);
  }
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

import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

/** A pass-through stream that hashes (SHA-256) and counts the bytes flowing through it. */
export interface HashingTap {
  readonly tap: Transform;
  /** Bytes seen so far. */
  bytes(): number;
  /** The SHA-256 (lowercase hex) of everything seen; call once, after the stream has ended. */
  sha256(): string;
}

/** Hashes and counts a stream on its way somewhere else; `onChunk` hears each chunk's size (for progress). */
export function hashingTap(onChunk?: (bytes: number) => void): HashingTap {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      onChunk?.(chunk.length);
      callback(null, chunk);
    },
  });
  return { tap, bytes: () => bytes, sha256: () => hash.digest('hex') };
}

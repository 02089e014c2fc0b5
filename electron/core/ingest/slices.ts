const MIN_BYTES = 4 * 1024;
const MAX_BYTES = 64 * 1024;
/** Aim for slices this long: well under the 100 ms the event loop may be blocked, with room for GC. */
const TARGET_MS = 4;

/**
 * Sizes the slices a parser is fed so each takes a few milliseconds. Slices start small: before the
 * engine has optimised the parser, 64 KiB of CSV takes 30-60 ms; afterwards about 3.
 */
export class Slicer {
  private bytes = MIN_BYTES;

  /** Cuts the next slice from `chunk` at `at`. */
  next(chunk: Buffer, at: number): Buffer {
    return chunk.subarray(at, at + this.bytes);
  }

  /** Adjusts the size from how long the last slice took to parse. */
  took(ms: number): void {
    if (ms < TARGET_MS / 2) this.bytes = Math.min(MAX_BYTES, this.bytes * 2);
    else if (ms > TARGET_MS * 2) this.bytes = Math.max(MIN_BYTES, this.bytes / 2);
  }
}

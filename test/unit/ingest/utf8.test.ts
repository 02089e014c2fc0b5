import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, InvalidUtf8Error, Utf8Validator } from '../../../electron/core/ingest/utf8';
import { random, reusedChunks } from './random';

/** Where the whole input first stops being UTF-8: a bad sequence, or a sequence the end cuts short. */
function expectedError(bytes: Uint8Array): number | null {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return null;
  } catch {
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) return bad;
    let start = bytes.length - 1;
    while (start > 0 && (bytes[start]! & 0xc0) === 0x80) start--;
    return start;
  }
}

async function validate(bytes: Uint8Array, seed: number, maxChunk: number): Promise<number | null> {
  const validator = new Utf8Validator();
  try {
    for await (const chunk of reusedChunks(bytes, random(seed), maxChunk)) validator.check(chunk);
    validator.end();
    expect(validator.bytesSeen).toBe(bytes.length);
    return null;
  } catch (error) {
    if (error instanceof InvalidUtf8Error) return error.byteOffset;
    throw error;
  }
}

const PIECES = [[0x41], [0x7f], [0xc3, 0xa9], [0xe6, 0xbc, 0xa2], [0xf0, 0x9f, 0x8e, 0x89], [0xef, 0xbb, 0xbf], [0xf4, 0x8f, 0xbf, 0xbf], [0xed, 0x9f, 0xbf]];
const BAD = [[0x80], [0xbf], [0xc0, 0x80], [0xc1], [0xc3], [0xc3, 0x28], [0xe0, 0x80, 0x80], [0xe0, 0x9f], [0xed, 0xa0, 0x80], [0xf0, 0x8f], [0xf4, 0x90, 0x80, 0x80], [0xf5], [0xff], [0xfe], [0xe6, 0xbc]];

describe('UTF-8 validation chunk by chunk', () => {
  it('accepts and refuses exactly what a strict decoder does, at the same byte, whatever the chunking', async () => {
    const rnd = random(5);
    for (let n = 0; n < 3000; n++) {
      const bytes: number[] = [];
      for (let k = rnd.int(40); k > 0; k--) bytes.push(...(rnd.chance(0.05) ? rnd.pick(BAD) : rnd.pick(PIECES)));
      if (rnd.chance(0.1)) bytes.push(...rnd.pick(PIECES).slice(0, 1));
      const input = Uint8Array.from(bytes);
      const expected = expectedError(input);
      expect([bytes, await validate(input, n, 1 + rnd.int(6))]).toEqual([bytes, expected]);
    }
  });

  it('finds the bad byte of a large chunk', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 0x61);
    big[2_000_001] = 0xc3;
    big[2_000_002] = 0x28;
    expect(await validate(big, 1, 1024 * 1024)).toBe(2_000_001);
  });
});

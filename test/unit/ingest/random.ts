/** A seeded pseudo-random source (mulberry32), so a failing randomized case can be replayed. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

/** Chunks of `bytes` of random sizes (1..max), each copied into one of two buffers used in turn, as fileChunks hands them out. */
export async function* reusedChunks(bytes: Uint8Array, rnd: ReturnType<typeof random>, max: number): AsyncGenerator<Buffer> {
  const buffers = [Buffer.alloc(max), Buffer.alloc(max)];
  let turn = 0;
  for (let at = 0; at < bytes.length; ) {
    const size = Math.min(1 + rnd.int(max), bytes.length - at);
    const buffer = buffers[turn]!;
    // Poison what the previous use left, so a reader that kept an old chunk too long sees garbage.
    buffer.fill(0x7e);
    buffer.set(bytes.subarray(at, at + size));
    at += size;
    turn ^= 1;
    yield buffer.subarray(0, size);
  }
}

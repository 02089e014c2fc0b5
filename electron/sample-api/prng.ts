/** A small seeded generator (sfc32): fast, deterministic, and good enough for synthetic data. */
export interface Rng {
  /** Uniform uint32. */
  u32(): number;
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `length` lowercase hex characters. */
  hex(length: number): string;
}

/** Mixes any number of integers into a 32-bit hash (murmur3 finalizer per part). */
export function mix(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    let k = Math.floor(part) | 0;
    const high = Math.floor(part / 0x1_0000_0000) | 0;
    k ^= Math.imul(high, 0x85ebca6b);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A generator seeded from any number of integers (e.g. seed, type, hour). */
export function createRng(...seedParts: number[]): Rng {
  let a = mix(1, ...seedParts);
  let b = mix(2, ...seedParts);
  let c = mix(3, ...seedParts);
  let d = 1;
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  const float = () => u32() / 0x1_0000_0000;
  return {
    u32,
    float,
    int: (n) => Math.floor(float() * n),
    pick: (items) => items[Math.floor(float() * items.length)] as (typeof items)[number],
    hex: (length) => {
      let out = '';
      while (out.length < length) out += u32().toString(16).padStart(8, '0');
      return out.slice(0, length);
    },
  };
}

/** Picks a key by weight: `{allow: 80, block: 8}`. */
export function weighted<K extends string>(rng: Rng, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.float() * total;
  for (const [key, weight] of entries) {
    roll -= weight;
    if (roll < 0) return key;
  }
  return entries[entries.length - 1]![0];
}

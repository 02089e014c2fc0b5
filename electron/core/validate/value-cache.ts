/**
 * Strings for the few distinct values a column holds (environments, versions, verdicts), found by
 * comparing bytes instead of decoding every cell: a million records then make a handful of strings.
 * Beyond `limit` distinct values it just decodes.
 */
export class ValueCache {
  private readonly bytes: Uint8Array[] = [];
  private readonly texts: string[] = [];

  constructor(private readonly limit = 32) {}

  /** The text of `source[start, end)` (UTF-8). */
  text(source: Buffer, start: number, end: number): string {
    const length = end - start;
    const count = this.bytes.length;
    for (let i = 0; i < count; i++) {
      const known = this.bytes[i]!;
      if (known.length !== length) continue;
      let k = 0;
      while (k < length && known[k] === source[start + k]) k++;
      if (k === length) return this.texts[i]!;
    }
    const text = source.toString('utf8', start, end);
    if (count < this.limit) {
      this.bytes.push(Uint8Array.prototype.slice.call(source, start, end));
      this.texts.push(text);
    }
    return text;
  }
}

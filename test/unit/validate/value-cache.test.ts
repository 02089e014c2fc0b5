import { describe, expect, it } from 'vitest';
import { ValueCache } from '../../../electron/core/validate/value-cache';

describe('ValueCache', () => {
  it('returns the same string object for the same bytes wherever they are', () => {
    const cache = new ValueCache();
    const a = Buffer.from('x,production,y');
    const b = Buffer.from('production');
    const first = cache.text(a, 2, 12);
    expect(first).toBe('production');
    expect(cache.text(b, 0, 10)).toBe(first);
    expect(cache.text(Buffer.from('staging'), 0, 7)).toBe('staging');
  });

  it('copies the bytes it remembers: a reused buffer does not change what it returns', () => {
    const cache = new ValueCache();
    const buffer = Buffer.from('production');
    expect(cache.text(buffer, 0, 10)).toBe('production');
    buffer.write('staging\0\0\0');
    expect(cache.text(buffer, 0, 7)).toBe('staging');
    expect(cache.text(Buffer.from('production'), 0, 10)).toBe('production');
  });

  it('tells apart values of the same length and prefixes of each other', () => {
    const cache = new ValueCache();
    expect(cache.text(Buffer.from('0.1.0'), 0, 5)).toBe('0.1.0');
    expect(cache.text(Buffer.from('0.2.0'), 0, 5)).toBe('0.2.0');
    expect(cache.text(Buffer.from('0.1'), 0, 3)).toBe('0.1');
    expect(cache.text(Buffer.from('0.1.0'), 0, 5)).toBe('0.1.0');
    expect(cache.text(Buffer.from(''), 0, 0)).toBe('');
  });

  it('decodes UTF-8', () => {
    const cache = new ValueCache();
    const bytes = Buffer.from('prod-é-漢-🎉');
    expect(cache.text(bytes, 0, bytes.length)).toBe('prod-é-漢-🎉');
    expect(cache.text(Buffer.from(bytes), 0, bytes.length)).toBe('prod-é-漢-🎉');
  });

  it('past its limit of distinct values it still returns the right text (it just stops remembering)', () => {
    const cache = new ValueCache(2);
    const values = ['a', 'b', 'c', 'd', 'a', 'c', 'd', 'b'];
    expect(values.map((v) => cache.text(Buffer.from(v), 0, 1))).toEqual(values);
  });
});

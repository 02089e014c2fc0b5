import { describe, expect, it } from 'vitest';
import { contractInstantMs, exportInstantMsAt, isoInstant } from '../../../electron/core/validate/instant';
import { random } from '../ingest/random';

/** exportInstantMsAt on `text` placed in the middle of other bytes, as a CSV row holds it. */
const atBytes = (text: string) => {
  const bytes = Buffer.from(`xx,${text},yy`);
  return exportInstantMsAt(bytes, 3, 3 + Buffer.byteLength(text));
};

describe('contractInstantMs', () => {
  it('reads the contract\'s spelling: UTC, Z, with or without a fraction of 1 to 9 digits', () => {
    expect(contractInstantMs('2026-03-19T10:30:00.034Z')).toBe(Date.UTC(2026, 2, 19, 10, 30, 0, 34));
    expect(contractInstantMs('2026-03-19T10:30:00Z')).toBe(Date.UTC(2026, 2, 19, 10, 30, 0));
    expect(contractInstantMs('2026-03-19T10:30:00.1Z')).toBe(Date.UTC(2026, 2, 19, 10, 30, 0, 100));
    expect(contractInstantMs('2026-03-19T10:30:00.12Z')).toBe(Date.UTC(2026, 2, 19, 10, 30, 0, 120));
    expect(contractInstantMs('2026-03-19T10:30:00.123456Z')).toBe(Date.UTC(2026, 2, 19, 10, 30, 0, 123));
    expect(contractInstantMs('2026-03-19T10:30:00.123456789Z')).toBe(Date.UTC(2026, 2, 19, 10, 30, 0, 123));
  });

  it('knows the calendar: leap days, month lengths', () => {
    expect(contractInstantMs('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(contractInstantMs('2000-02-29T00:00:00.000Z')).toBe(Date.UTC(2000, 1, 29));
    expect(contractInstantMs('2026-02-29T00:00:00Z')).toBeNaN();
    expect(contractInstantMs('1900-02-29T00:00:00Z')).toBeNaN();
    expect(contractInstantMs('2026-04-31T00:00:00Z')).toBeNaN();
    expect(contractInstantMs('2026-02-30T00:00:00.5Z')).toBeNaN();
    expect(contractInstantMs('2026-12-31T23:59:59.999Z')).toBe(Date.UTC(2026, 11, 31, 23, 59, 59, 999));
  });

  it('refuses what Date.parse would accept in another spelling, or roll over', () => {
    for (const text of [
      '2026-03-19 10:30:00',
      '2026-03-19T10:30:00',
      '2026-03-19T10:30:00+00:00',
      '2026-03-19T11:30:00+01:00',
      '2026-03-19T10:30:00.034z',
      '2026-03-19t10:30:00Z',
      '2026-03-19T24:00:00Z',
      '2026-03-19T10:60:00Z',
      '2026-03-19T10:30:60Z',
      '2026-13-01T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-03-00T00:00:00Z',
      '2026-03-19T10:30:00.1234567891Z',
      '2026-03-19T10:30:00.Z',
      '2026-3-19T10:30:00Z',
      '+002026-03-19T10:30:00Z',
      '2026-03-19',
      '1773916200034',
      '',
      ' 2026-03-19T10:30:00Z',
    ]) {
      expect([text, contractInstantMs(text)]).toEqual([text, NaN]);
    }
  });

  it('years before 1000 are read exactly, not mapped to the 1900s', () => {
    expect(isoInstant(contractInstantMs('0999-01-01T00:00:00Z'))).toBe('0999-01-01T00:00:00.000Z');
    expect(isoInstant(contractInstantMs('0050-06-15T12:00:00.250Z'))).toBe('0050-06-15T12:00:00.250Z');
  });
});

describe('exportInstantMsAt', () => {
  it('reads both export spellings from bytes at an offset', () => {
    expect(atBytes('2026-03-19T10:30:00.034Z')).toBe(Date.UTC(2026, 2, 19, 10, 30, 0, 34));
    expect(atBytes('2026-03-19T10:30:00Z')).toBe(Date.UTC(2026, 2, 19, 10, 30, 0));
  });

  it('is NaN for other fraction lengths (the caller then reads the text) and for anything malformed', () => {
    for (const text of ['2026-03-19T10:30:00.1Z', '2026-03-19T10:30:00.123456Z', '2026-03-19 10:30:00.034Z', '2026-03-19T10:30:00.034+', '2026-0a-19T10:30:00Z', '2026-03-19T10:3x:00Z', '0999-01-01T00:00:00Z', '']) {
      expect([text, atBytes(text)]).toEqual([text, NaN]);
    }
  });

  it('checks the day every time a new day comes, whatever day it saw last', () => {
    expect(atBytes('2026-02-28T23:59:59.999Z')).toBe(Date.UTC(2026, 1, 28, 23, 59, 59, 999));
    expect(atBytes('2026-02-29T00:00:00.000Z')).toBeNaN();
    expect(atBytes('2026-02-30T00:00:00.000Z')).toBeNaN();
    expect(atBytes('2026-02-28T00:00:00.000Z')).toBe(Date.UTC(2026, 1, 28));
    expect(atBytes('2024-02-29T12:00:00Z')).toBe(Date.UTC(2024, 1, 29, 12));
    expect(atBytes('2026-02-29T12:00:00Z')).toBeNaN();
  });

  it('agrees with Date.parse on random valid instants, and with contractInstantMs on random near-instants', () => {
    const rnd = random(3);
    const two = (n: number) => String(n).padStart(2, '0');
    for (let i = 0; i < 5000; i++) {
      const ms = Date.UTC(1970 + rnd.int(100), 0, 1) + rnd.int(366 * 86_400_000);
      const text = rnd.chance(0.5) ? isoInstant(ms) : `${isoInstant(ms).slice(0, 19)}Z`;
      expect(atBytes(text)).toBe(Date.parse(text));
      // Field values just past their ranges, which Date.parse would roll over.
      const odd = `${1990 + rnd.int(60)}-${two(rnd.int(14))}-${two(rnd.int(33))}T${two(rnd.int(26))}:${two(rnd.int(62))}:${two(rnd.int(62))}.${String(rnd.int(1000)).padStart(3, '0')}Z`;
      const expected = contractInstantMs(odd);
      expect([odd, atBytes(odd)]).toEqual([odd, expected]);
      if (!Number.isNaN(expected)) expect(isoInstant(expected)).toBe(odd);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseTimeMs } from '../../../electron/core/ingest/time';
import { random } from './random';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const same = (text: string) => expect([text, parseTimeMs(text)]).toEqual([text, Date.parse(text)]);

describe('parseTimeMs reads instants exactly as Date.parse does', () => {
  it('for the shape exports write, across years, months, days, leap years and milliseconds', () => {
    const rnd = random(1);
    for (let n = 0; n < 20_000; n++) {
      const year = rnd.pick([1000, 1600, 1900, 1970, 2000, 2024, 2026, 2100, 9999, 1000 + rnd.int(9000)]);
      const month = 1 + rnd.int(12);
      const day = 1 + rnd.int(31);
      const time = `${pad(rnd.int(24), 2)}:${pad(rnd.int(60), 2)}:${pad(rnd.int(60), 2)}`;
      const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
      same(`${date}T${time}Z`);
      same(`${date}T${time}.${pad(rnd.int(1000), 3)}Z`);
    }
  });

  it('for every edge and odd spelling, which go to Date.parse', () => {
    for (const text of [
      '2026-02-29T00:00:00Z',
      '2024-02-29T00:00:00.000Z',
      '2026-02-30T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-03-00T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-00-01T00:00:00Z',
      '2026-03-19T24:00:00Z',
      '2026-03-19T23:60:00Z',
      '2026-03-19T23:59:60Z',
      '0050-01-01T00:00:00Z',
      '0999-12-31T23:59:59.999Z',
      '2026-03-19T10:30:00.1Z',
      '2026-03-19T10:30:00.1234Z',
      '+002026-03-19T10:30:00Z',
      '2026-03-19t10:30:00z',
      '2026-03-19T10:30Z',
      '2026-03-19 10:30:00Z',
      '2026-03-19T10:30:00+01:00',
      '2026-03-19T10:30:00',
      '2026-03-19',
      '2O26-03-19T10:30:00Z',
      '2026-03-19T10:30:0xZ',
      '2026-03-19T10:30:00.00xZ',
      ' 2026-03-19T10:30:00Z',
      'not a time',
      '',
    ]) {
      same(text);
    }
  });

  it('for random corruptions of the common shape', () => {
    const rnd = random(2);
    const alphabet = '0123456789-:.TZtz +x';
    for (let n = 0; n < 20_000; n++) {
      const chars = [...(rnd.chance(0.5) ? '2026-03-19T10:30:00.157Z' : '2026-03-19T10:30:00Z')];
      for (let k = 1 + rnd.int(2); k > 0; k--) chars[rnd.int(chars.length)] = rnd.pick([...alphabet]);
      same(chars.join(''));
    }
  });
});

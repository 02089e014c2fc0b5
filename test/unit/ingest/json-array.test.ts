import { describe, expect, it } from 'vitest';
import { jsonElementBatches, JsonShapeError, type JsonElement } from '../../../electron/core/ingest/json-array';
import { random, reusedChunks } from './random';

async function split(bytes: Uint8Array, seed: number, maxChunk: number, maxElement = 1024 * 1024): Promise<JsonElement[] | JsonShapeError> {
  const elements: JsonElement[] = [];
  try {
    for await (const batch of jsonElementBatches(reusedChunks(bytes, random(seed), maxChunk), maxElement)) elements.push(...batch);
  } catch (error) {
    if (error instanceof JsonShapeError) return error;
    throw error;
  }
  return elements;
}

const shape = (result: JsonElement[] | JsonShapeError) => (result instanceof JsonShapeError ? { message: result.message, byteOffset: result.byteOffset, record: result.record } : result);

/** A string that stresses the scanner: quotes, runs of backslashes, brackets and multi-byte characters. */
function nasty(rnd: ReturnType<typeof random>): string {
  const parts = ['"', '\\', '\\\\', '\\"', '{', '}', '[', ']', ',', ':', 'é', '漢', '🎉', 'abc', ' ', '\n', '\u0001'];
  let s = '';
  for (let n = rnd.int(12); n > 0; n--) s += rnd.pick(parts);
  return s;
}

function value(rnd: ReturnType<typeof random>, depth: number): unknown {
  const kind = rnd.int(depth > 2 ? 4 : 6);
  if (kind === 0) return nasty(rnd);
  if (kind === 1) return rnd.int(1000) / 7;
  if (kind === 2) return rnd.pick([true, false, null]);
  if (kind === 3) return `plain ${rnd.int(100)}`;
  if (kind === 4) return Array.from({ length: rnd.int(3) }, () => value(rnd, depth + 1));
  return Object.fromEntries(Array.from({ length: rnd.int(3) }, () => [nasty(rnd), value(rnd, depth + 1)]));
}

describe('JSON array splitting', () => {
  it('finds every element, whatever the chunk boundaries (chunks reused as fileChunks does)', async () => {
    const rnd = random(11);
    for (let n = 0; n < 300; n++) {
      const records = Array.from({ length: rnd.int(8) }, () => Object.fromEntries(Array.from({ length: 1 + rnd.int(4) }, () => [nasty(rnd), value(rnd, 0)])));
      const space = () => rnd.pick(['', ' ', '\n', '\r\n\t']);
      const expected: JsonElement[] = [];
      let file = `${rnd.chance(0.2) ? '\uFEFF' : ''}${space()}[`;
      records.forEach((record, i) => {
        const text = JSON.stringify(record, null, rnd.chance(0.3) ? 1 : undefined);
        file += `${i === 0 ? '' : ','}${space()}`;
        expected.push({ text, index: i + 1, byteOffset: Buffer.byteLength(file) });
        file += `${text}${space()}`;
      });
      file += `]${space()}`;
      const elements = await split(Buffer.from(file), n, 1 + rnd.int(40));
      expect(elements).toEqual(expected);
      for (const [i, e] of (elements as JsonElement[]).entries()) expect(JSON.parse(e.text)).toEqual(records[i]);
    }
  });

  it('reports the same error at the same place whatever the chunk boundaries', async () => {
    const cases = [
      '',
      '   ',
      '{"a":1}',
      '[{"a":1} {"b":2}]',
      '[{"a":1},]',
      '[{"a":1}, 42]',
      '[1]',
      '[{"a":"b\\"}]',
      '[{"a":"x"}] extra',
      '[{"a":"x"}',
      '[{"a":"x"},',
      '[{"a":{"b":[1,2,{"c":"}"}]}}',
      `[{"a":"${'x'.repeat(300)}"}]`,
      '\uFEFF[{"a":1}',
      '\uFEFE[]',
      '\uFEFF',
    ];
    for (const text of cases) {
      const whole = shape(await split(Buffer.from(text), 0, 1 << 16, 256));
      for (let seed = 1; seed < 40; seed++) expect([text, shape(await split(Buffer.from(text), seed, 1 + (seed % 7), 256))]).toEqual([text, whole]);
    }
  });

  it('skips a byte-order mark even split across chunks, and refuses what only starts like one', async () => {
    expect(await split(Buffer.from('\uFEFF[{"a":1}]'), 1, 1)).toEqual([{ text: '{"a":1}', index: 1, byteOffset: 4 }]);
    expect(shape(await split(Buffer.from('\uFEFE[]'), 1, 1))).toEqual({ message: 'the file is not a JSON array (it must start with "[")', byteOffset: 0, record: undefined });
    expect(shape(await split(Buffer.from([0xef, 0xbb]), 1, 1))).toEqual({ message: 'the file is not a JSON array (it must start with "[")', byteOffset: 0, record: undefined });
  });

  it('refuses an element over the size limit with its record number and start', async () => {
    const result = await split(Buffer.from(`[{"a":1},{"b":"${'y'.repeat(5000)}"}]`), 3, 100, 1024);
    expect(shape(result)).toEqual({ message: 'record 2 is larger than the 1 KiB limit for one record', byteOffset: 9, record: 2 });
  });
});

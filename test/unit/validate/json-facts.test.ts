import { describe, expect, it } from 'vitest';
import { FactCollector, FIELD_PLANS, type FormatProblem } from '../../../electron/core/validate/facts';
import { jsonFactReader } from '../../../electron/core/validate/json-facts';
import { random } from '../ingest/random';

const SCOPE = { from: Date.parse('2026-03-19T10:00:00Z'), to: Date.parse('2026-03-19T11:00:00Z'), bucketMs: 60_000, environment: 'production', requestIds: new Set<string>(), escalationIds: new Set<string>() };
const record = (n: number) => JSON.stringify({ id: `evt_${n}`, event_type: 'decision', timestamp: `2026-03-19T10:0${n}:00.000Z`, verdict: 'allow', reason_code: 'all_policies_passed', model: 'gpt-4o', provider: 'openai', config_version: '0.1.0', environment: 'production', request_id: `req_${n}`, escalation_id: null });

/** Reads `text` as an events JSON export fed in pieces cut at `cuts` (each copied into a reused buffer). */
function read(text: string, cuts: number[], maxRecordBytes = 1024 * 1024) {
  const collector = new FactCollector(FIELD_PLANS.events, SCOPE);
  const fatal: FormatProblem[] = [];
  const reader = jsonFactReader('events', collector, maxRecordBytes, (p) => {
    fatal.push(p);
    collector.problem(p);
  });
  const bytes = Buffer.from(text);
  const buffer = Buffer.alloc(bytes.length);
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    buffer.fill(0x7e);
    bytes.copy(buffer, 0, from, to);
    reader.push(buffer.subarray(0, to - from));
    from = to;
  }
  reader.end();
  return { records: collector.records, examined: collector.examined, ids: collector.duplicates.count, problems: collector.problems, fatal, first: collector.firstTime, last: collector.lastTime };
}

const BROKEN = [
  // Complete arrays followed by more: the records before the break still count.
  `[\n${record(1)},\n${record(2)}\n]\n[\n${record(3)}\n]\n`,
  `[${record(1)},${record(2)}]garbage`,
  // A structural error between records.
  `[${record(1)},${record(2)} ${record(3)}]`,
  `[${record(1)},${record(2)},"not an object",${record(3)}]`,
  `\uFEFF[${record(1)},${record(2)},[1],${record(3)}]`,
  // A record over the limit (the limit is 400 bytes below).
  `[${record(1)},${record(2)},{"id":"evt_3","note":"${'x'.repeat(500)}"},${record(4)}]`,
  // Truncated, and a well-formed file for comparison.
  `[${record(1)},${record(2)},${record(3).slice(0, 50)}`,
  `[${record(1)},${record(2)},${record(3)}]`,
];

describe('jsonFactReader', () => {
  it('counts the records before a structural break, however the bytes arrive', () => {
    const expectedRecords = [2, 2, 2, 2, 2, 2, 2, 3];
    for (const [i, text] of BROKEN.entries()) {
      const whole = read(text, [], 400);
      expect([i, whole.records, whole.examined]).toEqual([i, expectedRecords[i], expectedRecords[i]]);
      expect([i, whole.fatal.length]).toEqual([i, i === BROKEN.length - 1 ? 0 : 1]);
      const length = Buffer.byteLength(text);
      const everyByte = read(text, Array.from({ length: length - 1 }, (_v, k) => k + 1), 400);
      expect([i, everyByte]).toEqual([i, whole]);
      const rnd = random(i);
      for (let n = 0; n < 50; n++) {
        const cuts: number[] = [];
        for (let at = 1 + rnd.int(40); at < length; at += 1 + rnd.int(40)) cuts.push(at);
        expect([i, cuts, read(text, cuts, 400)]).toEqual([i, cuts, whole]);
      }
    }
  });

  it('says where the structure broke', () => {
    const text = BROKEN[1]!;
    expect(read(text, []).fatal).toEqual([{ kind: 'json-structure', message: 'unexpected content after the closing "]"', byteOffset: text.indexOf('garbage'), record: 2 }]);
    const deep = read(BROKEN[3]!, [10]).fatal[0]!;
    expect(deep).toMatchObject({ message: 'record 3 is not a JSON object', record: 3, byteOffset: BROKEN[3]!.indexOf('"not an object"') });
  });
});

import { describe, expect, it } from 'vitest';
import { hasErrors, parseControlTags, parseList, splitList } from '../../../renderer/src/lib/ids';

describe('splitList', () => {
  it('splits on commas, spaces, tabs and new lines (CRLF too), and drops empty pieces', () => {
    expect(splitList(' req_1, req_2\nreq_3\r\n\treq_4,,  ;req_5 ')).toEqual(['req_1', 'req_2', 'req_3', 'req_4', 'req_5']);
    expect(splitList('  \n , ')).toEqual([]);
  });
});

describe('parseList', () => {
  it('dedupes, keeping the first occurrence, and counts the repeats', () => {
    expect(parseList('req_b req_a\nreq_b,req_a req_c', 'request')).toEqual({ values: ['req_b', 'req_a', 'req_c'], duplicates: 2, problems: [] });
  });

  it('marks an over-long value as an error', () => {
    const list = parseList(`req_1 ${'x'.repeat(201)}`, 'request');
    expect(list.values).toHaveLength(2);
    expect(list.problems).toEqual([{ severity: 'error', value: 'x'.repeat(201), message: expect.stringMatching(/201 characters long; at most 200/) }]);
    expect(hasErrors(list)).toBe(true);
  });

  it('warns, without an error, about escalation IDs that do not start with esc_ and IDs in the wrong box', () => {
    const escalations = parseList('esc_1 req_9 ESC-2', 'escalation');
    expect(escalations.problems.map((p) => [p.severity, p.value])).toEqual([
      ['warning', 'req_9'],
      ['warning', 'ESC-2'],
    ]);
    expect(escalations.problems[0]!.message).toMatch(/looks like a request ID/);
    expect(hasErrors(escalations)).toBe(false);
    expect(parseList('esc_1', 'request').problems).toEqual([{ severity: 'warning', value: 'esc_1', message: expect.stringMatching(/looks like an escalation ID/) }]);
  });

  it('warns about quotes and brackets left over from copying', () => {
    expect(parseList('"req_1" [req_2]', 'request').problems.map((p) => p.value)).toEqual(['"req_1"', '[req_2]']);
  });

  it('refuses more entries than the scope holds', () => {
    const refs = parseList(Array.from({ length: 51 }, (_, i) => `INC-${i}`).join(' '), 'reference');
    expect(refs.problems[0]).toEqual({ severity: 'error', value: null, message: '51 entries; at most 50 are allowed.' });
    expect(hasErrors(parseList(Array.from({ length: 1000 }, (_, i) => `req_${i}`).join('\n'), 'request'))).toBe(false);
  });
});

describe('parseControlTags', () => {
  it('splits on commas and new lines (tags may contain spaces), dedupes and checks the format', () => {
    const tags = parseControlTags('SOC2:CC7.2, ISO27001:A.8.15\nEU-AI-Act:Art.12, SOC2:CC7.2, no colon, HIPAA:164.312(b)');
    expect(tags.values).toEqual(['SOC2:CC7.2', 'ISO27001:A.8.15', 'EU-AI-Act:Art.12', 'no colon', 'HIPAA:164.312(b)']);
    expect(tags.duplicates).toBe(1);
    expect(tags.problems).toEqual([{ severity: 'error', value: 'no colon', message: expect.stringMatching(/not a control tag like SOC2:CC7.2/) }]);
  });
});

import { describe, expect, it } from 'vitest';
import { isExportFormat, isExportType, isTimeWindow, normalizeVerdict } from '../../../shared/domain';

describe('domain helpers', () => {
  it.each([
    ['allow', 'allow'],
    ['Blocked', 'block'],
    [' redacted ', 'redact'],
    ['escalate', 'escalate'],
    ['maybe', null],
    ['constructor', null],
    ['__proto__', null],
    [42, null],
  ])('normalizeVerdict(%j) is %j', (value, expected) => {
    expect(normalizeVerdict(value)).toBe(expected);
  });

  it('recognises only real types, formats and windows (not inherited names)', () => {
    expect([isExportType('audit-log'), isExportType('toString'), isExportFormat('json'), isExportFormat('xml')]).toEqual([true, false, true, false]);
    expect([isTimeWindow('7d'), isTimeWindow('2h'), isTimeWindow('constructor')]).toEqual([true, false, false]);
  });
});

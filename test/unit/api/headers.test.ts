import { describe, expect, it } from 'vitest';
import { isStrongEtag, parseContentLength, parseContentRange, parseRetryAfter } from '../../../electron/core/api/headers';
import { chooseFilename, parseContentDisposition, sanitizeFilename } from '../../../electron/core/api/filename';

const NOW = Date.parse('2026-03-20T10:30:00Z');

describe('parseRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date relative to now, and a past date as 0', () => {
    expect(parseRetryAfter('Fri, 20 Mar 2026 10:32:00 GMT', NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(parseRetryAfter('Fri, 20 Mar 2026 10:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter('-5', NOW)).toBeNull();
    expect(parseRetryAfter('1.5', NOW)).toBeNull();
    expect(parseRetryAfter('soon', NOW)).toBeNull();
  });
});

describe('parseContentRange', () => {
  it('reads a byte range with its total', () => {
    expect(parseContentRange('bytes 100-199/1000')).toEqual({ start: 100, end: 199, total: 1000 });
    expect(parseContentRange('bytes 0-0/*')).toEqual({ start: 0, end: 0, total: null });
  });

  it('refuses missing, unsatisfied and inconsistent ranges', () => {
    expect(parseContentRange(null)).toBeNull();
    expect(parseContentRange('bytes */1000')).toBeNull();
    expect(parseContentRange('bytes 200-100/1000')).toBeNull();
    expect(parseContentRange('bytes 0-1000/1000')).toBeNull();
    expect(parseContentRange('items 0-9/10')).toBeNull();
    expect(parseContentRange('bytes 0-9')).toBeNull();
  });
});

describe('parseContentLength and isStrongEtag', () => {
  it('reads plain integers only', () => {
    expect(parseContentLength('123')).toBe(123);
    expect(parseContentLength(null)).toBeNull();
    expect(parseContentLength('12a')).toBeNull();
    expect(parseContentLength('-1')).toBeNull();
  });

  it('accepts only strong validators for If-Range', () => {
    expect(isStrongEtag('"abc"')).toBe(true);
    expect(isStrongEtag('W/"abc"')).toBe(false);
    expect(isStrongEtag('abc')).toBe(false);
    expect(isStrongEtag(null)).toBe(false);
  });
});

describe('Content-Disposition and filenames', () => {
  it('reads quoted, bare and RFC 5987 filenames, preferring filename*', () => {
    expect(parseContentDisposition('attachment; filename="keeptrusts-events-20260320T103000Z.csv"')).toBe('keeptrusts-events-20260320T103000Z.csv');
    expect(parseContentDisposition('attachment; filename=plain.json')).toBe('plain.json');
    expect(parseContentDisposition('attachment; filename="a \\"quoted\\" name.csv"')).toBe('a "quoted" name.csv');
    expect(parseContentDisposition(`attachment; filename="fallback.csv"; filename*=UTF-8''r%C3%A9sum%C3%A9.csv`)).toBe('résumé.csv');
    expect(parseContentDisposition(`attachment; filename*=UTF-8''%ZZbad; filename="ok.csv"`)).toBe('ok.csv');
    expect(parseContentDisposition('inline')).toBeNull();
    expect(parseContentDisposition(null)).toBeNull();
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\evil.csv', 'evil.csv'],
    ['a..b.csv', 'a.b.csv'],
    ['..', null],
    ['.hidden.csv', 'hidden.csv'],
    ['tab\there\u0000.csv', 'tabhere.csv'],
    ['new\r\nline.csv', 'newline.csv'],
    ['what?<>|*:.csv', 'what______.csv'],
    ['trailing. . ', 'trailing'],
    ['CON', null],
    ['nul.csv', null],
    ['', null],
    ['dir/', null],
  ])('sanitizes %j to %j', (input, expected) => {
    expect(sanitizeFilename(input)).toBe(expected);
  });

  it('caps long names', () => {
    expect(sanitizeFilename(`${'a'.repeat(500)}.csv`)!.length).toBeLessThanOrEqual(200);
  });

  it("keeps the header's name, else the job's, else one built from the job id", () => {
    expect(chooseFilename('attachment; filename="../x/server.csv"', 'job.csv', 'job_1', 'csv')).toBe('server.csv');
    expect(chooseFilename(null, 'job.csv', 'job_1', 'csv')).toBe('job.csv');
    expect(chooseFilename('attachment; filename=".."', '/', 'job_1', 'json')).toBe('keeptrusts-export-job_1.json');
    expect(chooseFilename(null, null, '../../x', null)).toBe('keeptrusts-export-______x');
  });
});

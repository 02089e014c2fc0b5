import { describe, expect, it } from 'vitest';
import { caseFoldKey, compareBytes, MAX_PATH_CHARS, nameProblem, packetRef, packetStamp, packetStem, pathProblem } from '../../../electron/core/packet';

describe('the packet name', () => {
  it('stamps the creation time in UTC as yyyymmddThhmmssZ (whatever the fraction)', () => {
    expect(packetStamp(Date.parse('2026-03-20T10:30:05.999Z'))).toBe('20260320T103005Z');
    expect(packetStamp(Date.parse('2026-01-02T03:04:05+02:00'))).toBe('20260102T010405Z');
    expect(packetStamp(Date.parse('1999-12-31T23:59:59Z'))).toBe('19991231T235959Z');
  });

  it('names zip and folder evidence-<ref>-<stamp>', () => {
    expect(packetStem('INC-4711', Date.parse('2026-03-20T10:30:00Z'))).toBe('evidence-INC-4711-20260320T103000Z');
  });

  it('takes the first reference, made filename-safe', () => {
    expect(packetRef(['INC-4711', 'REV-1'])).toBe('INC-4711');
    expect(packetRef(['INC 4711 / prod'])).toBe('INC-4711-prod');
    expect(packetRef(['Störung Nr. 12'])).toBe('Storung-Nr.-12');
    expect(packetRef(['  ..hidden..  '])).toBe('hidden');
    expect(packetRef(['a:b\\c/d*e?f"g<h>i|j'])).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(packetRef(['JIRA_SEC-1.2'])).toBe('JIRA_SEC-1.2');
    expect(packetRef(['事件 42'])).toBe('42');
    expect(packetRef(['a\u202Eb\nc'])).toBe('a-b-c');
  });

  it('falls back to "review" without a reference or when nothing safe is left', () => {
    expect(packetRef([])).toBe('review');
    expect(packetRef(['事件'])).toBe('review');
    expect(packetRef(['---'])).toBe('review');
  });

  it('cuts long references to 40 characters, without a separator at the end', () => {
    const ref = packetRef(['x'.repeat(39) + '-yyyy']);
    expect(ref).toBe('x'.repeat(39));
    expect(packetRef(['y'.repeat(100)])).toHaveLength(40);
    // The longest name still leaves room for export names.
    expect(packetStem(packetRef(['z'.repeat(100)]), 0).length + '/data/exports/'.length).toBeLessThan(MAX_PATH_CHARS - 60);
  });
});

describe('portable file names in the bag', () => {
  it('accepts ordinary export names, spaces, accents (NFC) and non-Latin scripts', () => {
    for (const name of ['keeptrusts-events-20260320T103000Z.csv', 'events 2026-03-20 (copy).json', 'Prüfung.csv', '审计.json', 'a.b.c', 'CONSOLE.csv', 'con-1.csv']) {
      expect(nameProblem(name), name).toBeNull();
    }
  });

  it.each([
    ['', 'empty'],
    ['Cafe\u0301.csv', 'NFC'],
    ['a\nb.csv', 'control character'],
    ['a\tb.csv', 'control character'],
    ['a\u0000b.csv', 'control character'],
    ['invoice\u202Evsc.exe', 'invisible formatting'],
    ['a\u200Bb.csv', 'invisible formatting'],
    ['a:b.csv', '":"'],
    ['a/b.csv', '"/"'],
    ['a\\b.csv', '"\\"'],
    ['a*b.csv', '"*"'],
    ['a?b.csv', '"?"'],
    ['a"b.csv', '"""'],
    ['a<b>.csv', '"<"'],
    ['a|b.csv', '"|"'],
    ['100%.csv', '"%"'],
    ['.DS_Store', 'hidden'],
    ['Thumbs.db', 'junk'],
    ['desktop.ini', 'junk'],
    ['__MACOSX', 'junk'],
    ['._events.csv', 'junk'],
    ['.hidden.csv', 'hidden'],
    ['.', 'not a file name'],
    ['..', 'not a file name'],
    [' lead.csv', 'starts with a space'],
    ['trail.csv ', 'ends with a space or a dot'],
    ['trail.', 'ends with a space or a dot'],
    ['CON', 'device name'],
    ['nul.csv', 'device name'],
    ['COM1.json', 'device name'],
    ['lpt9', 'device name'],
    ['COM¹.txt', 'device name'],
    ['a\uD800b', 'not valid Unicode'],
    ['é'.repeat(128) + '.csv', 'longer than 255 bytes'],
  ])('refuses %j (%s)', (name, why) => {
    expect(nameProblem(name)).toContain(why);
  });

  it('limits the whole path inside the zip to 180 characters', () => {
    expect(pathProblem('a'.repeat(180))).toBeNull();
    expect(pathProblem('a'.repeat(181))).toContain('181 characters');
  });

  it('folds case the way case-insensitive file systems do', () => {
    expect(caseFoldKey('Events.CSV')).toBe(caseFoldKey('events.csv'));
    expect(caseFoldKey('STRASSE.csv')).toBe(caseFoldKey('straße.csv'));
    expect(caseFoldKey('a.csv')).not.toBe(caseFoldKey('b.csv'));
  });

  it('orders by UTF-8 bytes: upper case before lower case, "/" before letters, astral after BMP', () => {
    const names = ['data/report.html', 'bagit.txt', 'data/VERIFY.txt', 'data/', 'bag-info.txt', 'data/exports/', 'data/NOTE.md', 'data/exports/\u{1F600}.csv', 'data/exports/\uFF21.csv'];
    expect([...names].sort(compareBytes)).toEqual(['bag-info.txt', 'bagit.txt', 'data/', 'data/NOTE.md', 'data/VERIFY.txt', 'data/exports/', 'data/exports/\uFF21.csv', 'data/exports/\u{1F600}.csv', 'data/report.html']);
  });
});

import { describe, expect, it } from 'vitest';
import { Findings, MAX_FINDINGS_PER_CHECK } from '../../../electron/core/packet/verify/findings';
import { collisionKey, shown, unportableNameReason, unsafeNameReason } from '../../../electron/core/packet/verify/names';

describe('unsafeNameReason', () => {
  it.each([
    ['', /empty name/],
    ['top/a\u0000b', /NUL/],
    ['top\\..\\x', /backslash/],
    ['/etc/passwd', /absolute path/],
    ['C:/x', /drive letter/],
    ['c:x', /drive letter/],
    ['top/../x', /"\.\." segment/],
    ['..', /"\.\." segment/],
    ['top/./x', /"\." segment/],
    ['top//x', /empty segment/],
    ['top/x\u0007', /control character/],
    ['top/x\u0085', /control character/],
    ['top/\u202egnp.exe', /invisible formatting/],
    ['top/a\u200bb', /invisible formatting/],
    ['top/a:b', /alternate data stream/],
    ['top/a?b', /Windows refuses/],
    ['top/nul', /device/],
    ['top/COM1.txt', /device/],
    ['top/name.', /ends in a space or a dot/],
    ['top/name ', /ends in a space or a dot/],
  ])('refuses %j', (name, reason) => {
    expect(unsafeNameReason(name, false)).toMatch(reason);
  });

  it('accepts plain relative names and folder names', () => {
    expect(unsafeNameReason('evidence-INC-42-20260320T103000Z/data/exports/traces Ünïcode 2026.json', false)).toBeNull();
    expect(unsafeNameReason('top/data/', true)).toBeNull();
    expect(unsafeNameReason('top/data//', true)).toMatch(/empty segment/);
  });
});

describe('unportableNameReason', () => {
  it('flags non-NFC names, OS junk, "%" and paths over the limit', () => {
    expect(unportableNameReason('top/Cafe\u0301.csv', 180)).toMatch(/NFC/);
    expect(unportableNameReason('top/data/.DS_Store', 180)).toMatch(/junk/);
    expect(unportableNameReason('top/__MACOSX/x', 180)).toMatch(/junk/);
    expect(unportableNameReason('top/data/._x', 180)).toMatch(/junk/);
    expect(unportableNameReason('top/a%20b', 180)).toMatch(/"%"/);
    expect(unportableNameReason(`top/${'a'.repeat(177)}`, 180)).toMatch(/181 characters/);
    expect(unportableNameReason(`top/${'a'.repeat(176)}`, 180)).toBeNull();
    expect(unportableNameReason('top/Café.csv', 180)).toBeNull();
  });
});

describe('collisionKey', () => {
  it('is the same for names a case-insensitive, normalising file system would merge', () => {
    expect(collisionKey('top/NOTE.md')).toBe(collisionKey('top/note.md'));
    expect(collisionKey('top/Cafe\u0301')).toBe(collisionKey('top/Café'));
    expect(collisionKey('top/a.')).toBe(collisionKey('top/a'));
    expect(collisionKey('top/a')).not.toBe(collisionKey('top/b'));
  });
});

describe('shown', () => {
  it('makes control and invisible characters visible, and cuts long names', () => {
    expect(shown('a\u0000b\u001b[31m\u202e')).toBe('a\\u{0}b\\u{1B}[31m\\u{202E}');
    expect(shown('x'.repeat(400))).toHaveLength(301);
  });
});

describe('Findings', () => {
  it(`lists at most ${MAX_FINDINGS_PER_CHECK} findings per check, and counts the rest`, () => {
    const findings = new Findings();
    for (let i = 0; i < MAX_FINDINGS_PER_CHECK + 5; i++) findings.error('zip-safety', `f${i}`, 'bad');
    findings.warning('trust', null, 'check the fingerprint');
    const list = findings.list();
    expect(list).toHaveLength(MAX_FINDINGS_PER_CHECK + 2);
    expect(list.at(-1)).toEqual({ severity: 'error', check: 'zip-safety', file: null, message: expect.stringMatching(/5 more zip-safety findings/) });
    expect(findings.fileHasErrors(`f${MAX_FINDINGS_PER_CHECK + 4}`)).toBe(true);
    expect(findings.hasErrors('trust')).toBe(false);
  });
});

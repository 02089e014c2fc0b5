import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import { generateSigningKey } from '../../../electron/core/keys';
import { BAG_INFO_WIDTH, bagInfoElements, bagInfoValue, bagSize, foldElement, formatBagInfo, parseBagInfo, payloadOxum } from '../../../electron/core/packet';
import { evidence } from './fixture';

const key = generateSigningKey();
const figures = { sourceOrganization: 'Example Health Ltd', payloadOctets: 12345, payloadFiles: 7, bagBytes: 20000 };

describe('bag-info.txt lines', () => {
  it('writes a short element on one line: label, colon, one space, value', () => {
    expect(foldElement('Contact-Name', 'Ana Silva')).toBe('Contact-Name: Ana Silva');
    expect(formatBagInfo([{ label: 'A', value: 'x' }, { label: 'B', value: 'y' }])).toBe('A: x\nB: y\n');
  });

  it('folds a long value at spaces: no line past 79 characters, continuation lines start with white space', () => {
    const why = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const folded = foldElement('External-Description', why);
    const lines = folded.split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines[0]!.startsWith('External-Description: word0 ')).toBe(true);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(BAG_INFO_WIDTH);
    for (const line of lines.slice(1)) expect(line).toMatch(/^[ \t]+\S/);
    // Each line is filled: the next word would not have fitted.
    for (let i = 0; i < lines.length - 1; i++) expect(lines[i]!.length + 1 + lines[i + 1]!.trim().split(' ')[0]!.length).toBeGreaterThan(BAG_INFO_WIDTH);
    expect(folded).not.toContain('\r');
  });

  it('keeps a word longer than a line whole (79 is a recommendation, a broken ID is wrong)', () => {
    const long = 'x'.repeat(120);
    expect(foldElement('Request-Ids', `a ${long} b`)).toBe(`Request-Ids: a\n  ${long}\n  b`);
  });

  it('reads back exactly what it wrote (unfolding joins continuation lines with one space)', () => {
    const elements = [
      { label: 'External-Description', value: Array.from({ length: 40 }, (_, i) => `Satz ${i}: Prüfung der Zugriffe;`).join(' ') },
      { label: 'Request-Ids', value: Array.from({ length: 300 }, (_, i) => `req-${i}`).join(' ') },
      { label: 'External-Identifier', value: 'INC-1: with a colon' },
      { label: 'External-Identifier', value: 'INC-2' },
    ];
    const text = formatBagInfo(elements);
    expect(parseBagInfo(text)).toEqual(elements);
    expect(parseBagInfo(text.replace(/\n/g, '\r\n'))).toEqual(elements);
    expect(parseBagInfo('no colon here\n')).toBeNull();
    expect(parseBagInfo('  continuation first\n')).toBeNull();
  });

  it('never writes a raw line break in a value: white space runs become one space; other controls are refused', () => {
    expect(bagInfoValue('External-Description', '  Line one.\r\nLine two.\n\n\tLine\u00A0three.\u2028 ')).toBe('Line one. Line two. Line three.');
    expect(() => bagInfoValue('Contact-Name', 'Ana\u0007Silva')).toThrow(AppError);
    expect(() => foldElement('Contact-Name', 'two\nlines')).toThrow(AppError);
    expect(() => foldElement('Bad:Label', 'x')).toThrow(AppError);
    expect(() => foldElement(' Padded', 'x')).toThrow(AppError);
  });
});

describe('Payload-Oxum and Bag-Size', () => {
  it('Payload-Oxum is octets "." files', () => {
    expect(payloadOxum(163350, 7)).toBe('163350.7');
    expect(payloadOxum(0, 0)).toBe('0.0');
    expect(payloadOxum(5_000_000_000, 12)).toBe('5000000000.12');
  });

  it('Bag-Size is for people, in decimal units', () => {
    expect(bagSize(0)).toBe('0 B');
    expect(bagSize(999)).toBe('999 B');
    expect(bagSize(1000)).toBe('1.0 KB');
    expect(bagSize(173_999)).toBe('174.0 KB');
    expect(bagSize(999_949)).toBe('999.9 KB');
    expect(bagSize(999_950)).toBe('1.0 MB');
    expect(bagSize(42_600_000_000)).toBe('42.6 GB');
    expect(bagSize(3_200_000_000_000)).toBe('3.2 TB');
  });
});

describe("the packet's elements", () => {
  it('lists the reserved labels, then ours, in a fixed order, from evidence.json', () => {
    const elements = bagInfoElements(evidence(key), figures);
    expect(elements).toEqual([
      { label: 'Source-Organization', value: 'Example Health Ltd' },
      { label: 'Contact-Name', value: 'Ana Silva' },
      { label: 'Contact-Email', value: 'ana@example.com' },
      { label: 'External-Identifier', value: 'INC-4711' },
      { label: 'External-Identifier', value: 'REV-2026-Q1' },
      { label: 'External-Description', value: 'Quarterly review of the gateway.' },
      { label: 'Bagging-Date', value: '2026-03-20' },
      { label: 'Payload-Oxum', value: '12345.7' },
      { label: 'Bag-Size', value: '20.0 KB' },
      { label: 'Review-Window-From', value: '2026-03-19T10:30:00Z' },
      { label: 'Review-Window-To', value: '2026-03-20T10:30:00Z' },
      { label: 'Review-Environment', value: 'production' },
      { label: 'Review-Config-Version', value: 'cfg-42' },
      { label: 'Request-Ids', value: 'req-1 req-2' },
      { label: 'Escalation-Ids', value: 'esc-9' },
      { label: 'Evidence-Packet-Id', value: 'pkt-1' },
      { label: 'Signer-Key-Fingerprint', value: key.fingerprint },
      { label: 'Generator', value: 'Evidence Packager 0.1.0' },
    ]);
  });

  it('leaves out what there is nothing to say about', () => {
    const base = evidence(key);
    const sparse = evidence(key, {
      reviewer: { name: 'Ana Silva' },
      scope: { ...base.scope, environment: null, config_version: null, request_ids: [], escalation_ids: [], references: [], why: '  ' },
    });
    const labels = bagInfoElements(sparse, figures).map((e) => e.label);
    expect(labels).toEqual(['Source-Organization', 'Contact-Name', 'Bagging-Date', 'Payload-Oxum', 'Bag-Size', 'Review-Window-From', 'Review-Window-To', 'Evidence-Packet-Id', 'Signer-Key-Fingerprint', 'Generator']);
  });

  it('writes the why on folded lines without its line breaks, and refuses IDs with white space', () => {
    const base = evidence(key);
    const why = 'First paragraph of the reason, which is long enough to need folding.\n\nSecond paragraph.';
    const text = formatBagInfo(bagInfoElements(evidence(key, { scope: { ...base.scope, why } }), figures));
    const description = parseBagInfo(text)!.find((e) => e.label === 'External-Description')!;
    expect(description.value).toBe('First paragraph of the reason, which is long enough to need folding. Second paragraph.');
    expect(text.split('\n').every((line) => line.length <= BAG_INFO_WIDTH)).toBe(true);
    expect(() => bagInfoElements(evidence(key, { scope: { ...base.scope, request_ids: ['req 1'] } }), figures)).toThrow(AppError);
  });

  it('refuses a packet without a source organization', () => {
    expect(() => bagInfoElements(evidence(key), { ...figures, sourceOrganization: ' \n ' })).toThrow(/source organization/);
  });
});

import { describe, expect, it } from 'vitest';
import { listValue, normalizeSpace, parseBagInfo, parseManifest, tagText, values } from '../../../electron/core/packet/verify/bagit';

const HASH = 'ab'.repeat(32);
const text = (s: string) => Buffer.from(s, 'utf8');

describe('parseManifest', () => {
  it('reads "<sha256>  <path>" lines, undoing RFC 8493 percent-encoding', () => {
    const { lines, problems } = parseManifest(text(`${HASH}  data/NOTE.md\n${HASH}  data/a%25b%0Ac.txt\n${HASH}  data/x y.csv`));
    expect(problems).toEqual([]);
    expect(lines.map((l) => l.path)).toEqual(['data/NOTE.md', 'data/a%b\nc.txt', 'data/x y.csv']);
    expect(lines[2]).toEqual({ line: 3, sha256: HASH, path: 'data/x y.csv' });
  });

  it('names the line of every malformed entry, and keeps reading', () => {
    const { lines, problems } = parseManifest(
      text([`${HASH} data/one-space`, `${HASH} *data/binary-mode`, `${HASH}  data/crlf\r`, `${HASH.toUpperCase()}  data/upper`, `${HASH}  ../escape`, `${HASH}  /abs`, `${HASH}  data/dup`, `${HASH}  data/dup`, '', `${HASH}  data/ok`].join('\n') + '\n'),
    );
    expect(problems.map((p) => p.line)).toEqual([1, 2, 3, 4, 5, 6, 8, 9]);
    expect(problems[0]!.message).toMatch(/line 1 is not "<sha256> {2}<path>"/);
    expect(problems[2]!.message).toMatch(/carriage return/);
    expect(problems[3]!.message).toMatch(/uppercase/);
    expect(problems[6]!.message).toMatch(/again \(first on line 7\)/);
    // An uppercase hash still pins its file (in lowercase): the file is not also reported as unlisted.
    expect(lines.map((l) => l.path)).toEqual(['data/upper', 'data/dup', 'data/ok']);
    expect(lines[0]!.sha256).toBe(HASH);
  });

  it('refuses text that is not UTF-8, has a byte order mark or NULs', () => {
    expect(parseManifest(Buffer.from([0xff, 0xfe, 0x41])).problems).toEqual([{ line: null, message: 'it is not valid UTF-8' }]);
    expect(parseManifest(text(`\ufeff${HASH}  data/a\n`)).problems[0]!.message).toMatch(/byte order mark/);
    expect(tagText(text('a\u0000b'))).toEqual({ problem: 'it contains NUL characters' });
  });
});

describe('parseBagInfo', () => {
  it('unfolds continuation lines (RFC 8493), keeps repeated labels in order, and takes empty values', () => {
    const info = parseBagInfo(
      text('External-Identifier: INC-42\nExternal-Description: A long reason,\n  folded over\n\tthree lines.\nExternal-Identifier: REV-7\r\nRequest-Ids:\nEscalation-Ids: \nPayload-Oxum: 12.3\n'),
    );
    expect(info.problems).toEqual([]);
    expect(values(info, 'External-Description')).toEqual(['A long reason, folded over three lines.']);
    expect(values(info, 'External-Identifier')).toEqual(['INC-42', 'REV-7']);
    expect(values(info, 'Request-Ids')).toEqual(['']);
    expect(values(info, 'Escalation-Ids')).toEqual(['']);
    expect(values(info, 'Payload-Oxum')).toEqual(['12.3']);
    expect(values(info, 'Missing')).toEqual([]);
  });

  it('names the line of anything that is not "Label: value"', () => {
    const info = parseBagInfo(text('  starts indented\nNo colon here\nLabel:no space\n : empty label\nGood: yes\n\n'));
    expect(info.problems.map((p) => p.line)).toEqual([1, 2, 3, 4, 6]);
    expect(values(info, 'Good')).toEqual(['yes']);
  });
});

describe('value helpers', () => {
  it('compares free text by its words, and splits lists at white space only (an ID may hold a comma)', () => {
    expect(normalizeSpace('  a\n  b\tc ')).toBe('a b c');
    expect(listValue('req-1  req-2\treq-3 req,4')).toEqual(['req-1', 'req-2', 'req-3', 'req,4']);
    expect(listValue('')).toEqual([]);
    expect(listValue(undefined)).toEqual([]);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import { generateSigningKey, publicKeyPem, verify } from '../../../electron/core/keys';
import { BAG_FOLDERS, BAGIT_TXT, buildBag, checkPacketSpec, compareBytes, parseBagInfo, PAYLOAD_DOCUMENTS, PINNED_TAG_FILES, type Bag, type BytesFile, type PacketSpec } from '../../../electron/core/packet';
import { evidence, SHA_EVENTS, SHA_TRACES, spec } from './fixture';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const built = (s: PacketSpec) => buildBag(s, checkPacketSpec(s));
const file = (bag: Bag, path: string) => {
  const entry = bag.entries.find((e) => e.type === 'file' && e.file.path === path);
  if (!entry || entry.type !== 'file' || entry.file.source !== 'bytes') throw new Error(`no ${path}`);
  return entry.file as BytesFile;
};
const text = (bag: Bag, path: string) => file(bag, path).bytes.toString('utf8');
const manifestPaths = (manifest: string) => manifest.trimEnd().split('\n').map((line) => line.slice(66));

function refused(s: PacketSpec): AppError {
  try {
    checkPacketSpec(s);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('the bag', () => {
  const s = spec();
  const bag = built(s);
  const stem = 'evidence-INC-4711-20260320T110000Z';

  it('is one top folder with the layout of PACKET.md, entries sorted by UTF-8 bytes, folders first', () => {
    expect(bag.stem).toBe(stem);
    expect(bag.zipName).toBe(`${stem}.zip`);
    const names = bag.entries.map((e) => e.name);
    expect(names.every((n) => n.startsWith(`${stem}/`))).toBe(true);
    expect([...names].sort(compareBytes)).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
    const relative = names.map((n) => n.slice(stem.length + 1));
    expect(relative).toEqual([
      '',
      'bag-info.txt',
      'bagit.txt',
      'data/',
      'data/NOTE.md',
      'data/VERIFY.txt',
      'data/custody.json',
      'data/exports/',
      'data/exports/events.csv',
      'data/exports/traces.csv',
      'data/report.html',
      'data/validation.json',
      'evidence.json',
      'manifest-sha256.txt',
      'signer.pub.pem',
      'tagmanifest-sha256.txt',
      'tagmanifest-sha256.txt.sig',
    ]);
    expect(bag.entries.filter((e) => e.type === 'directory').map((e) => e.name.slice(stem.length + 1))).toEqual([...BAG_FOLDERS]);
  });

  it('has bagit.txt exactly', () => {
    expect(text(bag, 'bagit.txt')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    expect(BAGIT_TXT).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  });

  it('lists every payload file in manifest-sha256.txt and nothing else, with the hashes evidence.json gives the exports', () => {
    const manifest = text(bag, 'manifest-sha256.txt');
    const payload = bag.entries.filter((e) => e.type === 'file' && e.file.path.startsWith('data/')).map((e) => (e.type === 'file' ? e.file.path : ''));
    expect(manifestPaths(manifest)).toEqual(payload);
    expect(payload).toEqual(expect.arrayContaining([...PAYLOAD_DOCUMENTS, 'data/exports/events.csv', 'data/exports/traces.csv']));
    expect(manifest).toContain(`${SHA_EVENTS}  data/exports/events.csv\n`);
    expect(manifest).toContain(`${SHA_TRACES}  data/exports/traces.csv\n`);
    for (const path of PAYLOAD_DOCUMENTS) expect(manifest).toContain(`${sha256(file(bag, path).bytes)}  ${path}\n`);
  });

  it('pins the tag files (not itself, not the signature) and signs the exact bytes of the tag manifest', () => {
    const tagManifest = file(bag, 'tagmanifest-sha256.txt').bytes;
    expect(manifestPaths(tagManifest.toString('utf8'))).toEqual([...PINNED_TAG_FILES].sort(compareBytes));
    for (const path of PINNED_TAG_FILES) expect(tagManifest.toString('utf8')).toContain(`${sha256(file(bag, path).bytes)}  ${path}\n`);
    const signature = file(bag, 'tagmanifest-sha256.txt.sig').bytes;
    expect(signature).toHaveLength(64);
    expect(verify(s.key, tagManifest, signature)).toBe(true);
    expect(text(bag, 'signer.pub.pem')).toBe(publicKeyPem(s.key));
  });

  it('computes Payload-Oxum over data/ and a Bag-Size that includes bag-info.txt itself', () => {
    const info = Object.fromEntries(parseBagInfo(text(bag, 'bag-info.txt'))!.map((e) => [e.label, e.value]));
    const documents = PAYLOAD_DOCUMENTS.reduce((n, p) => n + file(bag, p).bytes.length, 0);
    expect(info['Payload-Oxum']).toBe(`${documents + 1000 + 2500}.7`);
    expect(bag.payloadOctets).toBe(documents + 3500);
    const all = bag.entries.reduce((n, e) => n + (e.type === 'directory' ? 0 : e.file.source === 'bytes' ? e.file.bytes.length : e.file.export.bytes), 0);
    expect(bag.bagBytes).toBe(all);
    expect(info['Bag-Size']).toBe(`${(all / 1000).toFixed(1)} KB`);
  });

  it('writes evidence.json and validation.json as 2-space JSON with a final newline', () => {
    expect(text(bag, 'evidence.json')).toBe(`${JSON.stringify(s.evidence, null, 2)}\n`);
    expect(text(bag, 'data/validation.json')).toBe(`${JSON.stringify(s.payload.validation, null, 2)}\n`);
    expect(JSON.parse(text(bag, 'evidence.json'))).toEqual(s.evidence);
  });

  it('is the same for the same spec, byte for byte', () => {
    const again = built(s);
    expect(again.entries.map((e) => (e.type === 'file' ? sha256(e.file.source === 'bytes' ? e.file.bytes : Buffer.from(e.file.sha256)) : e.name))).toEqual(
      bag.entries.map((e) => (e.type === 'file' ? sha256(e.file.source === 'bytes' ? e.file.bytes : Buffer.from(e.file.sha256)) : e.name)),
    );
  });

  it('names the packet "review" without references', () => {
    const base = evidence(s.key);
    const anonymous = spec({ evidence: evidence(s.key, { scope: { ...base.scope, references: [] } }) }, s.key);
    expect(built(anonymous).stem).toBe('evidence-review-20260320T110000Z');
  });
});

describe('checking a spec before writing', () => {
  it('accepts the creation time as ms or as an RFC 3339 instant, and must agree with evidence.json', () => {
    expect(checkPacketSpec(spec({ createdAt: Date.parse('2026-03-20T11:00:00Z') })).createdAtMs).toBe(Date.parse('2026-03-20T11:00:00Z'));
    expect(refused(spec({ createdAt: '2026-03-20T11:00:01Z' })).message).toMatch(/created_at/);
    expect(refused(spec({ createdAt: '20 March 2026' })).code).toBe('invalid-request');
    expect(refused(spec({ createdAt: Number.NaN })).code).toBe('invalid-request');
  });

  it('refuses a schema-invalid evidence.json or validation.json (ajv strict)', () => {
    const key = generateSigningKey();
    const bad = { ...evidence(key), format_version: 2 } as unknown as ReturnType<typeof evidence>;
    expect(refused(spec({ evidence: bad }, key)).message).toMatch(/evidence\.json is not valid: \/format_version/);
    const extra = { ...evidence(key), extra: true } as unknown as ReturnType<typeof evidence>;
    expect(refused(spec({ evidence: extra }, key)).message).toMatch(/unexpected field "extra"/);
    const s = spec({}, key);
    const report = { ...s.payload.validation, overall: 'great' } as unknown as PacketSpec['payload']['validation'];
    expect(refused({ ...s, payload: { ...s.payload, validation: report } }).message).toMatch(/validation\.json is not valid/);
  });

  it('refuses a spec that disagrees with itself', () => {
    const key = generateSigningKey();
    expect(refused(spec({ packetId: 'pkt-2' }, key)).message).toMatch(/packet id/);
    expect(refused(spec({ key: generateSigningKey() }, key)).message).toMatch(/another signer/);
    const s = spec({}, key);
    expect(refused({ ...s, payload: { ...s.payload, validation: { ...s.payload.validation, overall: 'warn' } } }).message).toMatch(/another validation/);
    expect(refused({ ...s, payload: { ...s.payload, exports: s.payload.exports.slice(0, 1) } }).message).toMatch(/not given: data\/exports\/traces\.csv/);
    expect(refused({ ...s, payload: { ...s.payload, exports: [...s.payload.exports, { path: '/x', originalFilename: 'audit.csv' }] } }).message).toMatch(/does not list the export data\/exports\/audit\.csv/);
  });

  it('refuses export names that are not portable, or that differ only in case, rather than renaming them', () => {
    const key = generateSigningKey();
    const withNames = (a: string, b: string) => {
      const base = evidence(key);
      const exports = [
        { ...base.exports[0]!, path: `data/exports/${a}`, original_filename: a },
        { ...base.exports[1]!, path: `data/exports/${b}`, original_filename: b },
      ];
      return spec({ evidence: { ...base, exports }, payload: { ...spec({}, key).payload, exports: [{ path: '/x/a', originalFilename: a }, { path: '/x/b', originalFilename: b }] } }, key);
    };
    expect(checkPacketSpec(withNames('a.csv', 'b.csv')).exports.map((e) => e.bagPath)).toEqual(['data/exports/a.csv', 'data/exports/b.csv']);
    const colon = refused(withNames('a:b.csv', 'b.csv'));
    expect(colon.message).toBe('The export file "a:b.csv" cannot go into a packet: it contains ":", which Windows, macOS or BagIt manifests do not allow in a file name.');
    expect(colon.hint).toMatch(/Rename the file/);
    expect(refused(withNames('Events.csv', 'events.csv')).message).toMatch(/differ only in letter case/);
    expect(refused(withNames(`${'n'.repeat(140)}.csv`, 'b.csv')).message).toMatch(/path in the zip would be \d+ characters long/);
  });
});

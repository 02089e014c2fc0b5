// Test packets for the verifier, built from docs/PACKET.md alone (not with the packet writer), so the
// verifier's tests also cross-check the writer's reading of the format. Bags are maps of path → bytes;
// zips are written by Python's zipfile (zipper.py), or by Info-ZIP's `zip -X -r` from a folder.

import { createHash, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { entryHash } from '../../../electron/core/custody';
import type { CustodyEntry } from '../../../shared/schemas/custody';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ZIPPER = join(HERE, 'zipper.py');

export const PACKET_ID = 'pkt-20260320-0001';
export const TOP = 'evidence-INC-42-20260320T103000Z';
export const CREATED_AT = '2026-03-20T10:30:00Z';
export const EVENTS = 'data/exports/events-20260320.csv';
export const TRACES = 'data/exports/traces Ünïcode 2026-03-20.json';
/** The traces export under an ASCII name (for zips made by Info-ZIP, which does not flag UTF-8 names). */
export const TRACES_ASCII = 'data/exports/traces-2026-03-20.json';

/** The bag's second export (the traces file), whichever name it has. */
const tracesOf = (files: Map<string, Buffer>) => [...files.keys()].find((p) => p.startsWith('data/exports/') && p !== EVENTS)!;
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** A fresh Ed25519 key pair (node:crypto only). */
export function newKey(): { privateKey: KeyObject; publicPem: string; fingerprint: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    privateKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    // PACKET.md: `SHA256:` + base64 of SHA-256 over the DER SPKI, as ssh prints fingerprints (no padding).
    fingerprint: `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`,
  };
}

export type Key = ReturnType<typeof newKey>;

/** A bag: its folder name and its files by path inside the folder. */
export interface Bag {
  top: string;
  files: Map<string, Buffer>;
  key: Key;
}

/** RFC 8493 folding: `Label: value`, continued on lines indented by two spaces, at most 79 characters a line where words allow. */
export function bagInfoLine(label: string, value: string): string {
  const words = value.split(' ');
  const lines: string[] = [];
  let line = `${label}:`;
  for (const word of words) {
    if (line.length + 1 + word.length > 79 && line.trim() !== `${label}:`) {
      lines.push(line);
      line = ` ${word}`;
    } else line += ` ${word}`;
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : ` ${l}`)).join('\n');
}

const hashLines = (files: Map<string, Buffer>, paths: string[]) =>
  paths
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .map((p) => `${sha256(files.get(p)!)}  ${p}\n`)
    .join('');

export const WHY =
  'Quarterly access review for the payments gateway, prompted by incident INC-42: a burst of blocked requests on 2026-03-19 that the on-call engineer escalated. This packet carries the exported events and traces for the window, validated against the expected configuration version.';

/** The custody chain of the test review: the two exports pulled/imported, a validation, and the packing. */
export function custodyEntries(exports: Map<string, Buffer>, packetId = PACKET_ID): CustodyEntry[] {
  const entries: CustodyEntry[] = [];
  const add = (action: CustodyEntry['action'], subject: CustodyEntry['subject'], artifact: string | null) => {
    const unhashed = {
      seq: entries.length + 1,
      at: `2026-03-20T10:2${entries.length}:00.000Z`,
      action,
      actor: { name: 'Ana Silva', os_user: 'ana' },
      subject,
      artifact_sha256: artifact,
      prev_hash: entries.length === 0 ? '0'.repeat(64) : entries[entries.length - 1]!.hash,
    };
    entries.push({ ...unhashed, hash: entryHash(unhashed) });
  };
  add('pulled', { job_id: 'job_7', export_type: 'events', format: 'csv', original_filename: 'events-20260320.csv', bytes: exports.get(EVENTS)!.length }, sha256(exports.get(EVENTS)!));
  const traces = tracesOf(exports);
  add('imported', { original_filename: baseName(traces), export_type: 'traces', format: 'json', bytes: exports.get(traces)!.length }, sha256(exports.get(traces)!));
  add('validated', { validation_run_id: 1, overall: 'pass' }, null);
  add('packed', { packet_id: packetId }, null);
  return entries;
}

export function custodyDocumentBytes(entries: CustodyEntry[]): Buffer {
  return Buffer.from(`${JSON.stringify({ format: 'evidence-custody', format_version: 1, entries }, null, 2)}\n`);
}

export function evidenceFor(files: Map<string, Buffer>, fingerprint: string, packetId = PACKET_ID) {
  const events = files.get(EVENTS)!;
  const tracesPath = tracesOf(files);
  const traces = files.get(tracesPath)!;
  return {
    packet_id: packetId,
    format: 'evidence-packet',
    format_version: 1,
    created_at: CREATED_AT,
    generator: { name: 'Evidence Packager', version: '0.1.0' },
    reviewer: { name: 'Ana Silva', email: 'ana@example.com' },
    scope: {
      window: { as_entered: '24h', from: '2026-03-19T10:30:00Z', to: '2026-03-20T10:30:00Z' },
      environment: 'production',
      config_version: 'cfg-2026.03.1',
      types: ['events', 'traces'],
      request_ids: ['req-1', 'req-2'],
      escalation_ids: ['esc-9'],
      references: ['INC-42', 'REV-7'],
      why: WHY,
      control_tags: ['SOC2:CC7.2'],
    },
    exports: [
      {
        path: EVENTS,
        original_filename: 'events-20260320.csv',
        type: 'events',
        format: 'csv',
        bytes: events.length,
        sha256: sha256(events),
        records: 2,
        first_record_at: '2026-03-19T11:00:00Z',
        last_record_at: '2026-03-20T09:00:00Z',
        provenance: {
          kind: 'pulled',
          api_base_url: 'https://api.example.com/v1',
          job_id: 'job_7',
          request: { type: 'events', format: 'csv', window: '24h' },
          server_declared: { record_count: 2, size_bytes: events.length, sha256: sha256(events), filename: 'events-20260320.csv' },
          download_origin: 'https://files.example.com/exports/job_7.csv',
          downloaded_at: '2026-03-20T10:20:00Z',
          resumed: 0,
          pulled_by: 'ana',
        },
      },
      {
        path: tracesPath,
        original_filename: baseName(tracesPath),
        type: 'traces',
        format: 'json',
        bytes: traces.length,
        sha256: sha256(traces),
        records: 1,
        first_record_at: '2026-03-19T12:00:00Z',
        last_record_at: '2026-03-19T12:00:00Z',
        provenance: { kind: 'imported', original_filename: baseName(tracesPath), original_modified_at: '2026-03-20T08:00:00Z', imported_by: 'ana', imported_at: '2026-03-20T10:21:00Z' },
      },
    ],
    validation: {
      overall: 'pass',
      generated_at: '2026-03-20T10:22:00Z',
      checks: [{ id: 'integrity', file: 'events-20260320.csv', status: 'pass', summary: 'Every record parsed.' }],
    },
    xref: {
      request_ids: [
        { id: 'req-1', found: [{ file: 'events-20260320.csv', type: 'events', record: 1, field: 'request_id' }], total: 1 },
        { id: 'req-2', found: [], total: 0 },
      ],
      escalation_ids: [{ id: 'esc-9', escalation: [], events: [{ file: 'events-20260320.csv', type: 'events', record: 2, field: 'escalation_id' }], total: 1, status: 'incomplete' }],
    },
    limitations: [{ kind: 'reviewer', text: 'Traces were imported by hand from the on-call laptop.' }],
    signer: { algorithm: 'ed25519', fingerprint },
  };
}

/** bag-info.txt for the bag's evidence.json and payload. */
export function bagInfoFor(files: Map<string, Buffer>, evidence: ReturnType<typeof evidenceFor>): Buffer {
  const payload = [...files.keys()].filter((p) => p.startsWith('data/'));
  const octets = payload.reduce((sum, p) => sum + files.get(p)!.length, 0);
  const lines = [
    bagInfoLine('Source-Organization', 'Example Corp'),
    bagInfoLine('Contact-Name', evidence.reviewer.name),
    bagInfoLine('Contact-Email', evidence.reviewer.email),
    ...evidence.scope.references.map((r) => bagInfoLine('External-Identifier', r)),
    bagInfoLine('External-Description', evidence.scope.why),
    bagInfoLine('Bagging-Date', evidence.created_at.slice(0, 10)),
    bagInfoLine('Payload-Oxum', `${octets}.${payload.length}`),
    bagInfoLine('Bag-Size', `${(octets / 1024).toFixed(1)} KB`),
    bagInfoLine('Review-Window-From', evidence.scope.window.from),
    bagInfoLine('Review-Window-To', evidence.scope.window.to),
    bagInfoLine('Review-Environment', evidence.scope.environment),
    bagInfoLine('Review-Config-Version', evidence.scope.config_version),
    bagInfoLine('Request-Ids', evidence.scope.request_ids.join(' ')),
    bagInfoLine('Escalation-Ids', evidence.scope.escalation_ids.join(' ')),
    bagInfoLine('Evidence-Packet-Id', evidence.packet_id),
    bagInfoLine('Signer-Key-Fingerprint', evidence.signer.fingerprint),
    bagInfoLine('Generator', `${evidence.generator.name} ${evidence.generator.version}`),
  ];
  return Buffer.from(`${lines.join('\n')}\n`);
}

/**
 * A valid bag, following PACKET.md: the payload (note, report, validation, custody, VERIFY.txt, two
 * exports, one with a non-ASCII name), evidence.json, bag-info.txt, both manifests, the key and the
 * signature.
 */
export function makeBag(key: Key = newKey(), { tracesPath = TRACES }: { tracesPath?: string } = {}): Bag {
  const files = new Map<string, Buffer>();
  files.set(EVENTS, Buffer.from('time,request_id,verdict,escalation_id\n2026-03-19T11:00:00Z,req-1,block,\n2026-03-20T09:00:00Z,req-3,escalate,esc-9\n'));
  files.set(tracesPath, Buffer.from('[{"time":"2026-03-19T12:00:00Z","trace_id":"t-1","span":"gateway"}]\n'));
  files.set('data/NOTE.md', Buffer.from('# Review of INC-42\n\nWhy: see bag-info.txt.\n'));
  files.set('data/report.html', Buffer.from('<!doctype html><meta charset="utf-8"><title>INC-42</title><h1>Review of INC-42</h1>\n'));
  files.set('data/validation.json', Buffer.from('{"overall":"pass"}\n'));
  files.set('data/VERIFY.txt', Buffer.from(`Verify with openssl and sha256sum. Signer: ${key.fingerprint}\n`));
  files.set('data/custody.json', custodyDocumentBytes(custodyEntries(files)));
  const evidence = evidenceFor(files, key.fingerprint);
  files.set('evidence.json', Buffer.from(`${JSON.stringify(evidence, null, 2)}\n`));
  files.set('bag-info.txt', bagInfoFor(files, evidence));
  files.set('bagit.txt', Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'));
  files.set('signer.pub.pem', Buffer.from(key.publicPem));
  const bag = { top: TOP, files, key };
  seal(bag);
  return bag;
}

/**
 * Recomputes the payload manifest, the tag manifest and the signature from the bag's files, as a key
 * holder would (so a test can make one inconsistency that every hash and the signature cover).
 */
export function seal(bag: Bag, key: Key = bag.key): Bag {
  const { files } = bag;
  files.set('manifest-sha256.txt', Buffer.from(hashLines(files, [...files.keys()].filter((p) => p.startsWith('data/')))));
  const tagged = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'evidence.json', 'signer.pub.pem'].filter((p) => files.has(p));
  files.set('tagmanifest-sha256.txt', Buffer.from(hashLines(files, tagged)));
  files.set('tagmanifest-sha256.txt.sig', sign(null, files.get('tagmanifest-sha256.txt')!, key.privateKey));
  return bag;
}

/** A copy of the bag, to tamper with. */
export function copyBag(bag: Bag): Bag {
  return { top: bag.top, key: bag.key, files: new Map([...bag.files].map(([p, b]) => [p, Buffer.from(b)])) };
}

/** `bytes` with one byte (the middle one) flipped. */
export function flipByte(bytes: Buffer, at = Math.floor(bytes.length / 2)): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x20;
  return copy;
}

/** A zip entry for zipper.py. */
export interface ZipEntrySpec {
  name?: string;
  name_b64?: string;
  utf8_flag?: boolean;
  /** The entry's extra field (local and central), raw. */
  extra_b64?: string;
  data_b64?: string;
  zeros?: number;
  many?: number;
  method?: 'stored' | 'deflated';
  dir?: boolean;
  external_attr?: number;
  create_system?: number;
}

export interface ZipSpec {
  out: string;
  /** Written as to a pipe: every entry's sizes and CRC follow its data in a data descriptor (as streaming zip writers do). */
  stream?: boolean;
  entries: ZipEntrySpec[];
  junk_after?: { entry: number; b64: string };
  patches?: { entry: number; where: 'central' | 'local' | 'both'; field: 'flags_or' | 'method' | 'crc' | 'compressed_size' | 'uncompressed_size'; value: number }[];
}

/** The zip entries of a bag: folder entries (when `dirs`) and files, in sorted order, under its top folder. */
export function bagEntries(bag: Bag, { dirs = true }: { dirs?: boolean } = {}): ZipEntrySpec[] {
  const entries: ZipEntrySpec[] = [];
  const folders = new Set<string>([`${bag.top}/`]);
  for (const path of bag.files.keys()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(`${bag.top}/${parts.slice(0, i).join('/')}/`);
  }
  const all = [...(dirs ? [...folders].map((name) => ({ name, dir: true })) : []), ...[...bag.files].map(([p, b]) => ({ name: `${bag.top}/${p}`, data_b64: b.toString('base64') }))];
  all.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  for (const e of all) entries.push(e);
  return entries;
}

/** Writes every zip in one Python run. */
export function writeZips(specs: ZipSpec[]): void {
  const result = spawnSync('python3', [ZIPPER], { input: JSON.stringify({ zips: specs }), maxBuffer: 16 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`zipper.py failed: ${result.stderr.toString()}`);
}

/** Zips the bag to `out` with Python's zipfile. */
export function zipBag(bag: Bag, out: string, options: { dirs?: boolean } = {}): string {
  writeZips([{ out, entries: bagEntries(bag, options) }]);
  return out;
}

/** Writes the bag into `dir` and zips it with Info-ZIP's `zip -X -r` (no extra attributes). */
export async function zipBagWithInfoZip(bag: Bag, dir: string, out: string): Promise<string> {
  for (const [path, bytes] of bag.files) {
    const file = join(dir, bag.top, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, bytes);
  }
  const result = spawnSync('zip', ['-X', '-r', '-q', out, bag.top], { cwd: dir });
  if (result.status !== 0) throw new Error(`zip failed: ${result.stderr.toString()}`);
  return out;
}

/** A temp folder, removed by `cleanup`. */
export async function tempDir(prefix = 'evidence-verify-'): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

/** The bytes of a zip local entry (header and stored data) that no central directory record points at. */
export function localEntry(name: string, data: Buffer): Buffer {
  const nameBytes = Buffer.from(name);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(0x800, 6);
  header.writeUInt16LE(0, 8);
  header.writeUInt32LE(crc32(data), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes, data]);
}

/** An Info-ZIP Unicode Path extra field (0x7075) giving `name` for an entry whose header name is `headerName`. */
export function unicodePathField(headerName: string, name: string): Buffer {
  const unicode = Buffer.from(name);
  const field = Buffer.alloc(9);
  field.writeUInt16LE(0x7075, 0);
  field.writeUInt16LE(5 + unicode.length, 2);
  field.writeUInt8(1, 4);
  field.writeUInt32LE(crc32(Buffer.from(headerName)), 5);
  return Buffer.concat([field, unicode]);
}

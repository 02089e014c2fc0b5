// The bag's contents (docs/PACKET.md, Layout): every tag file, the small payload files, and the order of
// the zip's entries. Pure: no file is read here; the exports' sizes and hashes are evidence.json's, and
// the writer checks the files against them while streaming.
import { createHash } from 'node:crypto';
import { publicKeyPem, sign } from '../keys';
import { bagInfoElements, formatBagInfo } from './bag-info';
import { EXPORTS_DIR, type CheckedExport, type CheckedSpec } from './check';
import { formatManifest, type ManifestItem } from './manifest';
import { compareBytes } from './names';
import type { PacketSpec } from './types';
import { verifyTxt } from './verify-txt';

/** bagit.txt, exactly. */
export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
/** The tag files tagmanifest-sha256.txt pins (every tag file but itself and its signature). */
export const PINNED_TAG_FILES = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'evidence.json', 'signer.pub.pem'] as const;
/** The payload files besides the exports. */
export const PAYLOAD_DOCUMENTS = ['data/NOTE.md', 'data/report.html', 'data/validation.json', 'data/custody.json', 'data/VERIFY.txt'] as const;
/** The bag's folders, relative to the bag (`''` is the bag's own folder). */
export const BAG_FOLDERS = ['', 'data/', `${EXPORTS_DIR}/`] as const;

/** A file of the bag held in memory. */
export interface BytesFile {
  path: string;
  source: 'bytes';
  bytes: Buffer;
  sha256: string;
}
/** An export, streamed from disk when zipped; its size and hash are evidence.json's. */
export interface ExportFile {
  path: string;
  source: 'export';
  export: CheckedExport;
  sha256: string;
}
/** A file of the bag (`path` relative to the bag's folder). */
export type BagFile = BytesFile | ExportFile;

/** One zip entry, in the order written; `name` includes the top folder. */
export type BagEntry = { type: 'directory'; name: string } | { type: 'file'; name: string; file: BagFile };

/** The whole bag, ready to zip. */
export interface Bag {
  stem: string;
  zipName: string;
  /** Zip entries sorted by name (UTF-8 byte order); a folder comes before what it holds. */
  entries: BagEntry[];
  payloadOctets: number;
  payloadFiles: number;
  /** Every file's bytes added up (Bag-Size). */
  bagBytes: number;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const fileSize = (file: BagFile) => (file.source === 'bytes' ? file.bytes.length : file.export.bytes);
const bytesFile = (path: string, content: string | Uint8Array): BytesFile => {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  return { path, source: 'bytes', bytes, sha256: sha256(bytes) };
};
/** JSON documents in the bag: 2-space indentation, a final newline. */
export const jsonDocument = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Builds every tag file and small payload file of the packet, and the list of zip entries. Payload-Oxum
 * counts the payload (everything under data/); Bag-Size is the size of all the bag's files, bag-info.txt
 * included (found by recomputing until its own length stops changing).
 */
export function buildBag(spec: PacketSpec, checked: CheckedSpec): Bag {
  const { evidence, payload, key } = spec;
  const payloadFiles: BagFile[] = [
    bytesFile('data/NOTE.md', payload.note),
    bytesFile('data/report.html', payload.reportHtml),
    bytesFile('data/validation.json', jsonDocument(payload.validation)),
    bytesFile('data/custody.json', payload.custodyJson),
    bytesFile('data/VERIFY.txt', verifyTxt({ zipName: checked.zipName, stem: checked.stem, packetId: evidence.packet_id, createdAt: evidence.created_at, fingerprint: key.fingerprint })),
    ...checked.exports.map((e): BagFile => ({ path: e.bagPath, source: 'export', export: e, sha256: e.sha256 })),
  ];
  const payloadOctets = payloadFiles.reduce((n, f) => n + fileSize(f), 0);
  const manifest = bytesFile('manifest-sha256.txt', formatManifest(payloadFiles.map((f): ManifestItem => ({ path: f.path, sha256: f.sha256 }))));
  const fixed = [bytesFile('bagit.txt', BAGIT_TXT), manifest, bytesFile('evidence.json', jsonDocument(evidence)), bytesFile('signer.pub.pem', publicKeyPem(key))];

  const tagManifestFor = (files: readonly BytesFile[]) => bytesFile('tagmanifest-sha256.txt', formatManifest(files.map((f) => ({ path: f.path, sha256: f.sha256 }))));
  const bagInfoFor = (bagBytes: number) =>
    bytesFile('bag-info.txt', formatBagInfo(bagInfoElements(evidence, { sourceOrganization: spec.sourceOrganization, payloadOctets, payloadFiles: payloadFiles.length, bagBytes })));
  // Everything but bag-info.txt has a size that does not depend on bag-info.txt (the tag manifest's
  // lines are fixed-width hashes), so try sizes until bag-info.txt's own length agrees with Bag-Size.
  const others = payloadOctets + fixed.reduce((n, f) => n + fileSize(f), 0) + tagManifestFor([...fixed, bagInfoFor(0)]).bytes.length + 64;
  let bagInfo = bagInfoFor(others);
  for (let i = 0; i < 5; i++) {
    const next = bagInfoFor(others + bagInfo.bytes.length);
    if (next.bytes.equals(bagInfo.bytes)) break;
    bagInfo = next;
  }
  const pinned = [...fixed, bagInfo];
  const tagManifest = tagManifestFor(pinned);
  const signature = bytesFile('tagmanifest-sha256.txt.sig', sign(key, tagManifest.bytes));
  const files = [...pinned, tagManifest, signature, ...payloadFiles];
  const entries: BagEntry[] = [
    ...BAG_FOLDERS.map((folder): BagEntry => ({ type: 'directory', name: `${checked.stem}/${folder}` })),
    ...files.map((file): BagEntry => ({ type: 'file', name: `${checked.stem}/${file.path}`, file })),
  ].sort((a, b) => compareBytes(a.name, b.name));
  return { stem: checked.stem, zipName: checked.zipName, entries, payloadOctets, payloadFiles: payloadFiles.length, bagBytes: files.reduce((n, f) => n + fileSize(f), 0) };
}

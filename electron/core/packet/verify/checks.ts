// The bag's checks, once its files are read: layout, bagit.txt, the signature, both manifests, bag-info.txt
// and Payload-Oxum (docs/PACKET.md, "What the app's verifier checks").

import type { KeyObject } from 'node:crypto';
import { fingerprint as fingerprintOf, parsePublicKeyPem, verify, SIGNATURE_BYTES } from '../../keys';
import { BAGIT_TXT, parseBagInfo, parseManifest, tagText, values, type BagInfo } from './bagit';
import type { Findings } from './findings';
import { quoted, shown } from './names';
import type { ReadFile } from './read-entries';
import { bytes } from './zip-safety';

export const BAGIT = 'bagit.txt';
export const BAG_INFO = 'bag-info.txt';
export const MANIFEST = 'manifest-sha256.txt';
export const EVIDENCE = 'evidence.json';
export const SIGNER_KEY = 'signer.pub.pem';
export const TAG_MANIFEST = 'tagmanifest-sha256.txt';
export const SIGNATURE = 'tagmanifest-sha256.txt.sig';
export const CUSTODY = 'data/custody.json';

/** The tag files tagmanifest-sha256.txt must pin (all of them but itself and the signature). */
export const PINNED_TAG_FILES = [BAGIT, BAG_INFO, MANIFEST, EVIDENCE, SIGNER_KEY] as const;
/** Every file the bag has outside data/. */
export const TAG_FILES = [...PINNED_TAG_FILES, TAG_MANIFEST, SIGNATURE] as const;
/** The payload files every packet has besides its exports. */
export const REQUIRED_PAYLOAD = ['data/NOTE.md', 'data/report.html', 'data/validation.json', CUSTODY, 'data/VERIFY.txt'] as const;
export const EXPORTS_PREFIX = 'data/exports/';

/** Labels bag-info.txt must have. */
const REQUIRED_LABELS = ['Bagging-Date', 'Payload-Oxum', 'Evidence-Packet-Id', 'Signer-Key-Fingerprint', 'Review-Window-From', 'Review-Window-To'] as const;
/** Labels that may appear more than once. */
const REPEATABLE_LABELS = new Set(['External-Identifier']);

/** The bag's files as read, by path in the bag. */
export type BagFiles = ReadonlyMap<string, ReadFile>;

const isPayload = (path: string) => path.startsWith('data/');

/** The required files are there, and nothing but the tag files and data/ is. */
export function checkLayout(files: BagFiles, findings: Findings): void {
  for (const name of [...TAG_FILES, ...REQUIRED_PAYLOAD]) {
    if (!files.has(name)) findings.error('layout', name, `${name} is missing from the bag.`);
  }
  for (const path of files.keys()) {
    if (!isPayload(path) && !(TAG_FILES as readonly string[]).includes(path)) {
      findings.error('layout', path, `${quoted(path)} is not part of the packet format: besides data/, a bag holds only ${TAG_FILES.join(', ')}.`);
    }
  }
  if (![...files.keys()].some((path) => path.startsWith(EXPORTS_PREFIX))) findings.error('layout', null, 'The bag has no export files under data/exports/.');
}

/** bagit.txt is exactly the two lines of BagIt 1.0 in UTF-8. */
export function checkBagit(files: BagFiles, findings: Findings): void {
  const content = files.get(BAGIT)?.content;
  if (!content) return;
  const actual = content.toString('utf8');
  if (content.equals(Buffer.from(BAGIT_TXT, 'utf8'))) return;
  const expected = BAGIT_TXT.split('\n');
  const found = actual.split('\n');
  const at = expected.findIndex((line, i) => line !== found[i]);
  const line = at < 0 ? expected.length : at + 1;
  findings.error('bagit', BAGIT, `${BAGIT} differs from "BagIt-Version: 1.0" / "Tag-File-Character-Encoding: UTF-8" (LF line ends) at line ${line}: expected "${shown(expected[line - 1] ?? '')}", found "${shown(found[line - 1] ?? '')}".`);
}

/**
 * The signature: signer.pub.pem holds one Ed25519 public key, the .sig is 64 bytes, and it verifies over
 * tagmanifest-sha256.txt. Returns the key's fingerprint (null when there is no usable key).
 */
export function checkSignature(files: BagFiles, findings: Findings): { fingerprint: string | null } {
  const pem = files.get(SIGNER_KEY)?.content;
  let key: KeyObject | null = null;
  let fingerprint: string | null = null;
  if (pem) {
    try {
      key = parsePublicKeyPem(pem);
      fingerprint = fingerprintOf(key);
    } catch (error) {
      findings.error('signature', SIGNER_KEY, `${SIGNER_KEY} does not hold an Ed25519 public key: ${(error as Error).message}`);
    }
  }
  const signature = files.get(SIGNATURE)?.content;
  const tagManifest = files.get(TAG_MANIFEST)?.content;
  if (signature && signature.length !== SIGNATURE_BYTES) {
    findings.error('signature', SIGNATURE, `${SIGNATURE} is ${bytes(signature.length)}; a raw Ed25519 signature is exactly ${SIGNATURE_BYTES} bytes (it was cut short, or is not a raw signature).`);
    return { fingerprint };
  }
  if (!key || !signature || !tagManifest) return { fingerprint };
  if (!verify(key, tagManifest, signature)) {
    findings.error('signature', SIGNATURE, `The signature in ${SIGNATURE} does not verify over ${TAG_MANIFEST} with the key in ${SIGNER_KEY} (${fingerprint}): the signature or the tag manifest was changed after signing, or another key signed it.`);
    findings.error('signature', TAG_MANIFEST, `${TAG_MANIFEST} is not covered by a valid signature: it or ${SIGNATURE} was changed after signing, so nothing it pins can be relied on.`);
  }
  return { fingerprint };
}

/** tagmanifest-sha256.txt: well formed, pins every tag file (and only tag files), and each hash matches. */
export function checkTagManifest(files: BagFiles, findings: Findings): void {
  const content = files.get(TAG_MANIFEST)?.content;
  if (!content) return;
  const { lines, problems } = parseManifest(content);
  for (const p of problems) findings.error('tag-manifest', TAG_MANIFEST, `${TAG_MANIFEST}: ${p.message}.`);
  const listed = new Set<string>();
  for (const { line, sha256, path } of lines) {
    listed.add(path);
    if (path === TAG_MANIFEST || path === SIGNATURE) {
      findings.error('tag-manifest', TAG_MANIFEST, `${TAG_MANIFEST} line ${line} lists ${path}; the tag manifest pins every tag file except itself and its signature.`);
      continue;
    }
    if (isPayload(path)) {
      findings.error('tag-manifest', TAG_MANIFEST, `${TAG_MANIFEST} line ${line} lists payload file ${quoted(path)}; payload files belong in ${MANIFEST}.`);
      continue;
    }
    compareHash(files, findings, 'tag-manifest', TAG_MANIFEST, line, sha256, path, 'it was changed after signing');
  }
  for (const name of PINNED_TAG_FILES) {
    if (files.has(name) && !listed.has(name)) findings.error('tag-manifest', name, `${name} is not listed in ${TAG_MANIFEST}, so the signature does not cover it.`);
  }
}

/** manifest-sha256.txt: well formed, lists every payload file and nothing else, and each hash matches. */
export function checkPayloadManifest(files: BagFiles, findings: Findings): void {
  const content = files.get(MANIFEST)?.content;
  if (!content) return;
  const { lines, problems } = parseManifest(content);
  for (const p of problems) findings.error('payload-manifest', MANIFEST, `${MANIFEST}: ${p.message}.`);
  const listed = new Set<string>();
  for (const { line, sha256, path } of lines) {
    listed.add(path);
    if (!isPayload(path)) {
      findings.error('payload-manifest', MANIFEST, `${MANIFEST} line ${line} lists ${quoted(path)}, which is not under data/; the payload manifest lists payload files only.`);
      continue;
    }
    compareHash(files, findings, 'payload-manifest', MANIFEST, line, sha256, path, 'it was changed after packing');
  }
  for (const path of files.keys()) {
    if (isPayload(path) && !listed.has(path)) {
      findings.error('payload-manifest', path, `${quoted(path)} is in the payload but not listed in ${MANIFEST} (a file added after packing, or renamed).`);
    }
  }
}

function compareHash(files: BagFiles, findings: Findings, check: 'tag-manifest' | 'payload-manifest', manifest: string, line: number, sha256: string, path: string, why: string): void {
  const file = files.get(path);
  if (!file) {
    findings.error(check, path, `${quoted(path)} is listed in ${manifest} (line ${line}) but is not in the bag (removed or renamed).`);
    return;
  }
  if (file.sha256 === null) return; // Not read whole: a zip-safety finding already names it.
  if (file.sha256 !== sha256.toLowerCase()) {
    findings.error(check, path, `${quoted(path)} has sha256 ${file.sha256}, but ${manifest} (line ${line}) says ${sha256}: ${why}.`);
  }
}

/** bag-info.txt: its syntax, the labels every packet has, each once (but the repeatable ones). */
export function checkBagInfo(files: BagFiles, findings: Findings): BagInfo | null {
  const content = files.get(BAG_INFO)?.content;
  if (!content) return null;
  const info = parseBagInfo(content);
  for (const p of info.problems) findings.error('bag-info', BAG_INFO, `${BAG_INFO}: ${p.message}.`);
  for (const label of REQUIRED_LABELS) {
    if (values(info, label).length === 0) findings.error('bag-info', BAG_INFO, `${BAG_INFO} has no ${label}.`);
  }
  const counts = new Map<string, number>();
  for (const { label } of info.elements) counts.set(label, (counts.get(label) ?? 0) + 1);
  for (const [label, n] of counts) {
    if (n > 1 && !REPEATABLE_LABELS.has(label)) findings.error('bag-info', BAG_INFO, `${BAG_INFO} has ${label} ${n} times; it may appear once.`);
  }
  return info;
}

/** Payload-Oxum (`<octets>.<files>`) equals the payload's actual byte and file counts. */
export function checkPayloadOxum(files: BagFiles, info: BagInfo | null, findings: Findings): void {
  const oxum = info ? values(info, 'Payload-Oxum')[0] : undefined;
  if (oxum === undefined) return;
  const payload = [...files.values()].filter((f) => isPayload(f.rel));
  const octets = payload.reduce((sum, f) => sum + f.bytes, 0);
  const actual = `${octets}.${payload.length}`;
  const match = /^(\d+)\.(\d+)$/u.exec(oxum);
  if (!match) {
    findings.error('payload-oxum', BAG_INFO, `${BAG_INFO}'s Payload-Oxum is "${shown(oxum)}", not <octets>.<files>; the payload is ${actual}.`);
  } else if (oxum !== actual) {
    findings.error('payload-oxum', BAG_INFO, `${BAG_INFO}'s Payload-Oxum says ${oxum} (${bytes(Number(match[1]))} in ${match[2]} files), but the payload has ${actual} (${bytes(octets)} in ${payload.length} files).`);
  }
}

/** The text of a tag file for the JSON checks, or a finding saying why it cannot be read as text. */
export function jsonDocument(files: BagFiles, path: string, findings: Findings, check: 'evidence-schema' | 'custody'): unknown {
  const file = files.get(path);
  if (!file?.content) return undefined;
  const decoded = tagText(file.content);
  if ('problem' in decoded) {
    findings.error(check, path, `${path} cannot be read: ${decoded.problem}.`);
    return undefined;
  }
  try {
    return JSON.parse(decoded.text) as unknown;
  } catch (error) {
    findings.error(check, path, `${path} is not valid JSON: ${(error as Error).message}.`);
    return undefined;
  }
}

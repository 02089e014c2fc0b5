// The zip's metadata, checked before a byte of content is read: the central directory (names, kinds,
// sizes, methods, limits), each entry's local header against it, and how the entries lie in the file.

import type { FileHandle } from 'node:fs/promises';
import * as yauzl from 'yauzl';
import { plural } from '../../../../shared/format';
import type { Findings } from './findings';
import { collisionKey, quoted, shown, unportableNameReason, unsafeNameReason } from './names';
import type { VerifyLimits } from './types';

/** At most this many characters of path inside the zip, top folder included (PACKET.md, Portability). */
export const MAX_PATH_CHARS = 180;

/** One entry of the central directory, with its decoded name and where it sits in the bag. */
export interface ScannedEntry {
  /** Position in the central directory, from 0. */
  index: number;
  /** yauzl's entry (read with `decodeStrings: false`: `fileName` is the raw bytes). */
  entry: yauzl.Entry;
  /** The decoded name, as an extracting tool would write it. */
  name: string;
  isDirectory: boolean;
  /** The path inside the bag's folder (`data/NOTE.md`, `data/` for a folder entry), or null when outside it. */
  rel: string | null;
  /** How findings name it: `rel`, or the zip name when outside the bag or the bag folder itself; escaped (`shown`). */
  path: string;
}

export interface ZipScan {
  entries: ScannedEntry[];
  /** The bag's one top-level folder, when there is one to speak of. */
  top: string | null;
  /** No zip-safety error: the entries' content may be read. */
  safe: boolean;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const DOS_DIRECTORY = 0x10;
const DOS_REPARSE_POINT = 0x400;
const FLAG_ENCRYPTED = 0x1;
const FLAG_DATA_DESCRIPTOR = 0x8;
const FLAG_UTF8 = 0x800;
const UNICODE_PATH_FIELD = 0x7075;
const ZIP64_FIELD = 0x0001;
const LOCAL_DESCRIPTOR_SIGNATURE = 0x08074b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const EOCD_BYTES = 22;
const ZIP64_LOCATOR_BYTES = 20;

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** `n` bytes for a person: `1,234 bytes`. */
export function bytes(n: number): string {
  return plural(n, 'byte');
}

/** yauzl's cursor into the central directory (not in its typings): where the next record is read. */
function cursor(zipfile: yauzl.ZipFile): number | null {
  const value = (zipfile as unknown as { readEntryCursor: unknown }).readEntryCursor;
  return typeof value === 'number' ? value : null;
}

function rawName(entry: yauzl.Entry): Buffer {
  return entry.fileNameRaw;
}

/**
 * Decodes an entry's name as an extracting tool would write it: its bytes as UTF-8 when they are UTF-8
 * (so an ASCII control byte stays a control character instead of becoming a CP437 picture like `☺`),
 * else CP437 as the zip spec says. Says why the name is ambiguous: `unsafe` when an Info-ZIP Unicode Path
 * field names it differently from its header (tools that honour the field and tools that do not would
 * write different files) or when it claims UTF-8 and is not; `unportable` when it has non-ASCII bytes but
 * no UTF-8 flag (Windows would show CP437 mojibake; the ASCII characters that matter for safety, like `/`
 * and `.`, are the same either way).
 */
function decodeName(entry: yauzl.Entry): { name: string; unsafe: string | null; unportable: string | null } {
  const raw = rawName(entry);
  const flagged = (entry.generalPurposeBitFlag & FLAG_UTF8) !== 0;
  let asUtf8: string | null;
  try {
    asUtf8 = STRICT_UTF8.decode(raw);
  } catch {
    asUtf8 = null;
  }
  const name = asUtf8 ?? yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, [], true);
  const unicodeFields = entry.extraFields.filter((f) => f.id === UNICODE_PATH_FIELD);
  if (unicodeFields.length > 1) return { name, unsafe: 'it carries more than one Info-ZIP Unicode Path field, so tools may disagree on its name', unportable: null };
  if (unicodeFields.length === 1) {
    const fieldName = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
    if (fieldName !== name || asUtf8 === null) {
      return { name, unsafe: `its Info-ZIP Unicode Path field names it ${quoted(fieldName)}, its header ${quoted(name)}, so tools would extract it under different names`, unportable: null };
    }
    return { name, unsafe: null, unportable: null };
  }
  if (flagged && asUtf8 === null) return { name: raw.toString('utf8'), unsafe: 'its name is not valid UTF-8', unportable: null };
  if (!flagged && raw.some((b) => b >= 0x80)) {
    return {
      name,
      unsafe: null,
      unportable: 'its name has non-ASCII characters but is not marked as UTF-8 (general purpose flag bit 11), so some tools (Windows among them) would decode it as CP437 and not find it in the manifests',
    };
  }
  return { name, unsafe: null, unportable: null };
}

/** The entry's kind from its external attributes: what it claims to be, beyond its name. */
function kindProblem(entry: yauzl.Entry, isDirectory: boolean): string | null {
  const mode = (entry.externalFileAttributes >>> 16) & 0xffff;
  const type = mode & S_IFMT;
  if (type === S_IFLNK) return 'it is a symbolic link (links are refused: extracting one can write outside the folder)';
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) return `it is a special file (Unix file type 0o${type.toString(8)}), not a regular file or folder`;
  if ((entry.externalFileAttributes & DOS_REPARSE_POINT) !== 0) return 'it is marked as a Windows reparse point (a link)';
  if (type === S_IFDIR && !isDirectory) return 'it is marked as a folder but its name does not end in "/"';
  if (type === S_IFREG && isDirectory) return 'it is marked as a regular file but its name ends in "/"';
  if ((entry.externalFileAttributes & DOS_DIRECTORY) !== 0 && !isDirectory) return 'it is marked as a folder (DOS attribute) but its name does not end in "/"';
  return null;
}

/** The bag's folder: the first segment every name should share (the one holding bagit.txt, else the commonest). */
function topFolder(names: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const name of names) {
    const slash = name.indexOf('/');
    if (slash > 0) counts.set(name.slice(0, slash), (counts.get(name.slice(0, slash)) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  const withBagit = [...counts.keys()].filter((top) => names.includes(`${top}/bagit.txt`));
  if (withBagit.length === 1) return withBagit[0]!;
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

function throwIfAborted(signal: AbortSignal | undefined, onAbort: () => never): void {
  if (signal?.aborted) onAbort();
}

/**
 * Reads the central directory of `zipfile` (opened with lazyEntries, decodeStrings false,
 * validateEntrySizes false, so that every entry is listed and judged here instead of the first bad one
 * ending the listing) and checks everything that can be checked without reading content. `handle` is a
 * read-only handle on the same file, for the few header bytes yauzl does not expose.
 */
export async function scanZip(
  zipfile: yauzl.ZipFile,
  handle: FileHandle,
  limits: VerifyLimits,
  findings: Findings,
  signal: AbortSignal | undefined,
  onAbort: () => never,
): Promise<ZipScan> {
  const fail = (file: string | null, message: string) => findings.error('zip-safety', file, message);

  if (zipfile.entryCount > limits.maxEntries) {
    fail(null, `The zip has ${zipfile.entryCount.toLocaleString('en-US')} entries, more than the ${limits.maxEntries.toLocaleString('en-US')} allowed; it was not read any further (a zip bomb by entry count).`);
    return { entries: [], top: null, safe: false };
  }
  if (zipfile.entryCount === 0) {
    fail(null, 'The zip is empty: it holds no bag.');
    return { entries: [], top: null, safe: false };
  }

  // 1. The central directory, whole.
  const cdStart = cursor(zipfile);
  const raw: yauzl.Entry[] = [];
  let listedAll = true;
  try {
    for await (const entry of zipfile.eachEntry()) {
      throwIfAborted(signal, onAbort);
      raw.push(entry);
    }
  } catch (error) {
    if (signal?.aborted) onAbort();
    listedAll = false;
    fail(null, `The zip's central directory is damaged after ${raw.length} entr${raw.length === 1 ? 'y' : 'ies'}: ${(error as Error).message}.`);
  }
  const cdEnd = cursor(zipfile);

  // 2. Names, and the bag folder they should all be in.
  const decoded = raw.map((entry) => ({ entry, ...decodeName(entry) }));
  const top = topFolder(decoded.map((d) => d.name));
  const entries: ScannedEntry[] = decoded.map(({ entry, name }, index) => {
    const isDirectory = name.endsWith('/');
    const rel = top !== null && name.startsWith(`${top}/`) ? name.slice(top.length + 1) : null;
    return { index, entry, name, isDirectory, rel, path: shown(rel !== null && rel !== '' ? rel : name) };
  });

  if (top === null) fail(null, 'The zip has no top-level folder: a packet is one folder (the bag) with everything inside it.');
  else if (!/^evidence-.+-\d{8}T\d{6}Z$/u.test(top)) findings.warning('layout', null, `The bag's folder is named ${quoted(top)}, not evidence-<ref>-<yyyymmddThhmmssZ> as packets are.`);

  // 3. Each entry on its own.
  let totalBytes = 0;
  entries.forEach((scanned, i) => {
    const { entry, name, isDirectory, path } = scanned;
    // Our rules are a superset of yauzl's own (absolute, drive, "..", backslash); its check stays as a floor.
    const nameProblem = decoded[i]!.unsafe ?? unsafeNameReason(name, isDirectory) ?? yauzl.validateFileName(name);
    if (nameProblem) fail(path, `Entry ${quoted(name)}: ${nameProblem}.`);
    else {
      const unportable = decoded[i]!.unportable ?? unportableNameReason(name, MAX_PATH_CHARS);
      if (unportable) findings.error('portability', path, `Entry ${quoted(name)}: ${unportable}.`);
    }
    if (top !== null && scanned.rel === null && name !== `${top}/`) {
      fail(path, `Entry ${quoted(name)} is outside the bag's folder ${quoted(`${top}/`)}: a packet holds exactly one top-level folder and nothing else.`);
    }
    const kind = kindProblem(entry, isDirectory);
    if (kind) fail(path, `Entry ${quoted(name)}: ${kind}.`);
    if ((entry.generalPurposeBitFlag & FLAG_ENCRYPTED) !== 0) fail(path, `Entry ${quoted(name)} is encrypted; packets are never encrypted.`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      fail(path, `Entry ${quoted(name)} uses compression method ${entry.compressionMethod}; only stored (0) and deflated (8) are read.`);
    }
    if (entry.compressionMethod === 0 && entry.compressedSize !== entry.uncompressedSize) {
      fail(path, `Entry ${quoted(name)} is stored uncompressed but declares ${bytes(entry.uncompressedSize)} of content in ${bytes(entry.compressedSize)} of data: its declared size is false.`);
    }
    if (isDirectory && entry.uncompressedSize > 0) fail(path, `Folder entry ${quoted(name)} declares ${bytes(entry.uncompressedSize)} of content; a folder has none.`);
    totalBytes += entry.uncompressedSize;
    if (entry.uncompressedSize > limits.ratioMinBytes && entry.uncompressedSize > entry.compressedSize * limits.maxRatio) {
      const ratio = entry.compressedSize === 0 ? '∞' : Math.round(entry.uncompressedSize / entry.compressedSize).toLocaleString('en-US');
      fail(path, `Entry ${quoted(name)} expands ${ratio}:1 (${bytes(entry.compressedSize)} to ${bytes(entry.uncompressedSize)}), more than the ${limits.maxRatio}:1 allowed for entries over ${bytes(limits.ratioMinBytes)} (a zip bomb by ratio).`);
    }
    if (!isDirectory && scanned.rel !== null && !scanned.rel.startsWith('data/') && entry.uncompressedSize > limits.maxTagFileBytes) {
      fail(path, `Tag file ${quoted(name)} declares ${bytes(entry.uncompressedSize)}, more than the ${bytes(limits.maxTagFileBytes)} a tag file may have.`);
    }
  });
  if (totalBytes > limits.maxTotalBytes) {
    fail(null, `The zip declares ${bytes(totalBytes)} uncompressed in all, more than the ${bytes(limits.maxTotalBytes)} allowed (a zip bomb by size).`);
  } else if (totalBytes > limits.ratioMinBytes && totalBytes > zipfile.fileSize * limits.maxRatio) {
    // Many entries each too small for the per-entry ratio can still add up to a bomb.
    fail(null, `The zip expands ${Math.round(totalBytes / zipfile.fileSize).toLocaleString('en-US')}:1 in all (${bytes(zipfile.fileSize)} to ${bytes(totalBytes)}), more than the ${limits.maxRatio}:1 allowed (a zip bomb by ratio).`);
  }

  // 4. Names that are, or would become, the same file.
  checkCollisions(entries, fail);

  // 5. Each local header against its central directory record, and the entries back to back in the file.
  throwIfAborted(signal, onAbort);
  await checkLayout(zipfile, handle, entries, listedAll ? cdStart : null, fail, signal, onAbort);
  if (listedAll && cdEnd !== null) await checkDirectoryEnd(zipfile, handle, cdEnd, fail);

  return { entries, top, safe: !findings.hasErrors('zip-safety') };
}

/** Exact duplicates; names equal on macOS or Windows (case, Unicode form, trailing dots); a name both a file and a folder. */
function checkCollisions(entries: readonly ScannedEntry[], fail: (file: string | null, message: string) => void): void {
  const byName = new Map<string, number>();
  for (const e of entries) byName.set(e.name, (byName.get(e.name) ?? 0) + 1);
  const reported = new Set<string>();
  for (const e of entries) {
    const n = byName.get(e.name)!;
    if (n > 1 && !reported.has(e.name)) {
      reported.add(e.name);
      fail(e.path, `Entry ${quoted(e.name)} appears ${n} times in the zip (a duplicate name: which copy a tool extracts differs).`);
    }
  }

  const byKey = new Map<string, ScannedEntry>();
  const folders = new Map<string, string>();
  for (const e of entries) {
    const bare = e.name.replace(/\/+$/u, '');
    const key = collisionKey(bare);
    const seen = byKey.get(key);
    if (seen && seen.name !== e.name) {
      const what = seen.isDirectory !== e.isDirectory ? 'a file and a folder of the same name' : 'the same name on macOS and Windows (they differ only in letter case or Unicode form)';
      fail(e.path, `Entries ${quoted(seen.name)} and ${quoted(e.name)} are ${what}: extracting one would overwrite or merge with the other.`);
    } else if (!seen) byKey.set(key, e);
    // Every folder the name implies: a file there, or the same folder spelt another way, collides.
    const segments = bare.split('/');
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      const folderKey = collisionKey(folder);
      const spelling = folders.get(folderKey);
      if (spelling === undefined) folders.set(folderKey, folder);
      else if (spelling !== folder) {
        fail(e.path, `Entry ${quoted(e.name)} is in folder ${quoted(`${folder}/`)}, which is the same folder as ${quoted(`${spelling}/`)} on macOS and Windows.`);
        folders.set(folderKey, folder);
      }
    }
  }
  for (const e of entries) {
    if (e.isDirectory) continue;
    const key = collisionKey(e.name);
    if (folders.has(key)) fail(e.path, `Entry ${quoted(e.name)} is a file, but other entries are inside a folder of that name.`);
  }
}

/** The zip64 sizes of a local header's extra field, where its 32-bit fields say 0xffffffff. */
function localSizes(header: yauzl.LocalFileHeader): { compressed: number; uncompressed: number } | null {
  let compressed = header.compressedSize;
  let uncompressed = header.uncompressedSize;
  if (compressed !== 0xffffffff && uncompressed !== 0xffffffff) return { compressed, uncompressed };
  let fields: yauzl.ExtraField[];
  try {
    fields = yauzl.parseExtraFields(header.extraField);
  } catch {
    return null;
  }
  const zip64 = fields.find((f) => f.id === ZIP64_FIELD);
  if (!zip64) return null;
  let at = 0;
  const next = () => {
    if (at + 8 > zip64.data.length) return null;
    const value = zip64.data.readUInt32LE(at) + zip64.data.readUInt32LE(at + 4) * 0x100000000;
    at += 8;
    return value;
  };
  if (uncompressed === 0xffffffff) uncompressed = next() ?? -1;
  if (compressed === 0xffffffff) compressed = next() ?? -1;
  return compressed < 0 || uncompressed < 0 ? null : { compressed, uncompressed };
}

function hasZip64(header: yauzl.LocalFileHeader): boolean {
  try {
    return yauzl.parseExtraFields(header.extraField).some((f) => f.id === ZIP64_FIELD);
  } catch {
    return false;
  }
}

async function readUInt32(handle: FileHandle, position: number): Promise<number | null> {
  const buffer = Buffer.alloc(4);
  const { bytesRead } = await handle.read(buffer, 0, 4, position);
  return bytesRead === 4 ? buffer.readUInt32LE(0) : null;
}

/**
 * Each entry's local header says what its central directory record says (tools that read a zip front to
 * back trust the local header), and the entries lie back to back from the start of the file to the
 * central directory: nothing before, between or after them that one tool would see and another would not,
 * and no two records sharing data (overlapping entries, a zip bomb technique).
 */
async function checkLayout(
  zipfile: yauzl.ZipFile,
  handle: FileHandle,
  entries: readonly ScannedEntry[],
  cdStart: number | null,
  fail: (file: string | null, message: string) => void,
  signal: AbortSignal | undefined,
  onAbort: () => never,
): Promise<void> {
  const sorted = [...entries].sort((a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader);
  const first = sorted[0];
  if (first && first.entry.relativeOffsetOfLocalHeader !== 0) {
    fail(null, `The zip has ${bytes(first.entry.relativeOffsetOfLocalHeader)} before its first entry that no entry accounts for (hidden or prepended data).`);
  }
  let layoutKnown = true;
  for (let i = 0; i < sorted.length; i++) {
    throwIfAborted(signal, onAbort);
    const { entry, name, path } = sorted[i]!;
    const nextOffset = i + 1 < sorted.length ? sorted[i + 1]!.entry.relativeOffsetOfLocalHeader : cdStart;
    if (i > 0 && sorted[i - 1]!.entry.relativeOffsetOfLocalHeader === entry.relativeOffsetOfLocalHeader) {
      fail(path, `Entry ${quoted(name)} shares its data with entry ${quoted(sorted[i - 1]!.name)} (overlapping entries, a zip bomb technique).`);
      continue;
    }
    let header: yauzl.LocalFileHeader;
    try {
      header = await zipfile.readLocalFileHeaderPromise(entry, { minimal: false });
    } catch (error) {
      fail(path, `Entry ${quoted(name)}: its local header could not be read (${(error as Error).message}).`);
      layoutKnown = false;
      continue;
    }
    if (!header.fileName.equals(rawName(entry))) {
      fail(path, `Entry ${quoted(name)}: its local header names it ${quoted(header.fileName.toString('utf8'))}, so tools that read the zip front to back would extract another name.`);
    }
    if (header.compressionMethod !== entry.compressionMethod || (header.generalPurposeBitFlag & FLAG_ENCRYPTED) !== (entry.generalPurposeBitFlag & FLAG_ENCRYPTED)) {
      fail(path, `Entry ${quoted(name)}: its local header and the central directory disagree on compression or encryption.`);
    }
    const descriptor = (header.generalPurposeBitFlag & FLAG_DATA_DESCRIPTOR) !== 0;
    if (!descriptor) {
      const sizes = localSizes(header);
      if (!sizes || sizes.compressed !== entry.compressedSize || sizes.uncompressed !== entry.uncompressedSize || header.crc32 !== entry.crc32) {
        const local = sizes ? `${bytes(sizes.uncompressed)} (${bytes(sizes.compressed)} compressed)` : 'unreadable sizes';
        fail(path, `Entry ${quoted(name)}: its local header declares ${local} and CRC-32 ${hex8(header.crc32)}, the central directory ${bytes(entry.uncompressedSize)} (${bytes(entry.compressedSize)} compressed) and CRC-32 ${hex8(entry.crc32)}: one of them is false.`);
      }
    }
    if (nextOffset === null || !layoutKnown) continue;
    const dataEnd = header.fileDataStart + entry.compressedSize;
    let allowed = [0];
    if (descriptor) {
      const signed = (await readUInt32(handle, dataEnd)) === LOCAL_DESCRIPTOR_SIGNATURE;
      const wide = hasZip64(header);
      allowed = signed ? (wide ? [24, 16] : [16, 24]) : wide ? [20, 12] : [12, 20];
    }
    const gap = nextOffset - dataEnd;
    if (!allowed.includes(gap)) {
      const expected = allowed[0]!;
      if (gap < expected) {
        fail(path, `Entry ${quoted(name)} overlaps the ${i + 1 < sorted.length ? `entry after it (${quoted(sorted[i + 1]!.name)})` : 'central directory'} by ${bytes(expected - gap)}.`);
      } else {
        fail(path, `After entry ${quoted(name)} come ${bytes(gap - expected)} that no entry accounts for (hidden data, or an entry missing from the central directory).`);
      }
    }
  }
}

/** The central directory ends where the end record (and, for zip64, its record and locator) begins: no entries hidden behind a low entry count. */
async function checkDirectoryEnd(zipfile: yauzl.ZipFile, handle: FileHandle, cdEnd: number, fail: (file: string | null, message: string) => void): Promise<void> {
  const comment = zipfile.comment as unknown as Buffer | string;
  const eocd = zipfile.fileSize - EOCD_BYTES - (typeof comment === 'string' ? Buffer.byteLength(comment) : comment.length);
  if (cdEnd === eocd) return;
  if ((await readUInt32(handle, cdEnd)) === ZIP64_EOCD_SIGNATURE) {
    const size = Buffer.alloc(8);
    await handle.read(size, 0, 8, cdEnd + 4);
    const recordEnd = cdEnd + 12 + size.readUInt32LE(0) + size.readUInt32LE(4) * 0x100000000;
    if (recordEnd + ZIP64_LOCATOR_BYTES === eocd) return;
  }
  const gap = eocd - cdEnd;
  fail(null, gap > 0
    ? `The zip has ${bytes(gap)} between its central directory and its end record that the ${zipfile.entryCount} entries it declares do not account for (more entries than it declares, or hidden data).`
    : 'The zip\'s central directory overlaps its end record.');
}

/** A CRC-32 as 8 hex digits. */
export function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

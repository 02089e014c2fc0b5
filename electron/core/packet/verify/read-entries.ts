// Reading the bag's files out of the zip without extracting them: each entry streams through SHA-256 and
// CRC-32 (and, for the few small files the checks parse, into memory up to a cap). Nothing is written.

import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import * as yauzl from 'yauzl';
import { AppError } from '../../errors';
import type { Findings } from './findings';
import { quoted } from './names';
import { bytes, hex8, type ScannedEntry, type ZipScan } from './zip-safety';
import type { VerifyProgress } from './types';

/** A file of the bag as read. */
export interface ReadFile {
  /** Its path in the bag (`data/NOTE.md`). */
  rel: string;
  /** Bytes read (all of them when `sha256` is set). */
  bytes: number;
  /** SHA-256 of the whole content; null when it could not be read whole (a finding says why). */
  sha256: string | null;
  /** The content, for the files asked for and within their cap; null otherwise. */
  content: Buffer | null;
  /** Asked for, but larger than its cap (the content was hashed, not kept). */
  tooLarge: boolean;
}

export interface ReadOptions {
  /** How many bytes of this file to keep in memory, or null to only hash it. */
  keep(rel: string): number | null;
  signal?: AbortSignal;
  onAbort(): never;
  onProgress?: (progress: VerifyProgress) => void;
}

/** Progress is reported at each file and every this many bytes. */
const PROGRESS_STEP = 8 * 1024 * 1024;

/** The zip's files that belong to the bag, in zip order. */
export function bagFiles(scan: ZipScan): ScannedEntry[] {
  return scan.entries.filter((e) => !e.isDirectory && e.rel !== null && e.rel !== '');
}

function changed(): AppError {
  return new AppError('file-unreadable', 'The packet changed while it was being verified.', 'Verify it again once nothing is writing to the file.');
}

/** An I/O error (from the file system, with a code like EIO), as opposed to a malformed zip. */
function isIoError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^E[A-Z]+$/u.test(code);
}

/** What a failed stream says about the entry, for a person. */
function describeStreamError(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  const more = /too many bytes in the stream\. expected (\d+)\. got at least (\d+)/u.exec(message);
  if (more) return `declares ${bytes(Number(more[1]))} but holds more (reading stopped at ${bytes(Number(more[2]))}): its declared size is false`;
  const less = /not enough bytes in the stream\. expected (\d+)\. got only (\d+)/u.exec(message);
  if (less) return `declares ${bytes(Number(less[1]))} but holds only ${bytes(Number(less[2]))}: its declared size is false`;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) return `its compressed data is damaged (${message})`;
  return `it could not be read (${message})`;
}

/**
 * Reads every file of the bag from the zip at `zipPath` (already scanned and found safe) with a second
 * yauzl reader that enforces declared sizes while streaming (validateEntrySizes), and checks each CRC-32.
 * A false size, damaged data or a wrong CRC is a zip-safety finding naming the entry; reading goes on with
 * the next entry. Throws only when cancelled or when the file cannot be read (or changed under us).
 */
export async function readEntries(zipPath: string, scan: ZipScan, findings: Findings, options: ReadOptions): Promise<Map<string, ReadFile>> {
  const wanted = new Set(bagFiles(scan).map((e) => e.index));
  const bytesTotal = bagFiles(scan).reduce((sum, e) => sum + e.entry.uncompressedSize, 0);
  let bytesDone = 0;
  let lastReported = 0;
  const report = (file: string | null) => {
    lastReported = bytesDone;
    options.onProgress?.({ phase: 'reading', bytesDone, bytesTotal, file });
  };

  let zipfile: yauzl.ZipFile;
  try {
    zipfile = await yauzl.openPromise(zipPath, { autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: true });
  } catch (error) {
    if (isIoError(error)) throw unreadable(error);
    throw changed();
  }
  const files = new Map<string, ReadFile>();
  try {
    let index = 0;
    for await (const entry of zipfile.eachEntry()) {
      if (options.signal?.aborted) options.onAbort();
      const scanned = scan.entries[index];
      if (!scanned || !sameEntry(scanned.entry, entry)) throw changed();
      if (wanted.has(index)) {
        const rel = scanned.rel!;
        report(rel);
        const file = await readOne(zipfile, entry, scanned, options.keep(rel), findings, options, (n) => {
          bytesDone += n;
          if (bytesDone - lastReported >= PROGRESS_STEP) report(rel);
        });
        files.set(rel, file);
      }
      index++;
    }
    if (index !== scan.entries.length) throw changed();
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (options.signal?.aborted) options.onAbort();
    if (isIoError(error)) throw unreadable(error);
    throw changed();
  } finally {
    zipfile.close();
  }
  report(null);
  return files;
}

function unreadable(error: unknown): AppError {
  const code = (error as { code?: unknown })?.code;
  return new AppError('file-unreadable', `The packet could not be read (${String(code ?? (error as Error)?.message)}).`, 'Check that the file is still there and readable, then verify it again.');
}

function sameEntry(a: yauzl.Entry, b: yauzl.Entry): boolean {
  return (
    a.fileNameRaw.equals(b.fileNameRaw) &&
    a.relativeOffsetOfLocalHeader === b.relativeOffsetOfLocalHeader &&
    a.compressedSize === b.compressedSize &&
    a.uncompressedSize === b.uncompressedSize &&
    a.crc32 === b.crc32 &&
    a.compressionMethod === b.compressionMethod
  );
}

async function readOne(
  zipfile: yauzl.ZipFile,
  entry: yauzl.Entry,
  scanned: ScannedEntry,
  keepCap: number | null,
  findings: Findings,
  options: ReadOptions,
  onBytes: (n: number) => void,
): Promise<ReadFile> {
  const rel = scanned.rel!;
  const hash = createHash('sha256');
  const kept: Buffer[] | null = keepCap === null ? null : [];
  let tooLarge = false;
  let count = 0;
  let crc = 0;
  let stream: Readable | null = null;
  try {
    stream = await zipfile.openReadStreamPromise(entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (options.signal?.aborted) {
        stream.destroy();
        options.onAbort();
      }
      count += chunk.length;
      // yauzl stops a stream that runs past its declared size; this is the same bound, kept here too.
      if (count > entry.uncompressedSize) throw new Error(`too many bytes in the stream. expected ${entry.uncompressedSize}. got at least ${count}`);
      hash.update(chunk);
      crc = crc32(chunk, crc);
      if (kept && !tooLarge) {
        if (count <= keepCap!) kept.push(chunk);
        else {
          tooLarge = true;
          kept.length = 0;
        }
      }
      onBytes(chunk.length);
    }
  } catch (error) {
    stream?.destroy();
    if (error instanceof AppError) throw error;
    if (options.signal?.aborted) options.onAbort();
    if (isIoError(error)) throw unreadable(error);
    findings.error('zip-safety', rel, `Entry ${quoted(scanned.name)} ${describeStreamError(error)}.`);
    return { rel, bytes: count, sha256: null, content: null, tooLarge: false };
  }
  if ((crc >>> 0) !== entry.crc32) {
    findings.error('zip-safety', rel, `Entry ${quoted(scanned.name)} has CRC-32 ${hex8(crc >>> 0)}, but the zip declares ${hex8(entry.crc32)}: its content is not what was zipped.`);
  }
  return { rel, bytes: count, sha256: hash.digest('hex'), content: kept && !tooLarge ? Buffer.concat(kept) : null, tooLarge };
}

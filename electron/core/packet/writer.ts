// Writes a packet: check the spec, build the bag, stream it into a zip in the destination folder, then
// publish the zip under its own name without ever replacing a file.
import { randomBytes } from 'node:crypto';
import { lstat, open, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors';
import { publishFile } from '../fs/atomic';
import { hashingTap } from '../fs/hashing-tap';
import { buildBag, type BagEntry } from './bag';
import { checkPacketSpec, type CheckedExport } from './check';
import type { PacketSpec, WritePacketOptions, WrittenPacket } from './types';
import { ZipWriter } from './zip';

const READ_CHUNK = 1024 * 1024;
const PROGRESS_INTERVAL_MS = 100;

const errnoCode = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code;

function cancelled(): AppError {
  return new AppError('cancelled', 'Writing the packet was cancelled.', 'Nothing was written. Write the packet again when you are ready.');
}

export function packetExists(path: string): AppError {
  return new AppError(
    'file-exists',
    `A file named like this packet already exists: ${path}. It was not replaced.`,
    'Packets are never written over. Move or rename the existing file, or choose another folder, then write the packet again.',
    { path },
  );
}

function writeFailed(directory: string, error: unknown): AppError {
  const code = errnoCode(error) ?? 'unknown';
  const why = code === 'ENOENT' ? 'the folder does not exist' : code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission was denied' : `the system said ${code}`;
  return new AppError('write-failed', `The packet could not be written to ${directory}: ${why}.`, 'Choose a folder that exists, that you may write to and that has room for the packet, then try again.', { code });
}

function unreadable(item: CheckedExport, error: unknown): AppError {
  const code = errnoCode(error) ?? 'unknown';
  const why = code === 'ENOENT' ? 'it is no longer there' : `it could not be read (${code})`;
  return new AppError('file-unreadable', `The export file ${item.file.originalFilename} cannot go into the packet: ${why} (${item.file.path}).`, 'Pull or import the export again, validate, and write the packet again.', { path: item.file.path, code });
}

function changed(item: CheckedExport, what: 'size' | 'content', found: string): AppError {
  return new AppError(
    what === 'size' ? 'size-mismatch' : 'checksum-mismatch',
    `The export file ${item.file.originalFilename} changed since it was validated: its ${what === 'size' ? 'size' : 'SHA-256'} is ${found}, evidence.json records ${what === 'size' ? item.bytes : item.sha256}.`,
    'Nothing was written. Pull or import the export again, validate, and write the packet again.',
    { path: item.file.path },
  );
}

/** Refuses early (before any work) when the name is taken, or an export is missing or has another size. */
async function preflight(finalPath: string, exports: readonly CheckedExport[]): Promise<void> {
  const taken = await lstat(finalPath).then(
    () => true,
    (error: unknown) => errnoCode(error) !== 'ENOENT',
  );
  if (taken) throw packetExists(finalPath);
  for (const item of exports) {
    const info = await stat(item.file.path).catch((error: unknown) => {
      throw unreadable(item, error);
    });
    if (!info.isFile()) throw unreadable(item, Object.assign(new Error('not a file'), { code: 'not a regular file' }));
    if (info.size !== item.bytes) throw changed(item, 'size', String(info.size));
  }
}

/**
 * Writes the packet described by `spec` into `options.directory` as `evidence-<ref>-<stamp>.zip`
 * (docs/PACKET.md) and returns where it is, its size and sha256, and its entries.
 *
 * - Nothing is written for a spec that fails its checks (AppError, see `checkPacketSpec`), nor when the
 *   name is already taken (`file-exists`: packets are never written over, not even by a same-named one
 *   appearing while this one is written).
 * - The bag is assembled in memory except the exports, which are streamed from disk once, hashed on the
 *   way into the zip; one whose size or SHA-256 is not what evidence.json records stops the write
 *   (`size-mismatch`, `checksum-mismatch`).
 * - The zip goes to a hidden temp file in the destination folder, is fsynced, then published under its
 *   name; on any failure or cancel the temp file is deleted.
 * - The same spec (same inputs, key and creation time) gives a byte-identical zip.
 */
export async function writePacket(spec: PacketSpec, options: WritePacketOptions): Promise<WrittenPacket> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw cancelled();
  const checked = checkPacketSpec(spec);
  const directory = resolve(options.directory);
  const finalPath = join(directory, checked.zipName);
  await preflight(finalPath, checked.exports);
  const bag = buildBag(spec, checked);

  const total = bag.bagBytes;
  let done = 0;
  let lastReport = 0;
  // A progress callback that throws stops the write with its error, after the entry it was called in.
  const progress: { failed: boolean; error?: unknown } = { failed: false };
  const report = (entry: string, force: boolean) => {
    if (!onProgress || progress.failed) return;
    const now = performance.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    try {
      onProgress({ bytesDone: done, bytesTotal: total, entry });
    } catch (error) {
      progress.failed = true;
      progress.error = error;
    }
  };

  const tempPath = join(directory, `.${checked.zipName}.${randomBytes(6).toString('hex')}.partial`);
  let zip: ZipWriter | null = null;
  let created = false;
  try {
    zip = await ZipWriter.create(tempPath, new Date(checked.createdAtMs)).catch((error: unknown) => {
      throw writeFailed(directory, error);
    });
    created = true;
    for (const entry of bag.entries) {
      if (signal?.aborted) throw cancelled();
      await addEntry(zip, entry, signal, (bytes, path) => {
        done += bytes;
        report(path, false);
      });
      if (entry.type === 'file') report(entry.file.path, true);
      if (progress.failed) throw progress.error;
    }
    const zipped = await zip.finish();
    if (signal?.aborted) throw cancelled();
    await publishFile(tempPath, finalPath).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'file-exists') throw packetExists(finalPath);
      throw error;
    });
    return {
      path: finalPath,
      bytes: zipped.bytes,
      sha256: zipped.sha256,
      fingerprint: spec.key.fingerprint,
      packetId: spec.packetId,
      entries: bag.entries.map((e) => ({ name: e.name, type: e.type, bytes: e.type === 'directory' ? 0 : e.file.source === 'bytes' ? e.file.bytes.length : e.file.export.bytes })),
    };
  } catch (error) {
    await zip?.destroy().catch(() => undefined);
    if (created) await rm(tempPath, { force: true }).catch(() => undefined);
    if (signal?.aborted) throw cancelled();
    if (error instanceof AppError) throw error;
    if (errnoCode(error) !== undefined) throw writeFailed(directory, error);
    throw error;
  }
}

async function addEntry(zip: ZipWriter, entry: BagEntry, signal: AbortSignal | undefined, onBytes: (bytes: number, path: string) => void): Promise<void> {
  if (entry.type === 'directory') return zip.addFolder(entry.name);
  const { file } = entry;
  if (file.source === 'bytes') {
    await zip.addBytes(entry.name, file.bytes);
    onBytes(file.bytes.length, file.path);
    return;
  }
  // An export: read once, hashed on the way into the zip, and checked against evidence.json after.
  const item = file.export;
  const handle = await open(item.file.path, 'r').catch((error: unknown) => {
    throw unreadable(item, error);
  });
  try {
    const { tap, bytes, sha256: digest } = hashingTap((n) => onBytes(n, file.path));
    const read = handle.createReadStream({ highWaterMark: READ_CHUNK, autoClose: false });
    try {
      await Promise.all([
        pipeline(read, tap, signal ? { signal } : {}).catch((error: unknown) => {
          if (signal?.aborted) throw cancelled();
          throw unreadable(item, error);
        }),
        zip.addStream(entry.name, tap),
      ]);
    } catch (error) {
      read.destroy();
      tap.destroy();
      throw error;
    }
    if (bytes() !== item.bytes) throw changed(item, 'size', String(bytes()));
    const sha256 = digest();
    if (sha256 !== item.sha256) throw changed(item, 'content', sha256);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

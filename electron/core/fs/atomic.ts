import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors';

/** Flushes a file's bytes to the disk before it is published. */
export async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Moves a finished temp file to `finalPath`, never replacing anything there: a hard link fails if the
 * name exists (atomically), then the temp name is removed. Where hard links are unsupported (FAT, some
 * network shares) it falls back to checking, then renaming.
 */
export async function publishFile(tempPath: string, finalPath: string): Promise<void> {
  await fsyncFile(tempPath);
  await mkdir(dirname(finalPath), { recursive: true });
  try {
    await link(tempPath, finalPath);
    await unlink(tempPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw fileExists(finalPath);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    if (await exists(finalPath)) throw fileExists(finalPath);
    await rename(tempPath, finalPath);
  }
}

/** Copies a file while hashing it; returns the copy's sha256 and size. */
export async function copyAndHash(from: string, to: string, signal?: AbortSignal): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  await mkdir(dirname(to), { recursive: true });
  await pipeline(createReadStream(from), tap, createWriteStream(to, { flags: 'wx' }), signal ? { signal } : {});
  return { sha256: hash.digest('hex'), bytes };
}

/** sha256 and size of a file, streamed. */
export async function hashFile(path: string, signal?: AbortSignal): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024, ...(signal ? { signal } : {}) }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function fileExists(path: string): AppError {
  return new AppError('file-exists', `A file already exists at ${path}; it was not replaced.`, 'Choose another name or folder.');
}

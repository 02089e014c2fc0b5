import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors';
import { hashingTap } from './hashing-tap';

/** Flushes a file's bytes to the disk before it is published. */
export async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a new or renamed name in `dir` durable (POSIX); a no-op where directories cannot be opened (Windows). */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    await handle.sync().catch(() => undefined);
    await handle.close();
  } catch {
    // best effort
  }
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP']);

/**
 * Gives `source` the name `target` without ever replacing a file there: a hard link fails atomically when
 * the name exists (rename would overwrite). Where hard links are unsupported (FAT, some network shares)
 * it checks, then renames, which leaves a small race. EXDEV (another volume) is the caller's to handle.
 * The caller removes `source` afterwards.
 */
export async function linkWithoutOverwrite(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw fileExists(target);
    if (!NO_HARD_LINKS.has(code)) throw error;
    if (await exists(target)) throw fileExists(target);
    await rename(source, target);
  }
}

/** Moves a finished temp file (same volume) to `finalPath`: fsynced first, never replacing anything. */
export async function publishFile(tempPath: string, finalPath: string): Promise<void> {
  await fsyncFile(tempPath);
  await mkdir(dirname(finalPath), { recursive: true });
  await linkWithoutOverwrite(tempPath, finalPath);
  await unlink(tempPath).catch(() => undefined);
  await fsyncDir(dirname(finalPath));
}

/**
 * Writes `bytes` to `path`, replacing what is there, so that a reader sees the old file or the new one,
 * never half of one: a temp file in the same folder (created exclusively, with `mode` from the first
 * byte), fsynced, renamed over `path`, the folder fsynced. The folder is created (0700) when missing.
 */
export async function replaceFileAtomically(path: string, bytes: Buffer, mode = 0o600): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      if (process.platform !== 'win32') await handle.chmod(mode); // exact, whatever the umask
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncDir(dir);
}

/** Copies a file while hashing it; returns the copy's sha256 and size. */
export async function copyAndHash(from: string, to: string, signal?: AbortSignal): Promise<{ sha256: string; bytes: number }> {
  const counted = hashingTap();
  await mkdir(dirname(to), { recursive: true });
  await pipeline(createReadStream(from), counted.tap, createWriteStream(to, { flags: 'wx' }), signal ? { signal } : {});
  return { sha256: counted.sha256(), bytes: counted.bytes() };
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
  return new AppError('file-exists', `A file already exists at ${path}; it was not replaced.`, 'Choose another name or folder.', { path });
}

import { createHash, randomUUID, type Hash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { copyFile, open, readFile, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../errors';
import { fsyncDir, fsyncFile, linkWithoutOverwrite } from '../fs/atomic';
import { ApiError, apiError } from './errors';
import { isStrongEtag } from './headers';

/** What lets a later call resume a partial: the validator it was fetched under, and which artifact it is. */
interface ResumeMeta {
  etag: string;
  sha256: string;
}

/** The sidecar next to a partial file that records how to resume it. */
export const resumeMetaPath = (partialPath: string) => `${partialPath}.resume.json`;

/** Turns a file-system failure into `write-failed`, keeping only the errno code (paths stay out of messages). */
export function writeFailed(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  return apiError('write-failed', { reason: typeof code === 'string' ? code : 'I/O error' });
}

async function readMeta(partialPath: string): Promise<ResumeMeta | null> {
  try {
    const meta = JSON.parse(await readFile(resumeMetaPath(partialPath), 'utf8')) as Partial<ResumeMeta>;
    return typeof meta.etag === 'string' && typeof meta.sha256 === 'string' ? { etag: meta.etag, sha256: meta.sha256 } : null;
  } catch {
    return null;
  }
}

async function hashFile(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
}

/** The download's partial file: hashed as written, resumable across calls through its sidecar, finished atomically. */
export class PartialFile {
  private hash: Hash = createHash('sha256');

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private readonly expectedSha256: string,
    public bytes: number,
    public etag: string | null,
  ) {}

  /** Opens the partial, resuming what an earlier call left for the same artifact, else starting empty. */
  static async open(path: string, expectedSha256: string): Promise<PartialFile> {
    try {
      const handle = await open(path, 'a');
      const meta = await readMeta(path);
      const size = (await handle.stat()).size;
      const file = new PartialFile(path, handle, expectedSha256, 0, null);
      if (meta !== null && meta.sha256 === expectedSha256 && isStrongEtag(meta.etag) && size > 0) {
        await hashFile(path, file.hash);
        file.bytes = size;
        file.etag = meta.etag;
      } else {
        await file.restart();
      }
      return file;
    } catch (error) {
      throw writeFailed(error);
    }
  }

  /** Starts over from zero bytes (the server sent the whole file, or a range we cannot use). */
  async restart(): Promise<void> {
    try {
      await this.handle.truncate(0);
      await rm(resumeMetaPath(this.path), { force: true });
    } catch (error) {
      throw writeFailed(error);
    }
    this.hash = createHash('sha256');
    this.bytes = 0;
    this.etag = null;
  }

  /** Records the validator of the bytes being written, so a later call may resume with If-Range. */
  async remember(etag: string | null): Promise<void> {
    this.etag = etag;
    try {
      if (isStrongEtag(etag)) await writeFile(resumeMetaPath(this.path), JSON.stringify({ etag, sha256: this.expectedSha256 }));
      else await rm(resumeMetaPath(this.path), { force: true });
    } catch (error) {
      throw writeFailed(error);
    }
  }

  /** Appends a chunk, hashing and counting it. */
  async append(chunk: Uint8Array): Promise<void> {
    try {
      let offset = 0;
      while (offset < chunk.length) offset += (await this.handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
    } catch (error) {
      throw writeFailed(error);
    }
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }

  /** The sha256 of everything written so far. */
  sha256(): string {
    return this.hash.copy().digest('hex');
  }

  /** fsyncs, then puts the file at `finalPath` only if nothing is there (never overwrites). */
  async finish(finalPath: string): Promise<void> {
    try {
      await this.handle.sync();
      await this.handle.close();
      try {
        await placeWithoutOverwrite(this.path, finalPath);
      } catch (error) {
        if (errorCode(error) !== 'EXDEV') throw error;
        // Another volume: copy next to the destination first, so the last step is still atomic there.
        const staged = join(dirname(finalPath), `.${basename(finalPath)}.${randomUUID()}.partial`);
        try {
          await copyFile(this.path, staged, constants.COPYFILE_EXCL);
          await fsyncFile(staged);
          await placeWithoutOverwrite(staged, finalPath);
        } finally {
          await rm(staged, { force: true });
        }
      }
      await rm(this.path, { force: true });
      await rm(resumeMetaPath(this.path), { force: true });
      await fsyncDir(dirname(finalPath));
    } catch (error) {
      throw writeFailed(error);
    }
  }

  /** Closes the file and keeps it (and its sidecar) for a later resume. */
  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  /** Closes and deletes the partial and its sidecar (its bytes are known to be wrong). */
  async discard(): Promise<void> {
    await this.close();
    await rm(this.path, { force: true }).catch(() => undefined);
    await rm(resumeMetaPath(this.path), { force: true }).catch(() => undefined);
  }
}

/** Places the finished file; an existing target becomes the API's own `file-exists` error. */
async function placeWithoutOverwrite(source: string, target: string): Promise<void> {
  try {
    await linkWithoutOverwrite(source, target);
  } catch (error) {
    if (error instanceof AppError && error.code === 'file-exists') throw apiError('file-exists', { path: target });
    throw error;
  }
}

const errorCode = (error: unknown) => String((error as { code?: unknown } | null)?.code ?? '');

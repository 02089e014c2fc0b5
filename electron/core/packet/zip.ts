// A zip written one entry at a time, with everything that could vary between runs pinned down.
import { ZipArchive } from 'archiver';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { hashingTap } from '../fs/hashing-tap';

/**
 * zlib level for every entry. Measured on a 98.6 MB events CSV (2-core sandbox): level 1 took 1.1 s for
 * 22.5 % of the size, level 6 1.6 s for 20.1 %, level 9 3.2 s for 19.4 %. Level 6 (zlib's default) is
 * the middle: 11 % smaller than level 1 for 45 % more time; level 9 doubles the time for 3 % more.
 */
export const DEFLATE_LEVEL = 6;
export const FILE_MODE = 0o644;
export const FOLDER_MODE = 0o755;

/**
 * What archiver 8 (zip-stream 7, compress-commons 7) writes, and why it is deterministic here:
 * - no extra fields (no extended timestamp, no Unix uid/gid), except the ZIP64 field an entry past
 *   4 GiB needs; no comments; "version made by" is Unix / 4.5;
 * - the entry time is the DOS date/time from the UTC fields of the date given (forceLocalTime off), so
 *   the machine's time zone does not matter; DOS time has a 2-second resolution;
 * - modes are the ones given (0644 files, 0755 folders; on Windows archiver masks with 0777, which keeps them);
 * - file entries are deflated at a fixed level with a data descriptor (sizes after the data); folders
 *   and empty files are stored;
 * - names are flagged UTF-8 when they are not ASCII;
 * - ZIP64 records are added by the library when needed (an entry or an offset past 4 GiB, more than
 *   65,535 entries), and only then (forceZip64 stays off: small packets stay plain zips). Checked by
 *   hand with a 4.4 GB export: `unzip -t` finds no errors and the extracted bytes hash right.
 * The deflate output is zlib's: byte-identical for the same zlib build and level.
 */
export class ZipWriter {
  private readonly archive: ZipArchive;
  private readonly output: WriteStream;
  private readonly written: Promise<void>;
  private failure: Error | null = null;
  private readonly counted = hashingTap();

  private constructor(output: WriteStream, private readonly date: Date) {
    this.output = output;
    this.archive = new ZipArchive({ zlib: { level: DEFLATE_LEVEL }, forceLocalTime: false, forceZip64: false, comment: '' });
    // Kept for the archive's whole life: an error after the pipeline settled must not crash the process.
    this.archive.on('error', (error: Error) => this.fail(error));
    this.archive.on('warning', (error: Error) => this.fail(error));
    this.written = pipeline(this.archive, this.counted.tap, output);
    this.written.catch((error: Error) => this.fail(error));
  }

  /** Creates `path` (which must not exist yet) and starts a zip in it; every entry gets `date` as its time. */
  static async create(path: string, date: Date): Promise<ZipWriter> {
    const output = createWriteStream(path, { flags: 'wx' });
    await once(output, 'open');
    return new ZipWriter(output, date);
  }

  private fail(error: Error): void {
    this.failure ??= error;
  }

  /** Appends one entry and resolves once archiver has taken all of it. */
  private add(source: Buffer | Readable, name: string, type: 'file' | 'directory'): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        this.archive.off('entry', onEntry);
        this.archive.off('error', onError);
        this.output.off('error', onError);
      };
      const onEntry = () => {
        cleanup();
        resolve();
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      this.archive.on('entry', onEntry);
      this.archive.on('error', onError);
      this.output.on('error', onError);
      this.archive.append(source, { name, type, date: this.date, mode: type === 'directory' ? FOLDER_MODE : FILE_MODE });
    });
  }

  /** A folder entry; `name` ends in `/`. */
  addFolder(name: string): Promise<void> {
    return this.add(Buffer.alloc(0), name, 'directory');
  }

  /** A file entry from bytes in memory. */
  addBytes(name: string, bytes: Buffer): Promise<void> {
    return this.add(bytes, name, 'file');
  }

  /** A file entry from a stream; resolves when the whole stream is in the zip. The caller handles the stream's own errors. */
  addStream(name: string, stream: Readable): Promise<void> {
    return this.add(stream, name, 'file');
  }

  /** Writes the central directory and waits until the file is complete and closed. Returns the zip's size and sha256. */
  async finish(): Promise<{ bytes: number; sha256: string }> {
    if (this.failure) throw this.failure;
    await this.archive.finalize();
    await this.written;
    if (!this.output.closed) await once(this.output, 'close');
    if (this.failure) throw this.failure;
    return { bytes: this.counted.bytes(), sha256: this.counted.sha256() };
  }

  /** Stops writing and closes the file (the caller deletes it). */
  async destroy(): Promise<void> {
    this.fail(new Error('destroyed'));
    this.archive.abort();
    this.archive.unpipe();
    if (!this.output.closed) {
      const closed = once(this.output, 'close').catch(() => undefined);
      this.output.destroy();
      await closed;
    }
  }
}

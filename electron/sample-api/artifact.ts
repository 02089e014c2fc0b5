import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportFormat, ExportType } from '../../shared/domain';
import type { AnyRecord } from '../../shared/schemas/records';
import { exportFilename, serializeExport } from './format';

/** An export file the sample API generated, as its job metadata describes it. */
export interface Artifact {
  path: string;
  filename: string;
  sizeBytes: number;
  sha256: string;
  recordCount: number;
}

/**
 * Writes an export to `dir` chunk by chunk, hashing as it goes. The stream pipeline waits for the disk
 * between chunks, so the server keeps answering while a million-record file is generated, and a disk
 * error (or `signal`) ends it with a rejected promise and no file left behind.
 */
export async function writeArtifact(
  dir: string,
  jobId: string,
  type: ExportType,
  format: ExportFormat,
  records: Iterable<AnyRecord>,
  generatedAt: number,
  signal?: AbortSignal,
): Promise<Artifact> {
  const filename = exportFilename(type, format, generatedAt);
  const path = join(dir, `${jobId}-${filename}`);
  const hash = createHash('sha256');
  let sizeBytes = 0;
  let recordCount = 0;
  const counted = (function* () {
    for (const record of records) {
      recordCount++;
      yield record;
    }
  })();
  const chunks = Readable.from(
    (function* () {
      for (const text of serializeExport(type, format, counted)) yield Buffer.from(text, 'utf8');
    })(),
    { objectMode: false },
  );
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    await pipeline(chunks, hashing, createWriteStream(path), signal ? { signal } : {});
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, filename, sizeBytes, sha256: hash.digest('hex'), recordCount };
}

import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
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
 * Writes an export to `dir` chunk by chunk, hashing as it goes. Each chunk waits for the disk, so the
 * server keeps answering while a million-record file is generated.
 */
export async function writeArtifact(
  dir: string,
  jobId: string,
  type: ExportType,
  format: ExportFormat,
  records: Iterable<AnyRecord>,
  generatedAt: number,
): Promise<Artifact> {
  const filename = exportFilename(type, format, generatedAt);
  const path = join(dir, `${jobId}-${filename}`);
  const out = createWriteStream(path);
  const hash = createHash('sha256');
  let sizeBytes = 0;
  let recordCount = 0;
  const counted = (function* () {
    for (const record of records) {
      recordCount++;
      yield record;
    }
  })();
  try {
    for (const text of serializeExport(type, format, counted)) {
      const chunk = Buffer.from(text, 'utf8');
      hash.update(chunk);
      sizeBytes += chunk.length;
      await new Promise<void>((resolve, reject) => out.write(chunk, (error) => (error ? reject(error) : resolve())));
    }
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
  return { path, filename, sizeBytes, sha256: hash.digest('hex'), recordCount };
}

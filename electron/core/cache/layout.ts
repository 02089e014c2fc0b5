import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

/** Where things live inside a cache folder. */
export function cacheLayout(cacheDir: string) {
  return {
    database: join(cacheDir, 'cache.sqlite'),
    /** Stored export files, byte for byte, one folder per sha256: `artifacts/<sha256>/<original name>`. */
    artifact: (sha256: string, filename: string) => join(cacheDir, 'artifacts', sha256, filename),
    /** Relative form stored in the database, so a cache folder can move. */
    relativeArtifact: (sha256: string, filename: string) => join('artifacts', sha256, filename),
    /** Temp files being written; never read as evidence. */
    partial: (label: string) => join(cacheDir, 'partial', `${label}-${randomUUID()}.part`),
    /** A temp file with a stable name, so an interrupted download can resume into it later. */
    resumable: (label: string) => join(cacheDir, 'partial', `${label.replace(/[^A-Za-z0-9_-]/g, '_')}.part`),
    partialDir: join(cacheDir, 'partial'),
  };
}

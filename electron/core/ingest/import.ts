import type { Database } from 'better-sqlite3';
import { rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { ExportFormat, ExportType } from '../../../shared/domain';
import { sanitizeFilename } from '../api/filename';
import { cacheLayout } from '../cache/layout';
import { actorLabel, type Actor } from '../actor';
import { appendCustody } from '../custody';
import { AppError } from '../errors';
import { copyAndHash, hashFile, publishFile } from '../fs/atomic';
import { detectExport } from './detect';
import { ingestArtifact } from './ingest';

/** One file to import; type and format as the user confirmed them (else detected). */
export interface ImportItem {
  path: string;
  type?: ExportType;
  format?: ExportFormat;
}

/** What happened to one file. */
export type ImportOutcome =
  | { path: string; status: 'imported'; artifactId: number; sha256: string; records: number; type: ExportType; format: ExportFormat }
  | { path: string; status: 'duplicate'; artifactId: number; sha256: string }
  | { path: string; status: 'failed'; error: AppError };

/** Who imports, into which workspace, and how to report. */
export interface ImportContext {
  db: Database;
  cacheDir: string;
  workspaceId: string;
  actor: Actor;
  signal?: AbortSignal;
  onProgress?: (progress: { file: string; stage: 'hashing' | 'copying' | 'ingesting'; value: number | null }) => void;
}

/**
 * Imports export files carried in by hand (air-gapped review): each file is copied into the cache
 * unchanged, with its provenance, and ingested. A file already in the workspace (same sha256) is
 * recognised, not copied again. Files are independent: one failing leaves the others and the cache intact.
 */
export async function importFiles(items: ImportItem[], ctx: ImportContext): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const item of items) {
    try {
      outcomes.push(await importOne(item, ctx));
    } catch (error) {
      if (error instanceof AppError && error.code === 'cancelled') throw error;
      outcomes.push({ path: item.path, status: 'failed', error: asAppError(error, item.path) });
    }
  }
  return outcomes;
}

async function importOne(item: ImportItem, ctx: ImportContext): Promise<ImportOutcome> {
  const layout = cacheLayout(ctx.cacheDir);
  const original = basename(item.path);
  const source = await stat(item.path).catch(() => {
    throw new AppError('not-found', `${original} could not be opened.`, 'Check that the file is still there (USB sticks can be removed) and readable.');
  });
  if (!source.isFile()) throw new AppError('invalid-request', `${original} is not a file.`, 'Choose export files, not folders.');

  ctx.onProgress?.({ file: original, stage: 'hashing', value: null });
  const { sha256 } = await hashFile(item.path, ctx.signal);
  const existing = ctx.db.prepare('SELECT id FROM artifacts WHERE workspace_id = ? AND sha256 = ?').get(ctx.workspaceId, sha256) as { id: number } | undefined;
  if (existing) return { path: item.path, status: 'duplicate', artifactId: existing.id, sha256 };

  const detected = await detectExport(item.path);
  const type = item.type ?? detected.type;
  const format = item.format ?? detected.format;
  if (!type || !format) {
    throw new AppError('unknown-export-type', `${original} is not recognisable as a Keeptrusts export.`, 'Choose its export type and format yourself, then import it again.', { path: item.path, detected });
  }
  const filename = sanitizeFilename(original) ?? `import.${format}`;
  const finalPath = layout.artifact(sha256, filename);
  const temp = layout.partial('import');
  ctx.onProgress?.({ file: original, stage: 'copying', value: null });
  let artifactId: number | null = null;
  let published = false;
  try {
    const copy = await copyAndHash(item.path, temp, ctx.signal);
    if (copy.sha256 !== sha256) {
      throw new AppError('checksum-mismatch', `${original} changed while it was being imported.`, 'Make sure nothing is writing to the file, then import it again.');
    }
    // Content-addressed: a file already at this path (another workspace's) holds these very bytes.
    if (!(await hashFile(finalPath).then((h) => h.sha256 === sha256, () => false))) {
      await publishFile(temp, finalPath);
      published = true;
    }
    const provenance = {
      kind: 'imported',
      original_filename: original,
      original_modified_at: source.mtime.toISOString(),
      imported_by: actorLabel(ctx.actor),
      imported_at: new Date().toISOString(),
    };
    const row = ctx.db
      .prepare("INSERT INTO artifacts (workspace_id, type, format, path, original_filename, bytes, sha256, source, provenance_json, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'imported', ?, ?)")
      .run(ctx.workspaceId, type, format, layout.relativeArtifact(sha256, filename), original, copy.bytes, sha256, JSON.stringify(provenance), provenance.imported_at);
    artifactId = Number(row.lastInsertRowid);
    ctx.onProgress?.({ file: original, stage: 'ingesting', value: 0 });
    const result = await ingestArtifact(ctx.db, {
      artifactId,
      type,
      format,
      file: finalPath,
      displayName: original,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      onProgress: (p) => ctx.onProgress?.({ file: original, stage: 'ingesting', value: p.totalBytes ? p.bytes / p.totalBytes : null }),
    });
    appendCustody(ctx.db, ctx.workspaceId, {
      action: 'imported',
      actor: ctx.actor,
      subject: { original_filename: original, export_type: type, format, bytes: copy.bytes },
      artifactSha256: sha256,
    });
    return { path: item.path, status: 'imported', artifactId, sha256, records: result.records, type, format };
  } catch (error) {
    // Undo: the cache must look as if this file had never been offered.
    if (artifactId !== null) ctx.db.prepare('DELETE FROM artifacts WHERE id = ?').run(artifactId);
    if (published) {
      await rm(finalPath, { force: true });
      await rmdir(dirname(finalPath)).catch(() => undefined);
    }
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

function asAppError(error: unknown, path: string): AppError {
  if (error instanceof AppError) return error;
  return new AppError('internal', `${basename(path)} could not be imported: ${(error as Error).message}.`, 'Try again; if it keeps failing, report it with the log.');
}

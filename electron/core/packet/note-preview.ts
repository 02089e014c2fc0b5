import type { Database } from 'better-sqlite3';
import type { NoteFields } from '../../../shared/schemas/note';
import type { ReviewScope } from '../../../shared/schemas/scope';
import { cachedExportInputs, completenessLimitations } from '../validate';
import { manifestScope, noteWithLimitations } from './pack';
import { renderNote, type NoteContext } from './render';

/** What only packing knows, shown in its place. */
export const NOTE_PLACEHOLDERS = { packetId: '(assigned when packed)', fingerprint: "(the signing key's fingerprint)" } as const;

/** Where the cached exports are, when the preview is made, and the open key's fingerprint (null: none is open). */
export interface NotePreviewContext {
  db: Database;
  cacheDir: string;
  workspaceId: string;
  now: number;
  fingerprint: string | null;
}

/**
 * data/NOTE.md as `packEvidence` would write it for this scope and note from the workspace's cached
 * exports (all of them, as pack takes by default), without reading the files: records and hashes are
 * the cache's (recorded at ingest), and the limitations for missing or empty export types come from
 * those counts, as validation would find them. The packet id, and the signer when no key is open, are
 * placeholders; the time is now.
 */
export function previewNote(scope: ReviewScope, fields: NoteFields, ctx: NotePreviewContext): string {
  const files = cachedExportInputs(ctx.db, ctx.cacheDir, ctx.workspaceId);
  const cached = new Map(
    (ctx.db.prepare('SELECT id, sha256, record_count FROM artifacts WHERE workspace_id = ?').all(ctx.workspaceId) as { id: number; sha256: string; record_count: number | null }[]).map(
      (row) => [row.id, row],
    ),
  );
  const counted = files.map((file) => ({ file, records: cached.get(file.artifactId!)?.record_count ?? 0, sha256: cached.get(file.artifactId!)?.sha256 ?? '' }));
  const exports: NoteContext['exports'] = counted.map(({ file, records, sha256 }) => ({ original_filename: file.name, type: file.type, format: file.format, records, sha256 }));
  const note = noteWithLimitations(fields, completenessLimitations(counted.map(({ file, records }) => ({ type: file.type, records })), scope.types));
  return renderNote(note, {
    packetId: NOTE_PLACEHOLDERS.packetId,
    createdAt: new Date(ctx.now).toISOString(),
    scope: manifestScope(scope, note),
    exports,
    fingerprint: ctx.fingerprint ?? NOTE_PLACEHOLDERS.fingerprint,
  });
}

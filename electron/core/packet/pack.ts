import type { Database } from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { lstat, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Progress } from '../../../shared/progress';
import type { EvidenceManifest, PacketExport } from '../../../shared/schemas/evidence';
import type { NoteFields } from '../../../shared/schemas/note';
import type { ReviewScope } from '../../../shared/schemas/scope';
import type { ValidationReport } from '../../../shared/schemas/validation';
import type { Actor } from '../actor';
import { recordValidation } from '../cache/validation-runs';
import { appendCustody, canonicalJson, custodyChain, custodyJson } from '../custody';
import { AppError } from '../errors';
import type { SigningKey } from '../keys';
import { cachedExportInputs, validateExports, type ExportFileInput } from '../validate';
import { renderNote, renderReport } from './render';
import { packetRef, packetStem } from './names';
import { verifyPacket } from './verify';
import { packetExists, writePacket } from './writer';
import type { WrittenPacket } from './types';

/** What to pack: the scope, the note, which cached files (default: all of the workspace), and where. */
export interface PackRequest {
  scope: ReviewScope;
  note: NoteFields;
  artifactIds?: readonly number[];
  /** An existing folder; the packet's name is chosen from its reference and time, and never overwrites. */
  outDir: string;
  sourceOrganization?: string;
  /** Only when the reviewer allows it. */
  host?: { os_user: string; host_name: string };
  /** Defaults: a fresh id, and now. */
  packetId?: string;
  createdAt?: number;
  retentionHours?: number;
}

/** Where the evidence is, who packs it, with which key, and how to report. */
export interface PackContext {
  db: Database;
  cacheDir: string;
  workspaceId: string;
  actor: Actor;
  key: SigningKey;
  generator: { name: string; version: string };
  taskId?: string;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/** A packet made, with the validation it carries. */
export interface PackOutcome extends WrittenPacket {
  validationRunId: number;
  report: ValidationReport;
}

interface ArtifactRow {
  id: number;
  sha256: string;
  provenance_json: string;
}

/** A packet id: the creation time and 48 random bits, e.g. `pkt-20260320T110000Z-3f9a1c2b7d4e`. */
export function newPacketId(createdAt: number): string {
  return `pkt-${new Date(createdAt).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}-${randomBytes(6).toString('hex')}`;
}

function provenanceOf(row: ArtifactRow | undefined, file: ExportFileInput): PacketExport['provenance'] {
  if (!row) throw new AppError('not-found', `${file.name} is no longer in the cache.`, 'Refresh the list of files and pack again.');
  return JSON.parse(row.provenance_json) as PacketExport['provenance'];
}

/** evidence.json's `scope`: the review scope as packed, the note's why standing in for a scope without one. */
export function manifestScope(scope: ReviewScope, note: NoteFields): EvidenceManifest['scope'] {
  return {
    window: { as_entered: scope.window.relative ?? null, from: scope.window.from, to: scope.window.to },
    environment: scope.environment ?? null,
    config_version: scope.config_version ?? null,
    types: scope.types,
    request_ids: scope.request_ids,
    escalation_ids: scope.escalation_ids,
    references: scope.references ?? [],
    why: scope.why ?? note.why,
    control_tags: scope.control_tags ?? [],
  };
}

/** The note as packed: it lists every known limitation, the ones validation found first, then the reviewer's own. */
export function noteWithLimitations(note: NoteFields, found: readonly { text: string }[]): NoteFields {
  return { ...note, limitations: [...new Set([...found.map((l) => l.text), ...note.limitations])] };
}

/** evidence.json for the files, their validation and the note. */
export function evidenceManifest(input: {
  packetId: string;
  createdAt: number;
  generator: PackContext['generator'];
  note: NoteFields;
  host?: PackRequest['host'];
  scope: ReviewScope;
  files: readonly ExportFileInput[];
  provenance: readonly PacketExport['provenance'][];
  report: ValidationReport;
  fingerprint: string;
}): EvidenceManifest {
  const { scope, report, note } = input;
  const fromValidation = new Set(report.limitations.map((l) => l.text));
  return {
    packet_id: input.packetId,
    format: 'evidence-packet',
    format_version: 1,
    created_at: new Date(input.createdAt).toISOString(),
    generator: input.generator,
    reviewer: note.reviewer,
    ...(input.host ? { host: input.host } : {}),
    scope: manifestScope(scope, note),
    exports: input.files.map((file, i) => {
      const checked = report.files[i]!;
      return {
        path: `data/exports/${file.name}`,
        original_filename: file.name,
        type: file.type,
        format: file.format,
        bytes: checked.bytes,
        sha256: checked.sha256,
        records: checked.records,
        first_record_at: checked.first_record_at,
        last_record_at: checked.last_record_at,
        provenance: input.provenance[i]!,
      };
    }),
    validation: {
      overall: report.overall,
      generated_at: report.generated_at,
      checks: [
        ...report.files.flatMap((f) => f.checks.map((c) => ({ id: c.id, file: f.name, status: c.status, summary: c.summary }))),
        ...report.checks.map((c) => ({ id: c.id, file: null, status: c.status, summary: c.summary })),
      ],
    },
    xref: report.xref,
    limitations: [...report.limitations, ...note.limitations.filter((text) => !fromValidation.has(text)).map((text) => ({ kind: 'reviewer' as const, text }))],
    signer: { algorithm: 'ed25519', fingerprint: input.fingerprint },
  };
}

/**
 * Makes a signed evidence packet from the cached exports: validates them against the scope (the packet
 * carries this very report), records the validation, the note and the packing in the custody chain,
 * renders NOTE.md and report.html, writes the zip (never over an existing file), then records that it
 * was signed and exported. Nothing here trusts an earlier validation: the files are read again.
 */
export async function packEvidence(request: PackRequest, ctx: PackContext): Promise<PackOutcome> {
  const createdAt = request.createdAt ?? Date.now();
  // Validating, writing and verifying report on one bar that never goes back.
  let shown = 0;
  const progress = (p: Progress) => {
    shown = p.value === null ? shown : Math.max(shown, p.value);
    ctx.onProgress?.({ ...p, value: p.value === null ? null : shown });
  };
  const packetId = request.packetId ?? newPacketId(createdAt);
  const taskId = ctx.taskId ?? 'pack';
  const files = cachedExportInputs(ctx.db, ctx.cacheDir, ctx.workspaceId, request.artifactIds);
  if (files.length === 0) throw new AppError('invalid-request', 'There are no export files to pack in this workspace.', 'Pull or import the exports first.');

  const report = await validateExports(files, request.scope, {
    now: createdAt,
    taskId,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(request.retentionHours ? { settings: { retentionHours: request.retentionHours } } : {}),
    onProgress: (p: Progress) => progress({ ...p, value: p.value === null ? null : p.value * 0.4 }),
  });
  const rows = ctx.db.prepare('SELECT id, sha256, provenance_json FROM artifacts WHERE workspace_id = ?').all(ctx.workspaceId) as ArtifactRow[];
  const provenance = files.map((f) => provenanceOf(rows.find((r) => r.id === f.artifactId), f));
  const note = noteWithLimitations(request.note, report.limitations);
  const evidence = evidenceManifest({ packetId, createdAt, generator: ctx.generator, note, ...(request.host ? { host: request.host } : {}), scope: request.scope, files, provenance, report, fingerprint: ctx.key.fingerprint });
  const noteText = renderNote(note, { packetId, createdAt: evidence.created_at, scope: evidence.scope, exports: evidence.exports, fingerprint: ctx.key.fingerprint });
  const noteSha256 = createHash('sha256').update(canonicalJson(note)).digest('hex');
  // Checked before the custody chain records a packing that could not happen (the writer checks again).
  const target = join(request.outDir, `${packetStem(packetRef(evidence.scope.references), createdAt)}.zip`);
  if (await lstat(target).then(() => true, () => false)) throw packetExists(target);
  const at = new Date(createdAt).toISOString();

  const { validationRunId, chain } = ctx.db.transaction(() => {
    const runId = recordValidation(ctx.db, ctx.workspaceId, ctx.actor, files, report, at);
    const lastNote = [...custodyChain(ctx.db, ctx.workspaceId)].reverse().find((e) => e.action === 'note-edited');
    if (lastNote?.subject.note_sha256 !== noteSha256) {
      appendCustody(ctx.db, ctx.workspaceId, { action: 'note-edited', actor: ctx.actor, subject: { note_sha256: noteSha256 }, artifactSha256: null, at });
    }
    const packed = appendCustody(ctx.db, ctx.workspaceId, { action: 'packed', actor: ctx.actor, subject: { packet_id: packetId }, artifactSha256: null, at });
    return { validationRunId: runId, chain: custodyChain(ctx.db, ctx.workspaceId, { throughSeq: packed.seq }) };
  })();

  const reportHtml = renderReport({ evidence, validation: report, custody: chain, note, bagName: basename(target, '.zip') });
  const written = await writePacket(
    {
      packetId,
      createdAt,
      sourceOrganization: request.sourceOrganization ?? 'Not stated',
      evidence,
      payload: { note: noteText, reportHtml, validation: report, custodyJson: custodyJson(chain), exports: files.map((f) => ({ path: f.path, originalFilename: f.name })) },
      key: ctx.key,
    },
    {
      directory: request.outDir,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      onProgress: (p) => progress({ taskId, kind: 'zip', value: 0.4 + (p.bytesTotal > 0 ? (p.bytesDone / p.bytesTotal) * 0.45 : 0.45), title: 'Writing the packet', detail: p.entry }),
    },
  );
  // The app's own verifier reads the packet back before anyone is told it exists: a packet this app
  // cannot verify is never handed over (it is removed, and the findings reported).
  const check = await verifyPacket(written.path, {
    trustedFingerprints: [ctx.key.fingerprint],
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onProgress: (p) => progress({ taskId, kind: 'verify', value: 0.85 + (p.bytesTotal > 0 ? (p.bytesDone / p.bytesTotal) * 0.15 : 0), title: 'Verifying the packet', detail: p.file ?? p.phase }),
  });
  if (check.status === 'invalid') {
    await rm(written.path, { force: true });
    const errors = check.findings.filter((f) => f.severity === 'error');
    throw new AppError(
      'internal',
      `The packet just written did not verify (${errors.length} problem${errors.length === 1 ? '' : 's'}; first: ${errors[0]?.file ?? ''} ${errors[0]?.message ?? ''}). It was removed.`,
      'This is a bug in the app, or the disk changed the file while it was written. Report it with these details, and pack again.',
      { findings: errors.slice(0, 20) },
    );
  }
  progress({ taskId, kind: 'verify', value: 1, title: 'Packet verified', detail: written.path });
  ctx.db.transaction(() => {
    appendCustody(ctx.db, ctx.workspaceId, { action: 'signed', actor: ctx.actor, subject: { packet_id: packetId, signer_fingerprint: written.fingerprint }, artifactSha256: written.sha256 });
    appendCustody(ctx.db, ctx.workspaceId, { action: 'verified', actor: ctx.actor, subject: { packet_id: packetId, outcome: 'pass' }, artifactSha256: written.sha256 });
    appendCustody(ctx.db, ctx.workspaceId, { action: 'exported', actor: ctx.actor, subject: { packet_id: packetId, path: written.path }, artifactSha256: written.sha256 });
  })();
  return { ...written, validationRunId, report };
}

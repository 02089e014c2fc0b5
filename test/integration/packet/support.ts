// Real inputs for packets: exports pulled from the sample API into a temp cache, validated, with custody.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createKeeptrustsClient } from '../../../electron/core/api';
import { appendCustody, custodyChain, custodyJson } from '../../../electron/core/custody';
import { generateSigningKey, type SigningKey } from '../../../electron/core/keys';
import { evidenceManifest, type PacketSpec } from '../../../electron/core/packet';
import { pullExports } from '../../../electron/core/pull/pull';
import { cachedExportInputs, validateExports } from '../../../electron/core/validate';
import type { ExportFormat, ExportType } from '../../../shared/domain';
import type { EvidenceManifest, PacketExport } from '../../../shared/schemas/evidence';
import type { ReviewScope } from '../../../shared/schemas/scope';
import type { ValidationReport } from '../../../shared/schemas/validation';
import { tempCache } from '../../support/cache';
import { startTestApi } from '../../support/sample-api';

export const run = promisify(execFile);

/** A shell command line run in `cwd`; rejects (with stdout and stderr) if it exits non-zero. */
export function sh(command: string, cwd: string): Promise<{ stdout: string; stderr: string }> {
  return run('sh', ['-c', command], { cwd, maxBuffer: 16 * 1024 * 1024 });
}

export async function tempDir(prefix = 'evidence-packet-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** One export file as the cache has it. */
export interface CachedExport {
  path: string;
  name: string;
  type: ExportType;
  format: ExportFormat;
  bytes: number;
  sha256: string;
  provenance: PacketExport['provenance'];
}

/** Everything a packet is built from, pulled and validated for real. */
export interface ReviewSet {
  scope: ReviewScope;
  exports: CachedExport[];
  report: ValidationReport;
  custody: string;
  key: SigningKey;
  close(): Promise<void>;
}

export const CREATED_AT = '2026-03-20T11:00:00.000Z';
export const PACKET_ID = 'pkt-20260320-0001';

/**
 * Pulls events (CSV) and escalations (JSON) for the last 6 hours from a sample API into a temp cache,
 * validates them against the scope, and records the custody chain through the packet's `packed` entry.
 */
export async function pullReviewSet(packetId = PACKET_ID): Promise<ReviewSet> {
  const api = await startTestApi({ data: { eventsPerHour: 200 } });
  const cache = await tempCache();
  try {
    const actor = { name: 'Ana Silva', os_user: 'ana' };
    const client = createKeeptrustsClient({ fetch, baseUrl: api.url, token: api.token, poll: { intervalMs: 10, timeoutMs: 10_000 } });
    const outcomes = await pullExports(
      { workspaceId: 'w1', exports: [{ type: 'events', format: 'csv' }, { type: 'escalations', format: 'json' }], window: { time_window: '6h' } },
      { db: cache.db, cacheDir: cache.dir, client, apiBaseUrl: api.url, actor, taskId: 'pull' },
    );
    if (outcomes.some((o) => o.status !== 'pulled')) throw new Error(`pull failed: ${JSON.stringify(outcomes)}`);
    const scope: ReviewScope = {
      window: { relative: '6h', from: '2026-03-20T04:30:00Z', to: '2026-03-20T10:30:00Z' },
      types: ['events', 'escalations'],
      request_ids: ['req-does-not-exist'],
      escalation_ids: [],
      references: ['INC-4711 / Störung: prod gateway'],
      why: 'Quarterly access review.\nThe gateway blocked requests between 06:00 and 07:00; this packet shows what it saw.',
      control_tags: ['SOC2:CC7.2'],
    };
    const inputs = cachedExportInputs(cache.db, cache.dir, 'w1');
    const report = await validateExports(inputs, scope, { now: Date.parse('2026-03-20T10:40:00Z') });
    appendCustody(cache.db, 'w1', { action: 'validated', actor, subject: { validation_run_id: 1, overall: report.overall }, artifactSha256: null, at: '2026-03-20T10:41:00.000Z' });
    appendCustody(cache.db, 'w1', { action: 'packed', actor, subject: { packet_id: packetId }, artifactSha256: null, at: CREATED_AT });
    const rows = cache.db.prepare('SELECT path, original_filename, type, format, bytes, sha256, provenance_json FROM artifacts ORDER BY id').all() as {
      path: string;
      original_filename: string;
      type: ExportType;
      format: ExportFormat;
      bytes: number;
      sha256: string;
      provenance_json: string;
    }[];
    const exports = rows.map((r) => ({
      path: join(cache.dir, r.path),
      name: r.original_filename,
      type: r.type,
      format: r.format,
      bytes: r.bytes,
      sha256: r.sha256,
      provenance: JSON.parse(r.provenance_json) as PacketExport['provenance'],
    }));
    const custody = custodyJson(custodyChain(cache.db, 'w1'));
    await api.close();
    return { scope, exports, report, custody, key: generateSigningKey(), close: () => cache.close() };
  } catch (error) {
    await api.close();
    await cache.close();
    throw error;
  }
}

/** evidence.json for a review set, as the app writes it (the app's own builder; only names may be overridden). */
export function evidenceFor(set: Pick<ReviewSet, 'scope' | 'exports' | 'report' | 'key'>, options: { packetId?: string; createdAt?: string; names?: Map<string, string> } = {}): EvidenceManifest {
  const nameOf = (e: CachedExport) => options.names?.get(e.name) ?? e.name;
  const files = set.exports.map((e) => ({ path: e.path, name: nameOf(e), type: e.type, format: e.format, job: null }));
  return evidenceManifest({
    packetId: options.packetId ?? PACKET_ID,
    createdAt: Date.parse(options.createdAt ?? CREATED_AT),
    generator: { name: 'Evidence Packager', version: '0.1.0' },
    note: { why: set.scope.why ?? '', supports: [], request_ids: [], escalation_ids: [], limitations: ['Traces were not part of this review.'], deeper_context: null, free_text: '', reviewer: { name: 'Ana Silva', email: 'ana.silva@example.com' } },
    scope: set.scope,
    files,
    provenance: set.exports.map((e) => e.provenance),
    report: set.report,
    fingerprint: set.key.fingerprint,
  });
}

/** A complete packet spec for a review set. */
export function specFor(set: ReviewSet, options: { packetId?: string; createdAt?: string; exportPaths?: Map<string, string> } = {}): PacketSpec {
  const packetId = options.packetId ?? PACKET_ID;
  const createdAt = options.createdAt ?? CREATED_AT;
  return {
    packetId,
    createdAt,
    sourceOrganization: 'Example Health Ltd, Security Operations',
    evidence: evidenceFor(set, { packetId, createdAt }),
    payload: {
      note: '# Review note\n\nWhy: quarterly access review (INC-4711).\n',
      reportHtml: '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Evidence report</title></head><body><h1>Evidence report</h1></body></html>\n',
      validation: set.report,
      custodyJson: set.custody,
      exports: set.exports.map((e) => ({ path: options.exportPaths?.get(e.name) ?? e.path, originalFilename: e.name })),
    },
    key: set.key,
  };
}

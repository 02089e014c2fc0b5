import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeeptrustsClient } from '../../../electron/core/api';
import { custodyChain, verifyChain } from '../../../electron/core/custody';
import { generateSigningKey } from '../../../electron/core/keys';
import { packEvidence } from '../../../electron/core/packet';
import { verifyPacket } from '../../../electron/core/packet/verify';
import { pullExports } from '../../../electron/core/pull/pull';
import type { CustodyDocument } from '../../../shared/schemas/custody';
import type { EvidenceManifest } from '../../../shared/schemas/evidence';
import type { NoteFields } from '../../../shared/schemas/note';
import type { ReviewScope } from '../../../shared/schemas/scope';
import { tempCache, type TempCache } from '../../support/cache';
import { startTestApi } from '../../support/sample-api';
import { sh, tempDir } from './support';

// The whole packing step over a real pull: validate again, record custody, render, write, sign.
describe('packEvidence', () => {
  let cache: TempCache;
  let out: { dir: string; cleanup: () => Promise<void> };
  const actor = { name: 'Ana Silva', os_user: 'ana' };
  const key = generateSigningKey();
  const scope: ReviewScope = {
    window: { relative: '6h', from: '2026-03-20T04:30:00Z', to: '2026-03-20T10:30:00Z' },
    environment: 'production',
    types: ['events', 'escalations', 'traces'],
    request_ids: [],
    escalation_ids: [],
    references: ['INC-2041'],
    why: 'Blocked requests after the 0.2.0 rollout.',
  };
  const note: NoteFields = {
    why: 'Blocked requests after the 0.2.0 rollout.',
    supports: ['INC-2041'],
    request_ids: [],
    escalation_ids: [],
    limitations: ['No trace data: the scope asked for traces, but no traces export is part of this evidence.', 'Staging was out of scope.'],
    deeper_context: 'events',
    free_text: 'Pulled by the on-call reviewer.',
    reviewer: { name: 'Ana Silva' },
  };

  beforeAll(async () => {
    const api = await startTestApi({ data: { eventsPerHour: 120 } });
    cache = await tempCache();
    out = await tempDir();
    try {
      const client = createKeeptrustsClient({ fetch, baseUrl: api.url, token: api.token, poll: { intervalMs: 10, timeoutMs: 10_000 } });
      await pullExports(
        { workspaceId: 'w1', exports: [{ type: 'events', format: 'csv' }, { type: 'escalations', format: 'json' }], window: { time_window: '6h' }, filters: { environment: 'production' } },
        { db: cache.db, cacheDir: cache.dir, client, apiBaseUrl: api.url, actor, taskId: 'pull' },
      );
    } finally {
      await api.close();
    }
  });
  afterAll(async () => {
    await cache.close();
    await out.cleanup();
  });

  it('writes a packet the standard tools verify, carrying the fresh validation and the custody chain through packed', async () => {
    const progress: number[] = [];
    const packed = await packEvidence(
      { scope, note, outDir: out.dir, createdAt: Date.parse('2026-03-20T11:00:00Z'), packetId: 'pkt-test-1', retentionHours: 100_000 },
      { db: cache.db, cacheDir: cache.dir, workspaceId: 'w1', actor, key, generator: { name: 'Evidence Packager', version: '0.0.0-test' }, onProgress: (p) => progress.push(p.value ?? -1) },
    );
    expect(packed.path).toBe(join(out.dir, 'evidence-INC-2041-20260320T110000Z.zip'));
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((v, i) => i === 0 || v >= progress[i - 1]!)).toBe(true);

    await sh(`unzip -q ${packed.path}`, out.dir);
    const bag = join(out.dir, 'evidence-INC-2041-20260320T110000Z');
    await sh('openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in tagmanifest-sha256.txt -sigfile tagmanifest-sha256.txt.sig', bag);
    await sh('sha256sum -c tagmanifest-sha256.txt && sha256sum -c manifest-sha256.txt', bag);

    const evidence = JSON.parse(await readFile(join(bag, 'evidence.json'), 'utf8')) as EvidenceManifest;
    expect(evidence.exports.map((e) => [e.type, e.provenance.kind])).toEqual([
      ['events', 'pulled'],
      ['escalations', 'pulled'],
    ]);
    expect(evidence.limitations).toEqual([
      { kind: 'missing-type', type: 'traces', text: expect.stringMatching(/^No trace data/) },
      { kind: 'reviewer', text: 'Staging was out of scope.' },
    ]);
    expect(evidence.validation.overall).toBe(packed.report.overall);

    const custody = JSON.parse(await readFile(join(bag, 'data', 'custody.json'), 'utf8')) as CustodyDocument;
    expect(custody.entries.map((e) => e.action)).toEqual(['pulled', 'pulled', 'validated', 'note-edited', 'packed']);
    expect(custody.entries.at(-1)!.subject).toEqual({ packet_id: 'pkt-test-1' });
    expect(verifyChain(custody.entries)).toEqual([]);

    const chain = custodyChain(cache.db, 'w1');
    expect(chain.slice(-3).map((e) => [e.action, e.artifact_sha256])).toEqual([
      ['signed', packed.sha256],
      ['verified', packed.sha256],
      ['exported', packed.sha256],
    ]);
    expect(verifyChain(chain)).toEqual([]);
    expect(await readFile(join(bag, 'data', 'NOTE.md'), 'utf8')).toContain('Staging was out of scope.');
    expect(await readFile(join(bag, 'data', 'report.html'), 'utf8')).toContain(key.fingerprint);

    // The app's own verifier, written independently from PACKET.md, agrees with the writer.
    const verified = await verifyPacket(packed.path, { trustedFingerprints: [key.fingerprint] });
    expect(verified.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(verified.status).toBe('valid-trusted');

    // One flipped byte inside the stored export's data is caught and blamed on that export.
    const zip = await readFile(packed.path);
    const name = Buffer.from(`data/exports/${evidence.exports[0]!.original_filename}`);
    // The first occurrence of the name is the entry's local header; its compressed data follows.
    const at = zip.indexOf(name) + name.length + 200;
    zip[at] = zip[at]! ^ 0xff;
    const tampered = join(out.dir, 'tampered.zip');
    await writeFile(tampered, zip);
    const bad = await verifyPacket(tampered, { trustedFingerprints: [key.fingerprint] });
    expect(bad.status).toBe('invalid');
    expect(bad.findings.some((f) => f.severity === 'error' && f.file?.endsWith(evidence.exports[0]!.original_filename))).toBe(true);
    await rm(tampered);
  });

  it('records the same note only once, and never writes over an earlier packet', async () => {
    const ctx = { db: cache.db, cacheDir: cache.dir, workspaceId: 'w1', actor, key, generator: { name: 'Evidence Packager', version: '0.0.0-test' } };
    const again = packEvidence({ scope, note, outDir: out.dir, createdAt: Date.parse('2026-03-20T11:00:00Z'), packetId: 'pkt-test-2', retentionHours: 100_000 }, ctx);
    const before = custodyChain(cache.db, 'w1').length;
    await expect(again).rejects.toMatchObject({ code: 'file-exists' });
    expect(custodyChain(cache.db, 'w1')).toHaveLength(before);
    const second = await packEvidence({ scope, note, outDir: out.dir, createdAt: Date.parse('2026-03-20T11:05:00Z'), packetId: 'pkt-test-3', retentionHours: 100_000 }, ctx);
    expect(second.path).toMatch(/20260320T110500Z\.zip$/);
    const actions = custodyChain(cache.db, 'w1').map((e) => e.action);
    expect(actions.filter((a) => a === 'note-edited')).toHaveLength(1);
  });
});

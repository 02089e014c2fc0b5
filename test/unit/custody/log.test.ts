import { Ajv } from 'ajv';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../electron/core/cache/database';
import { appendCustody, custodyChain, custodyDocument, custodyJson, verifyChain, type CustodyInput } from '../../../electron/core/custody';
import { AppError } from '../../../electron/core/errors';
import { CUSTODY_ACTIONS, CustodyDocument, CustodyEntry, GENESIS_PREV_HASH } from '../../../shared/schemas/custody';
import { tempCache } from '../../support/cache';
import { ANA, appendReview, SHA_A } from './entries';

type Cache = Awaited<ReturnType<typeof tempCache>>;

const count = (cache: Cache) => (cache.db.prepare('SELECT count(*) AS n FROM custody_log').get() as { n: number }).n;
const validated = (runId: number): CustodyInput<'validated'> => ({ action: 'validated', actor: ANA, subject: { validation_run_id: runId, overall: 'pass' }, artifactSha256: null });

function caught(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

describe('the custody log', () => {
  let cache: Cache;
  beforeEach(async () => {
    cache = await tempCache();
    cache.db.prepare("INSERT INTO workspaces (id, name, kind, api_base_url, created_at) VALUES ('w2', 'Other', 'offline', NULL, '2026-03-20T00:00:00Z')").run();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await cache.close();
  });

  it('appends entries of every action as one hash chain, and reads back exactly what it returned', () => {
    const appended = appendReview(cache.db, 'w1');
    expect(appended.map((e) => e.action)).toEqual([...CUSTODY_ACTIONS]);
    expect(appended.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(appended[0]!.prev_hash).toBe(GENESIS_PREV_HASH);
    appended.slice(1).forEach((entry, i) => expect(entry.prev_hash).toBe(appended[i]!.hash));
    expect(new Set(appended.map((e) => e.hash)).size).toBe(8);
    expect(appended[0]).toEqual({
      seq: 1,
      at: '2026-03-20T10:01:00.000Z',
      action: 'pulled',
      actor: { name: 'Ana Silva', os_user: 'ana' },
      subject: { api_base_url: 'https://api.example.com/v1', bytes: 1024, export_type: 'events', format: 'csv', job_id: 'job_7', original_filename: 'events-20260320.csv' },
      artifact_sha256: SHA_A,
      prev_hash: GENESIS_PREV_HASH,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const chain = custodyChain(cache.db, 'w1');
    expect(chain).toEqual(appended);
    expect(verifyChain(chain)).toEqual([]);
    // Stored canonically, as hashed.
    const row = cache.db.prepare('SELECT actor_json, subject_json, workspace_id FROM custody_log ORDER BY seq LIMIT 1').get();
    expect(row).toEqual({
      actor_json: '{"name":"Ana Silva","os_user":"ana"}',
      subject_json: '{"api_base_url":"https://api.example.com/v1","bytes":1024,"export_type":"events","format":"csv","job_id":"job_7","original_filename":"events-20260320.csv"}',
      workspace_id: 'w1',
    });
  });

  it('computes the known hash for a known first entry', () => {
    const entry = appendCustody(cache.db, 'w2', {
      action: 'imported',
      actor: { name: 'Zo\u00eb \u00c5ngstr\u00f6m', os_user: 'zoe' },
      subject: { original_filename: 'events-2026-03-20.csv', export_type: 'events', format: 'csv', bytes: 0 },
      artifactSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      at: new Date('2026-03-20T10:00:00Z'),
    });
    expect(entry.at).toBe('2026-03-20T10:00:00.000Z');
    expect(entry.hash).toBe('9bb1145c947d1c6855b33aea22c0c83afa08baa0b6550496bd66946ab67f8b11');
  });

  it('takes the current time when none is given', () => {
    const before = Date.now();
    const entry = appendCustody(cache.db, 'w1', validated(1));
    expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(entry.at)).toBeLessThanOrEqual(Date.now());
  });

  it('stores numbers as canonical JSON prints them (-0 becomes 0) and returns them so', () => {
    const entry = appendCustody(cache.db, 'w1', { action: 'validated', actor: ANA, subject: { validation_run_id: -0, overall: 'pass', ratio: 1e21 }, artifactSha256: null });
    expect(Object.is(entry.subject.validation_run_id, 0)).toBe(true);
    expect(custodyChain(cache.db, 'w1')).toEqual([entry]);
    expect(verifyChain([entry])).toEqual([]);
  });

  it('is append-only: the database refuses to edit or delete an entry', () => {
    appendReview(cache.db, 'w1');
    expect(() => cache.db.prepare("UPDATE custody_log SET action = 'pulled' WHERE seq = 2").run()).toThrow(/custody log entries are append-only/);
    expect(() => cache.db.prepare("UPDATE custody_log SET subject_json = '{}'").run()).toThrow(/append-only/);
    expect(() => cache.db.prepare('DELETE FROM custody_log WHERE seq = 4').run()).toThrow(/append-only/);
    expect(() => cache.db.prepare('DELETE FROM custody_log').run()).toThrow(/append-only/);
    expect(verifyChain(custodyChain(cache.db, 'w1'))).toEqual([]);
    expect(count(cache)).toBe(8);
  });

  it('keeps one independent chain per workspace, even when their entries interleave', () => {
    const w1 = [appendCustody(cache.db, 'w1', validated(1))];
    const w2 = [appendCustody(cache.db, 'w2', validated(2))];
    w1.push(appendCustody(cache.db, 'w1', validated(3)));
    w2.push(appendCustody(cache.db, 'w2', validated(4)), appendCustody(cache.db, 'w2', validated(5)));
    w1.push(appendCustody(cache.db, 'w1', validated(6)));
    expect(w1.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(w2.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(w2[0]!.prev_hash).toBe(GENESIS_PREV_HASH);
    expect(w1[1]!.prev_hash).toBe(w1[0]!.hash);
    expect(w2[1]!.prev_hash).toBe(w2[0]!.hash);
    expect(custodyChain(cache.db, 'w1')).toEqual(w1);
    expect(custodyChain(cache.db, 'w2')).toEqual(w2);
    expect(verifyChain(w1)).toEqual([]);
    expect(verifyChain(w2)).toEqual([]);
    // Another workspace's entry does not fit in this chain.
    expect(verifyChain([w1[0], w2[1], w1[2]]).map((f) => f.problem)).toContain('broken-link');
    expect(custodyChain(cache.db, 'nobody')).toEqual([]);
  });

  it('reads a chain up to a given entry (a packet carries its chain through its packed entry)', () => {
    const review = appendReview(cache.db, 'w1');
    const packed = review.find((e) => e.action === 'packed')!;
    const forPacket = custodyChain(cache.db, 'w1', { throughSeq: packed.seq });
    expect(forPacket).toEqual(review.slice(0, 5));
    expect(verifyChain(forPacket)).toEqual([]);
    expect(custodyChain(cache.db, 'w1', { throughSeq: 0 })).toEqual([]);
    const document = custodyDocument(forPacket);
    expect(document.format).toBe('evidence-custody');
    expect(JSON.parse(custodyJson(forPacket))).toEqual(document);
    expect(custodyJson(forPacket)).toBe(custodyJson(custodyChain(cache.db, 'w1', { throughSeq: 5 })));
    expect(custodyJson(forPacket).endsWith('}\n')).toBe(true);
  });

  it('writes entries and documents that match the TypeBox schemas under ajv strict mode', () => {
    const ajv = new Ajv({ strict: true });
    const validEntry = ajv.compile(CustodyEntry);
    const validDocument = ajv.compile(CustodyDocument);
    const review = appendReview(cache.db, 'w1');
    for (const entry of review) expect(validEntry(entry), JSON.stringify(validEntry.errors)).toBe(true);
    expect(validDocument(JSON.parse(custodyJson(review)))).toBe(true);
    expect(validEntry({ ...review[0], hash: 'A'.repeat(64) })).toBe(false);
    expect(validEntry({ ...review[0], at: '2026-03-20T10:00:00+01:00' })).toBe(false);
    expect(validEntry({ ...review[0], subject: { nested: { a: 1 } } })).toBe(false);
    expect(validEntry({ ...review[0], subject: { CamelCase: 'x' } })).toBe(false);
    expect(validEntry({ ...review[0], subject: { flag: true } })).toBe(false);
    expect(validDocument({ format: 'evidence-custody', format_version: 1, entries: [], extra: 1 })).toBe(false);
  });

  it.each([
    ['an API token in a path', { subject: { packet_id: 'p', path: '/home/ana/kt_live_9f8e7d6c5b4a/evidence.zip' } }, 'subject.path', 'api-token', 'kt_live_9f8e7d6c5b4a'],
    ['an API token on its own', { subject: { packet_id: 'kt_live_S3CR3T', path: '/tmp/x.zip' } }, 'subject.packet_id', 'api-token', 'kt_live_S3CR3T'],
    ['a presigned link', { subject: { packet_id: 'p', path: 'https://bucket.s3.amazonaws.com/x.zip?X-Amz-Signature=abc123' } }, 'subject.path', 'signed-url', 'X-Amz-Signature=abc123'],
    ['a URL with a password', { subject: { packet_id: 'p', path: 'https://ana:hunter2@example.com/x' } }, 'subject.path', 'url-credentials', 'hunter2'],
    ['a bearer credential', { subject: { packet_id: 'p', path: 'Authorization: Bearer abcdefghijklmnop' } }, 'subject.path', 'bearer-credential', 'abcdefghijklmnop'],
    ['a private key', { subject: { packet_id: 'p', path: '-----BEGIN PRIVATE KEY-----\nMC4CAQ…' } }, 'subject.path', 'private-key', 'MC4CAQ'],
    ['a field named like a secret', { subject: { packet_id: 'p', path: '/tmp/x.zip', api_token: 'whatever' } }, 'subject.api_token', 'secret-field-name', 'whatever'],
    ['a token as the reviewer name', { actor: { name: 'kt_test_abcdef', os_user: 'ana' } }, 'actor.name', 'api-token', 'kt_test_abcdef'],
  ])('refuses a subject or actor with %s, naming the field but never the value, and writes nothing', (_what, change, field, kind, secret) => {
    const input = { action: 'exported', actor: ANA, subject: { packet_id: 'p', path: '/tmp/x.zip' }, artifactSha256: null, ...change } as CustodyInput<'exported'>;
    const error = caught(() => appendCustody(cache.db, 'w1', input));
    expect(error.code).toBe('invalid-request');
    expect(error.message).toContain(`${field} looks like it holds a secret (${kind})`);
    expect(error.message).toMatch(/Custody entries go into evidence packets/);
    expect(error.details).toEqual({ field, kind });
    expect(JSON.stringify(error.toBridgeError())).not.toContain(secret);
    expect(count(cache)).toBe(0);
  });

  it('accepts ordinary names, paths and URLs without false alarms', () => {
    const entry = appendCustody(cache.db, 'w1', {
      action: 'pulled',
      actor: { name: 'Ana Token-Smith', os_user: 'ana' },
      subject: { job_id: 'job_42', export_type: 'audit-log', format: 'json', original_filename: 'audit-log-2026-03-20T10-00-00Z.json', bytes: 5, download_origin: 'https://storage.example.com/exports/job_42.json', note: 'kt_ prefix alone is fine' },
      artifactSha256: SHA_A,
    });
    expect(entry.seq).toBe(1);
  });

  it('refuses malformed input with a clear error and writes nothing', () => {
    const base = validated(1);
    const refusals: [CustodyInput, RegExp, string][] = [
      [{ ...base, subject: { validation_run_id: Number.NaN, overall: 'pass' } }, /its subject is not plain JSON data \(subject\.validation_run_id: NaN is not a JSON number\)/, 'invalid-request'],
      [{ ...base, subject: { validation_run_id: 1, overall: 'pass', nested: { a: 1 } as never } }, /the entry field \/subject\/nested must be/, 'invalid-request'],
      [{ ...base, subject: { validation_run_id: 1, overall: 'pass', when: new Date() as never } }, /class Date/, 'invalid-request'],
      [{ ...base, artifactSha256: SHA_A.toUpperCase() }, /the entry field \/artifact_sha256/, 'invalid-request'],
      [{ ...base, at: '2026-03-20 10:00' }, /not an RFC 3339 instant in UTC/, 'invalid-request'],
      [{ ...base, at: new Date(Number.NaN) }, /not a valid date/, 'invalid-request'],
      [{ ...base, action: 'shredded' as never }, /"shredded" is not a custody action/, 'invalid-request'],
      [{ ...base, actor: { name: null, os_user: null } }, /neither a name nor an OS user/, 'invalid-request'],
      [{ ...base, actor: { name: '', os_user: 'ana' } }, /the entry field \/actor\/name/, 'invalid-request'],
    ];
    for (const [input, message, code] of refusals) {
      const error = caught(() => appendCustody(cache.db, 'w1', input));
      expect(error.message).toMatch(message);
      expect(error.code).toBe(code);
    }
    const unknown = caught(() => appendCustody(cache.db, 'nobody', base));
    expect(unknown.code).toBe('not-found');
    expect(count(cache)).toBe(0);
  });

  it('joins a caller’s transaction, so an artifact row and its custody entry commit or roll back together', () => {
    const importFile = cache.db.transaction((fail: boolean) => {
      cache.addArtifact('events', 'csv', '/tmp/a.csv');
      appendCustody(cache.db, 'w1', { action: 'imported', actor: ANA, subject: { original_filename: 'a.csv', export_type: 'events', format: 'csv', bytes: 0 }, artifactSha256: SHA_A });
      if (fail) throw new Error('ingest failed');
    });
    expect(() => importFile.immediate(true)).toThrow('ingest failed');
    expect(count(cache)).toBe(0);
    importFile.immediate(false);
    expect(count(cache)).toBe(1);
    expect(verifyChain(custodyChain(cache.db, 'w1'))).toEqual([]);
  });

  it('refuses to repeat another workspace’s first entry byte for byte when the time was given', () => {
    const input = { ...validated(1), at: '2026-03-20T10:00:00.000Z' };
    const first = appendCustody(cache.db, 'w1', input);
    const error = caught(() => appendCustody(cache.db, 'w2', input));
    expect(error.code).toBe('write-failed');
    expect(error.message).toMatch(/identical to one already in the cache/);
    expect(custodyChain(cache.db, 'w2')).toEqual([]);
    expect(custodyChain(cache.db, 'w1')).toEqual([first]);
  });

  it('moves the default time on by a millisecond rather than repeat another workspace’s first entry', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-20T10:00:00.000Z'));
    const first = appendCustody(cache.db, 'w1', validated(1));
    const second = appendCustody(cache.db, 'w2', validated(1));
    expect(first.at).toBe('2026-03-20T10:00:00.000Z');
    expect(second.at).toBe('2026-03-20T10:00:00.001Z');
    expect(second.seq).toBe(1);
    expect(verifyChain([second])).toEqual([]);
  });

  // With a deferred transaction instead of IMMEDIATE, writers that read the same tail collide and one
  // fails with "database is locked" (checked by hand: 4 of 4 runs); with IMMEDIATE they queue.
  it('never forks the chain when several processes append at once', async () => {
    const worker = fileURLToPath(new URL('./append-worker.ts', import.meta.url));
    const run = (label: string) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', worker, cache.file, 'w1', '150', label], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${label} exited ${code}: ${stderr}`))));
      });
    await Promise.all(['p1', 'p2', 'p3', 'p4'].map(run));
    const other = openDatabase(cache.file);
    try {
      const chain = custodyChain(other, 'w1');
      expect(chain).toHaveLength(600);
      expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: 600 }, (_v, i) => i + 1));
      expect(verifyChain(chain)).toEqual([]);
      expect(new Set(chain.map((e) => e.actor.name))).toEqual(new Set(['p1', 'p2', 'p3', 'p4']));
    } finally {
      other.close();
    }
  }, 30_000);
});

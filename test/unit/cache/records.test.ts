import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../electron/core/cache/database';
import { countRecords, queryRecords, type RecordFilter, type RecordQuery } from '../../../electron/core/cache/records';

const T0 = Date.parse('2026-03-20T00:00:00Z');
const VERDICTS = ['allow', 'block', 'escalate', 'redact'] as const;

interface Row {
  artifact: number;
  index: number;
  time: number | null;
  verdict: string | null;
  request: string | null;
  escalation: string | null;
  environment: string;
}

/**
 * Two workspaces: w1 with two files (events 0..239, some of them without a time, in an order that is not
 * their insertion order) and w2 with one file that must never show in w1's answers.
 */
function seed(db: Database): Row[] {
  db.prepare("INSERT INTO workspaces (id, name, kind, api_base_url, created_at) VALUES ('w1', 'One', 'offline', NULL, 'now'), ('w2', 'Two', 'offline', NULL, 'now')").run();
  const artifact = db.prepare(
    "INSERT INTO artifacts (workspace_id, type, format, path, original_filename, bytes, sha256, source, provenance_json, added_at) VALUES (?, 'events', 'csv', 'p', 'f.csv', 0, ?, 'imported', '{}', 'now')",
  );
  const a1 = Number(artifact.run('w1', '1'.repeat(64)).lastInsertRowid);
  const a2 = Number(artifact.run('w1', '2'.repeat(64)).lastInsertRowid);
  const a3 = Number(artifact.run('w2', '3'.repeat(64)).lastInsertRowid);
  const insert = db.prepare(
    `INSERT INTO records (artifact_id, record_index, type, record_id, time_ms, environment, config_version, request_id, escalation_id, verdict, raw)
     VALUES (@artifact, @index, 'events', @recordId, @time, @environment, '0.2.0', @request, @escalation, @verdict, @raw)`,
  );
  const rows: Row[] = [];
  const add = (artifactId: number, index: number, row: Omit<Row, 'artifact' | 'index'>) => {
    rows.push({ artifact: artifactId, index, ...row });
    insert.run({ artifact: artifactId, index, recordId: `evt_${artifactId}_${index}`, ...row, raw: JSON.stringify({ id: `evt_${artifactId}_${index}`, note: index % 50 === 0 ? '100%_sure' : 'ok', ...row }) });
  };
  for (let i = 0; i < 240; i++) {
    const artifactId = i % 3 === 0 ? a2 : a1;
    // Times run backwards in blocks and repeat, so id order and time order differ; every 40th has none.
    const time = i % 40 === 7 ? null : T0 + Math.floor((240 - i) / 4) * 1000;
    const verdict = VERDICTS[i % 4]!;
    add(artifactId, i, { time, verdict, request: `req_${i}`, escalation: verdict === 'escalate' ? `esc_${i}` : null, environment: i % 5 === 0 ? 'staging' : 'production' });
  }
  for (let i = 0; i < 30; i++) add(a3, i, { time: T0 + i, verdict: 'block', request: `req_${i}`, escalation: null, environment: 'production' });
  return rows;
}

/** Every record of w1 matching the filter, in the browser's order (no time first, then time, then id). */
function allPages(db: Database, filter: RecordFilter, limit = 1000): string[] {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = queryRecords(db, { ...filter, limit, ...(cursor ? { cursor } : {}) });
    ids.push(...page.records.map((r) => r.recordId!));
    cursor = page.next ?? undefined;
  } while (cursor);
  return ids;
}

describe('browsing cached records: offset, count, filters', () => {
  let db: Database;
  let w1: Row[];
  beforeEach(() => {
    db = openDatabase(':memory:');
    w1 = seed(db).filter((r) => r.artifact !== 3);
  });
  afterEach(() => db.close());

  it('orders records without a time first, then by time, file and id, and pages through them by cursor without gaps or repeats', () => {
    const everything = queryRecords(db, { workspaceId: 'w1', limit: 1000 }).records;
    expect(everything).toHaveLength(240);
    const untimed = everything.filter((r) => r.timeMs === null);
    expect(everything.slice(0, untimed.length)).toEqual(untimed);
    const key = (r: (typeof everything)[number]) => [r.timeMs ?? -Infinity, r.artifactId, r.id];
    const sorted = [...everything].sort((x, y) => {
      const [a, b] = [key(x), key(y)];
      return a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
    });
    expect(everything).toEqual(sorted);
    // Ties in time across both files, so the order by file is exercised.
    expect(everything.some((r, i) => i > 0 && r.timeMs === everything[i - 1]!.timeMs && r.artifactId !== everything[i - 1]!.artifactId)).toBe(true);
    for (const limit of [1, 5, 7, 64]) expect(allPages(db, { workspaceId: 'w1' }, limit)).toEqual(everything.map((r) => r.recordId));
  });

  it('jumps to an offset: the same rows as the list read from the top, and a cursor that reads on from there', () => {
    const everything = allPages(db, { workspaceId: 'w1' });
    for (const offset of [0, 1, 5, 6, 100, 233]) {
      const page = queryRecords(db, { workspaceId: 'w1', offset, limit: 7 });
      expect(page.records.map((r) => r.recordId)).toEqual(everything.slice(offset, offset + 7));
      if (offset + 7 >= everything.length) {
        expect(page.next).toBeNull();
        continue;
      }
      const next = queryRecords(db, { workspaceId: 'w1', cursor: page.next!, limit: 7 });
      expect(next.records.map((r) => r.recordId)).toEqual(everything.slice(offset + 7, offset + 14));
    }
    expect(queryRecords(db, { workspaceId: 'w1', offset: 235, limit: 5 })).toMatchObject({ next: null });
    expect(queryRecords(db, { workspaceId: 'w1', offset: 240 })).toEqual({ records: [], next: null });
    expect(queryRecords(db, { workspaceId: 'w1', offset: 10_000_000 })).toEqual({ records: [], next: null });
    const blocks = allPages(db, { workspaceId: 'w1', verdict: 'block' });
    expect(queryRecords(db, { workspaceId: 'w1', verdict: 'block', offset: 30, limit: 10 }).records.map((r) => r.recordId)).toEqual(blocks.slice(30, 40));
  });

  it('refuses a cursor and an offset together, and a cursor it did not issue', () => {
    const { next } = queryRecords(db, { workspaceId: 'w1', limit: 3 });
    expect(() => queryRecords(db, { workspaceId: 'w1', cursor: next!, offset: 3 })).toThrow(expect.objectContaining({ code: 'invalid-request', message: expect.stringMatching(/cursor or at an offset, not both/) }));
    expect(() => queryRecords(db, { workspaceId: 'w1', cursor: Buffer.from('1:x').toString('base64url') })).toThrow(expect.objectContaining({ code: 'invalid-request' }));
  });

  it.each<[string, Omit<RecordFilter, 'workspaceId'>, (r: Row) => boolean]>([
    ['nothing', {}, () => true],
    ['verdict', { verdict: 'escalate' }, (r) => r.verdict === 'escalate'],
    ['request id', { requestId: 'req_17' }, (r) => r.request === 'req_17'],
    ['escalation id', { escalationId: 'esc_2' }, (r) => r.escalation === 'esc_2'],
    ['environment', { environment: 'staging' }, (r) => r.environment === 'staging'],
    ['time', { fromMs: T0 + 10_000, toMs: T0 + 20_000 }, (r) => r.time !== null && r.time >= T0 + 10_000 && r.time < T0 + 20_000],
    ['verdict and time', { verdict: 'block', fromMs: T0 + 30_000 }, (r) => r.verdict === 'block' && r.time !== null && r.time >= T0 + 30_000],
    ['type', { type: 'events' }, () => true],
    ['another type', { type: 'traces' }, () => false],
    ['text, with % and _ taken literally', { text: '100%_SURE' }, (r) => r.index % 50 === 0],
    ['an unknown request id', { requestId: 'req_nope' }, () => false],
  ])('counts what the pages hold, filtered by %s, within the workspace', (_label, filter, keep) => {
    const expected = w1.filter(keep).length;
    const pages = allPages(db, { workspaceId: 'w1', ...filter }, 50);
    expect(pages).toHaveLength(expected);
    expect(countRecords(db, { workspaceId: 'w1', ...filter })).toBe(expected);
  });

  it('counts and pages only the workspace asked for', () => {
    expect(countRecords(db, { workspaceId: 'w2' })).toBe(30);
    expect(countRecords(db, { workspaceId: 'w2', requestId: 'req_17' })).toBe(1);
    expect(countRecords(db, { workspaceId: 'nobody' })).toBe(0);
    expect(queryRecords(db, { workspaceId: 'w2', offset: 25 }).records.map((r) => r.recordId)).toEqual(['evt_3_25', 'evt_3_26', 'evt_3_27', 'evt_3_28', 'evt_3_29']);
  });

  describe('query plans (no ANALYZE statistics, so these hold for a cache of any size)', () => {
    /** SQLite's plan for the statement `run` prepares and runs, with the parameters it binds. */
    function planOf(run: () => unknown): string {
      const original = db.prepare.bind(db);
      const ran: { sql?: string; params?: unknown } = {};
      const spy = vi.spyOn(db, 'prepare').mockImplementation(((sql: string) => {
        const statement = original(sql);
        const capture = (method: 'all' | 'get') => (params: unknown) => {
          Object.assign(ran, { sql, params });
          return statement[method](params);
        };
        return Object.assign(Object.create(statement) as object, { all: capture('all'), get: capture('get') });
      }) as typeof db.prepare);
      try {
        run();
      } finally {
        spy.mockRestore();
      }
      return (db.prepare(`EXPLAIN QUERY PLAN ${ran.sql!}`).all(ran.params) as { detail: string }[]).map((r) => r.detail).join('\n');
    }
    const page = (query: Omit<RecordQuery, 'workspaceId'>) => () => queryRecords(db, { workspaceId: 'w1', ...query });
    const count = (filter: Omit<RecordFilter, 'workspaceId'>) => () => countRecords(db, { workspaceId: 'w1', ...filter });

    it('filters by request id and escalation id through their indexes', () => {
      expect(planOf(page({ requestId: 'req_1' }))).toMatch(/SEARCH r USING INDEX records_by_request \(request_id=\?\)/);
      expect(planOf(count({ requestId: 'req_1' }))).toMatch(/SEARCH r USING INDEX records_by_request \(request_id=\?\)/);
      expect(planOf(page({ escalationId: 'esc_2' }))).toMatch(/SEARCH r USING INDEX records_by_escalation \(escalation_id=\?\)/);
      expect(planOf(count({ escalationId: 'esc_2' }))).toMatch(/SEARCH r USING INDEX records_by_escalation \(escalation_id=\?\)/);
    });

    it('walks an index already in (time, file) order for the whole list, a verdict, an environment and a time range: no sort of every row', () => {
      const whole = planOf(page({ offset: 100 }));
      expect(whole).toMatch(/SCAN r USING INDEX records_by_time/);
      const verdict = planOf(page({ verdict: 'block', fromMs: T0 }));
      expect(verdict).toMatch(/SEARCH r USING INDEX records_by_verdict \(verdict=\? AND time_ms>\?\)/);
      const { next } = queryRecords(db, { workspaceId: 'w1', verdict: 'block', fromMs: T0, limit: 3 });
      const after = planOf(page({ verdict: 'block', cursor: next! }));
      expect(after).toMatch(/SEARCH r USING INDEX records_by_verdict \(verdict=\? AND \(time_ms,artifact_id\)>\(\?,\?\)\)/);
      const environment = planOf(page({ environment: 'staging', offset: 10 }));
      expect(environment).toMatch(/SEARCH r USING INDEX records_by_environment \(environment=\?\)/);
      const range = planOf(page({ fromMs: T0, toMs: T0 + 1000 }));
      expect(range).toMatch(/SEARCH r USING INDEX records_by_time \(time_ms>\? AND time_ms<\?\)/);
      for (const plan of [whole, verdict, after, environment, range]) expect(plan).not.toMatch(/TEMP B-TREE/);
    });

    it('counts from an index alone, never reading the records themselves', () => {
      expect(planOf(count({}))).toMatch(/SEARCH r USING COVERING INDEX records_by_position \(artifact_id=\?\)/);
      expect(planOf(count({ type: 'events' }))).toMatch(/SEARCH r USING COVERING INDEX records_by_position \(artifact_id=\?\)/);
      expect(planOf(count({ verdict: 'allow' }))).toMatch(/SEARCH r USING COVERING INDEX records_by_verdict \(verdict=\?\)/);
      expect(planOf(count({ environment: 'staging' }))).toMatch(/SEARCH r USING COVERING INDEX records_by_environment \(environment=\?\)/);
      expect(planOf(count({ fromMs: T0 }))).toMatch(/SEARCH r USING COVERING INDEX records_by_time \(time_ms>\?\)/);
    });
  });
});

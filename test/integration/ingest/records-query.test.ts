import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRecords } from '../../../electron/core/cache/records';
import { ingestArtifact } from '../../../electron/core/ingest/ingest';
import { defaultDataConfig, HOUR_MS } from '../../../electron/sample-api/data-config';
import { serializeExport } from '../../../electron/sample-api/format';
import { recordsInWindow } from '../../../electron/sample-api/generate';
import { tempCache } from '../../support/cache';

const NOW = Date.parse('2026-03-20T10:30:00Z');
const config = defaultDataConfig(6, NOW, { eventsPerHour: 500 });
const events = [...recordsInWindow(config, 'events', NOW - 3 * HOUR_MS, NOW)].map((e) => e.record);

describe('browsing cached records', () => {
  let cache: Awaited<ReturnType<typeof tempCache>>;
  beforeAll(async () => {
    cache = await tempCache();
    const file = await cache.writeExport('events.csv', [...serializeExport('events', 'csv', events)].join(''));
    const artifactId = cache.addArtifact('events', 'csv', file);
    await ingestArtifact(cache.db, { artifactId, type: 'events', format: 'csv', file });
  });
  afterAll(() => cache.close());

  it('pages through everything in time order without gaps or repeats', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = queryRecords(cache.db, { workspaceId: 'w1', limit: 97, ...(cursor ? { cursor } : {}) });
      seen.push(...page.records.map((r) => r.recordId!));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen).toEqual(events.map((e) => e.id));
  });

  it('filters by verdict, request id, escalation id and time', () => {
    const blocks = queryRecords(cache.db, { workspaceId: 'w1', verdict: 'block', limit: 1000 }).records;
    expect(blocks.map((r) => r.recordId)).toEqual(events.filter((e) => e.verdict === 'block').map((e) => e.id));
    const target = events[123]!;
    expect(queryRecords(cache.db, { workspaceId: 'w1', requestId: target.request_id }).records.map((r) => r.recordId)).toEqual([target.id]);
    const escalated = events.find((e) => e.escalation_id)!;
    expect(queryRecords(cache.db, { workspaceId: 'w1', escalationId: escalated.escalation_id! }).records.map((r) => r.recordId)).toEqual([escalated.id]);
    const from = NOW - HOUR_MS;
    const lastHour = queryRecords(cache.db, { workspaceId: 'w1', fromMs: from, toMs: NOW, limit: 1000 }).records;
    expect(lastHour.length).toBe(events.filter((e) => Date.parse(e.timestamp) >= from).length);
  });

  it('finds text anywhere in the raw record, treating % and _ literally', () => {
    const target = events[7]!;
    expect(queryRecords(cache.db, { workspaceId: 'w1', text: target.request_id.slice(4, 14) }).records.map((r) => r.recordId)).toEqual([target.id]);
    expect(queryRecords(cache.db, { workspaceId: 'w1', text: '%' }).records).toEqual([]);
  });

  it('refuses a forged cursor', () => {
    expect(() => queryRecords(cache.db, { workspaceId: 'w1', cursor: 'bm9wZQ' })).toThrow(/cursor/);
  });

  it('sees nothing of another workspace', () => {
    expect(queryRecords(cache.db, { workspaceId: 'other' }).records).toEqual([]);
  });
});

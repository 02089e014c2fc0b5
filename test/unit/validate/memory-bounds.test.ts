import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDuplicates } from '../../../electron/core/validate/checks/content';
import { gatherFacts } from '../../../electron/core/validate/gather';
import { resolveScope } from '../../../electron/core/validate/validate';
import { DEFAULT_SETTINGS } from '../../../electron/core/validate/types';
import { csvColumns } from '../../../shared/schemas/records';

// The duplicate check remembers a bounded number of ids, so a huge or hostile file cannot exhaust memory;
// past the bound it still compares later ids with the remembered ones, and says it did so.
describe('validation memory bounds', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evidence-bounds-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const scope = resolveScope({ window: { from: '2026-03-19T00:00:00Z', to: '2026-03-20T00:00:00Z' }, types: ['events'], request_ids: [], escalation_ids: [] });
  const row = (id: string, minute: number) => `${id},decision,2026-03-19T10:${String(minute).padStart(2, '0')}:00.000Z,allow,ok,gpt-4o,openai,0.1.0,production,req_${id},`;

  async function facts(ids: string[], maxTrackedKeys: number) {
    const file = join(dir, `keeptrusts-events-20260320T000000Z-${maxTrackedKeys}-${ids.length}.csv`);
    await writeFile(file, `${csvColumns.events.join(',')}\r\n${ids.map((id, i) => row(id, i)).join('\r\n')}\r\n`);
    const gathered = await gatherFacts(file, 'events', 'csv', { ...scope, requestIds: new Set(), escalationIds: new Set() }, { maxRecordBytes: DEFAULT_SETTINGS.maxRecordBytes, maxTrackedKeys });
    return { gathered, check: checkDuplicates({ file: { path: file, name: 'f.csv', type: 'events', format: 'csv', job: null }, facts: gathered, scope, settings: DEFAULT_SETTINGS }) };
  }

  it('stops remembering after the bound but still finds repeats of the remembered ids', async () => {
    const { gathered, check } = await facts(['evt_1', 'evt_2', 'evt_3', 'evt_4', 'evt_1', 'evt_4'], 3);
    expect(gathered.keysRemembered).toBe(3);
    expect(gathered.keysTruncated).toBe(true);
    expect(check.status).toBe('fail');
    expect(check.evidence.duplicates).toBe(1);
    expect(check.examples).toEqual([expect.objectContaining({ record: 5, value: 'evt_1' })]);
  });

  it('warns, rather than passes, when nothing repeats but not every id could be remembered', async () => {
    const { check } = await facts(['evt_1', 'evt_2', 'evt_3', 'evt_4', 'evt_5'], 3);
    expect(check.status).toBe('warn');
    expect(check.summary).toMatch(/first 3 distinct/);
    expect(check.fix).toMatch(/shorter windows/);
  });

  it('passes when every id fitted (exactly at the bound) and none repeats', async () => {
    const { gathered, check } = await facts(['evt_1', 'evt_2', 'evt_3'], 3);
    expect([gathered.keysRemembered, gathered.keysTruncated, check.status]).toEqual([3, false, 'pass']);
  });
});

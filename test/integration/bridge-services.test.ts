import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../electron/core/bridge/dispatcher';
import type { CallContext } from '../../electron/core/bridge/services';
import { startDemoBridge, type DemoBridge } from '../support/demo-bridge';
import { custodyChain, verifyChain } from '../../electron/core/custody';
import type { Session } from '../../electron/core/session';
import type { EventName } from '../../shared/bridge/contract';
import type { ArtifactView, PullOutcomeView, RecordView } from '../../shared/bridge/types';
import type { ValidationReport } from '../../shared/schemas/validation';

// The bridge methods of the pull issue, end to end through the dispatcher (schema checks included),
// against the demo sample API and a real cache.
describe('bridge services: preview, pull, records, artifacts, import, cancel', () => {
  let bridge: DemoBridge;
  let session: Session;
  let dir: string;
  let dispatch: Dispatch;
  const events: { name: EventName; payload: unknown }[] = [];
  const ctx: CallContext = { emit: (name, payload) => void events.push({ name, payload }) };

  beforeAll(async () => {
    bridge = await startDemoBridge(ctx);
    ({ session, dir, dispatch } = bridge);
  });
  afterAll(() => bridge.close());

  const call = <T>(method: string, payload: unknown) => bridge.call<T>(method, payload);

  it('previews counts per type before anything is created', async () => {
    const { previews } = await call<{ previews: { type: string; recordCount: number; configVersions: string[] }[] }>('preview', { types: ['events', 'escalations'], window: { time_window: '24h' } });
    expect(previews.map((p) => p.type)).toEqual(['events', 'escalations']);
    expect(previews[0]!.recordCount).toBeGreaterThan(0);
    expect(previews[0]!.configVersions).toEqual(['0.1.0', '0.2.0']);
  });

  it('pulls several types with progress and job-status events, then browses the records', async () => {
    events.length = 0;
    const { outcomes } = await call<{ outcomes: PullOutcomeView[] }>('pull', {
      taskId: 'pull-a',
      exports: [{ type: 'events', format: 'csv' }, { type: 'escalations', format: 'json' }],
      window: { time_window: '6h' },
    });
    expect(outcomes.map((o) => o.status)).toEqual(['pulled', 'pulled']);
    expect(events.some((e) => e.name === 'progress')).toBe(true);
    expect(events.filter((e) => e.name === 'jobStatus').map((e) => (e.payload as { status: string }).status)).toContain('completed');

    const { artifacts } = await call<{ artifacts: ArtifactView[] }>('listArtifacts', {});
    expect(artifacts.map((a) => [a.type, a.source])).toEqual([
      ['events', 'pulled'],
      ['escalations', 'pulled'],
    ]);
    const page = await call<{ records: RecordView[]; next: string | null }>('queryRecords', { type: 'events', verdict: 'escalate', limit: 5 });
    expect(page.records.length).toBeGreaterThan(0);
    expect(page.records.every((r) => r.verdict === 'escalate' && r.escalationId)).toBe(true);
    const escalation = await call<{ records: RecordView[] }>('queryRecords', { type: 'escalations', escalationId: page.records[0]!.escalationId! });
    expect(escalation.records).toHaveLength(1);
  });

  it('imports a file carried in by hand, and recognises it the second time', async () => {
    const { records } = await call<{ records: RecordView[] }>('queryRecords', { type: 'events', limit: 3 });
    const header = 'id,event_type,timestamp,verdict,reason_code,model,provider,config_version,environment,request_id,escalation_id';
    const file = join(dir, 'usb-events.csv');
    await writeFile(file, `${header}\r\n${records.map((r) => Object.values(JSON.parse(r.raw) as Record<string, string>).join(',')).join('\r\n')}\r\n`);
    const first = await call<{ outcomes: { status: string }[] }>('importFiles', { taskId: 'imp-1', files: [{ path: file }] });
    const second = await call<{ outcomes: { status: string }[] }>('importFiles', { taskId: 'imp-2', files: [{ path: file }] });
    expect([first.outcomes[0]!.status, second.outcomes[0]!.status]).toEqual(['imported', 'duplicate']);
  });

  it('cancels a running pull by task id, adding nothing', async () => {
    const before = (await call<{ artifacts: ArtifactView[] }>('listArtifacts', {})).artifacts.length;
    const running = dispatch('pull', { taskId: 'pull-c', exports: [{ type: 'traces', format: 'json' }], window: { time_window: '30d' } }, ctx);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await call('cancelTask', { taskId: 'pull-c' })).toEqual({ cancelled: true });
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await call('cancelTask', { taskId: 'pull-c' })).toEqual({ cancelled: false });
    expect((await call<{ artifacts: ArtifactView[] }>('listArtifacts', {})).artifacts.length).toBe(before);
  });

  it('validates the pulled files against a scope with progress, and keeps the report', async () => {
    const job = session.db.prepare("SELECT raw_json FROM export_jobs WHERE type = 'events' ORDER BY id LIMIT 1").get() as { raw_json: string };
    const window = (JSON.parse(job.raw_json) as { window: { from: string; to: string } }).window;
    const escalate = (await call<{ records: RecordView[] }>('queryRecords', { type: 'events', verdict: 'escalate', limit: 1 })).records[0]!;
    events.length = 0;
    const { runId, report } = await call<{ runId: number; report: ValidationReport }>('validate', {
      taskId: 'val-1',
      artifactIds: [1, 2],
      scope: { window: { relative: '6h', ...window }, types: ['events', 'escalations', 'traces'], request_ids: [escalate.requestId!], escalation_ids: [escalate.escalationId!] },
    });
    expect(report.files.map((f) => [f.type, f.format])).toEqual([
      ['events', 'csv'],
      ['escalations', 'json'],
    ]);
    const status = (file: number, id: string) => report.files[file]!.checks.find((c) => c.id === id)!.status;
    for (const file of [0, 1]) for (const id of ['empty', 'filename-timestamp', 'format', 'integrity', 'duplicates']) expect([file, id, status(file, id)]).toEqual([file, id, 'pass']);
    expect(report.xref.escalation_ids[0]).toMatchObject({ id: escalate.escalationId, status: 'complete' });
    expect(report.limitations).toEqual([expect.objectContaining({ kind: 'missing-type', type: 'traces' })]);
    expect(events.some((e) => e.name === 'progress' && (e.payload as { kind: string }).kind === 'validate')).toBe(true);
    expect(await call('latestValidation', {})).toEqual({ runId, report });
  });

  it('records every pull, import and validation in the workspace custody chain, which verifies', () => {
    const chain = custodyChain(session.db, session.workspace.id);
    expect(chain.map((e) => e.action)).toEqual(['pulled', 'pulled', 'imported', 'validated']);
    expect(chain.every((e) => e.actor.name === 'Ana' && e.actor.os_user === 'ana')).toBe(true);
    const artifacts = session.db.prepare('SELECT sha256 FROM artifacts ORDER BY id').all() as { sha256: string }[];
    expect(chain.slice(0, 3).map((e) => e.artifact_sha256)).toEqual(artifacts.map((a) => a.sha256));
    expect(chain[3]!.subject).toMatchObject({ overall: expect.stringMatching(/^(pass|warn|fail)$/) });
    expect(verifyChain(chain)).toEqual([]);
  });

  it.each([
    ['validate', { taskId: 'v', scope: { window: { from: '2026-03-20T00:00:00Z', to: '2026-03-21T00:00:00Z' }, types: [], request_ids: [], escalation_ids: [], extra: 1 } }],
    ['validate', { taskId: 'v', scope: { window: { from: 'yesterday', to: '2026-03-21T00:00:00Z' }, types: [], request_ids: [], escalation_ids: [] } }],
    ['validate', { taskId: 'v', scope: { window: { from: '2026-03-20T00:00:00Z', to: '2026-03-21T00:00:00Z' }, types: ['logs'], request_ids: [], escalation_ids: [] } }],
    ['pull', { taskId: 'x', exports: [], window: { time_window: '6h' } }],
    ['pull', { taskId: 'x', exports: [{ type: 'events', format: 'xml' }], window: { time_window: '6h' } }],
    ['pull', { taskId: '../etc', exports: [{ type: 'events', format: 'csv' }], window: { time_window: '6h' } }],
    ['preview', { types: ['events'], window: { time_window: '2h' } }],
    ['preview', { types: ['events'], window: { date_from: 'yesterday', date_to: '2026-03-01' } }],
    ['queryRecords', { limit: 5000 }],
    ['queryRecords', { from: '2026-03-20 10:00' }],
    ['importFiles', { taskId: 'i', files: [] }],
  ])('refuses a bad %s request before any work starts', async (method, payload) => {
    expect(await dispatch(method, payload, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../electron/core/bridge/dispatcher';
import type { CallContext } from '../../electron/core/bridge/services';
import { startDemoBridge, type DemoBridge } from '../support/demo-bridge';
import type { SavedScopeView } from '../../shared/bridge/types';
import type { ReviewScope } from '../../shared/schemas/scope';

// Saved review scopes, end to end through the dispatcher (schema checks included) and a real cache.
describe('bridge services: saveScope, listScopes, deleteScope', () => {
  let bridge: DemoBridge;
  let dispatch: Dispatch;
  const ctx: CallContext = { emit: () => {} };

  const scope: ReviewScope = {
    window: { relative: '24h', from: '2026-03-20T10:00:00Z', to: '2026-03-21T10:00:00Z' },
    environment: 'production',
    config_version: '0.2.0',
    types: ['events', 'escalations'],
    request_ids: ['req_1', 'req_2'],
    escalation_ids: ['esc_9'],
    references: ['INC-42'],
    why: 'Quarterly access review.',
    control_tags: ['SOC2:CC7.2'],
  };

  beforeAll(async () => {
    bridge = await startDemoBridge(ctx, { prefix: 'evidence-scopes-' });
    ({ dispatch } = bridge);
  });
  afterAll(() => bridge.close());

  const call = <T>(method: string, payload: unknown) => bridge.call<T>(method, payload);
  const list = async () => (await call<{ scopes: SavedScopeView[] }>('listScopes', {})).scopes;

  let firstId = '';

  it('starts with no saved scopes', async () => {
    expect(await list()).toEqual([]);
  });

  it('saves a scope and lists it back exactly', async () => {
    const saved = await call<{ id: string; name: string; updatedAt: string }>('saveScope', { name: '  Q1 review ', scope });
    expect(saved).toMatchObject({ id: expect.stringMatching(/^scope_[0-9a-f-]{36}$/), name: 'Q1 review', updatedAt: expect.stringMatching(/Z$/) });
    firstId = saved.id;
    expect(await list()).toEqual([{ id: saved.id, name: 'Q1 review', updatedAt: saved.updatedAt, scope }]);
  });

  it('lists the most recently saved first, and an update moves a scope to the top', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await call<{ id: string }>('saveScope', { name: 'Incident INC-7', scope: { ...scope, window: { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' } } });
    expect((await list()).map((s) => s.id)).toEqual([second.id, firstId]);

    await new Promise((resolve) => setTimeout(resolve, 5));
    const changed: ReviewScope = { ...scope, environment: 'staging', request_ids: [] };
    const updated = await call<{ id: string; name: string }>('saveScope', { id: firstId, name: 'Q1 review (staging)', scope: changed });
    expect(updated).toMatchObject({ id: firstId, name: 'Q1 review (staging)' });
    const scopes = await list();
    expect(scopes.map((s) => s.id)).toEqual([firstId, second.id]);
    expect(scopes[0]!.scope).toEqual(changed);
    const row = bridge.session.db.prepare('SELECT created_at, updated_at, workspace_id FROM scopes WHERE id = ?').get(firstId) as { created_at: string; updated_at: string; workspace_id: string };
    expect(row.updated_at > row.created_at).toBe(true);
    expect(row.workspace_id).toBe(bridge.session.workspace.id);
  });

  it('answers not-found when updating a scope that does not exist', async () => {
    expect(await dispatch('saveScope', { id: 'scope_gone', name: 'x', scope }, ctx)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('deletes a scope, once', async () => {
    expect(await call('deleteScope', { id: firstId })).toEqual({ deleted: true });
    expect(await call('deleteScope', { id: firstId })).toEqual({ deleted: false });
    expect((await list()).map((s) => s.id)).not.toContain(firstId);
  });

  it.each([
    ['saveScope', { name: 'no scope' }],
    ['saveScope', { name: '', scope }],
    ['saveScope', { name: '   ', scope }],
    ['saveScope', { name: 'x'.repeat(201), scope }],
    ['saveScope', { name: 'x', scope, extra: true }],
    ['saveScope', { id: '../etc', name: 'x', scope }],
    ['saveScope', { name: 'x', scope: { ...scope, window: { from: 'yesterday', to: '2026-03-21T10:00:00Z' } } }],
    ['saveScope', { name: 'x', scope: { ...scope, types: ['logs'] } }],
    ['saveScope', { name: 'x', scope: { ...scope, request_ids: ['has space'] } }],
    ['saveScope', { name: 'x', scope: { ...scope, control_tags: ['no colon'] } }],
    ['saveScope', { name: 'x', scope: { ...scope, unknown: 1 } }],
    ['listScopes', { all: true }],
    ['deleteScope', {}],
    ['deleteScope', { id: 'a b' }],
  ])('refuses a bad %s request', async (method, payload) => {
    expect(await dispatch(method, payload, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

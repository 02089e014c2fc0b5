import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { FormatScreen } from '../../../renderer/src/screens/format/FormatScreen';
import { ScopeScreen } from '../../../renderer/src/screens/scope/ScopeScreen';
import { emptyAppInfoState, useAppInfo } from '../../../renderer/src/stores/app-info';
import { emptyScopeState, useScope } from '../../../renderer/src/stores/scope';
import type { SavedScopeView } from '../../../shared/bridge/types';
import type { ReviewScope } from '../../../shared/schemas/scope';
import { describedText, installBridge, mountEachTest, ok, settle } from './bridge-double';

/** A bridge with only what the Scope screen calls, keeping saved scopes in memory and recording calls. */
function fakeBridge() {
  const saved: SavedScopeView[] = [];
  let n = 0;
  const { calls } = installBridge({
    preview: () =>
      ok({
        previews: [
          { type: 'events', recordCount: 10, earliest: null, latest: null, environments: ['staging', 'production'], configVersions: ['0.2.0'], countsByVerdict: {} },
          { type: 'escalations', recordCount: 2, earliest: null, latest: null, environments: ['production'], configVersions: ['0.1.0'], countsByVerdict: {} },
        ],
      }),
    listScopes: () => ok({ scopes: [...saved] }),
    saveScope: (request) => {
      const view = { id: request.id ?? `scope_${++n}`, name: request.name, updatedAt: `2026-03-21T10:00:0${n}Z`, scope: request.scope };
      const at = saved.findIndex((s) => s.id === view.id);
      if (at >= 0) saved.splice(at, 1);
      saved.unshift(view);
      return ok({ id: view.id, name: view.name, updatedAt: view.updatedAt });
    },
    deleteScope: () => ok({ deleted: true }),
  });
  return { calls, saved };
}

const ui = mountEachTest();
let fake: ReturnType<typeof fakeBridge>;
beforeEach(() => {
  fake = fakeBridge();
  useScope.setState(emptyScopeState());
  useAppInfo.setState({ state: emptyAppInfoState() });
});

describe('the Scope screen', () => {
  it('labels every control and groups them in fieldsets with legends', async () => {
    ui.render(<ScopeScreen />);
    await settle();
    expect([...ui.container.querySelectorAll('legend')].map((l) => l.textContent)).toEqual([
      'Time window',
      'How far back',
      'Environment and config version',
      'Export types',
      'IDs and references to cross-reference',
      'Why',
      'Save and reload',
    ]);
    for (const control of ui.container.querySelectorAll('input, textarea')) {
      const labelled = control.id ? ui.container.querySelector(`label[for="${control.id}"]`) : control.closest('label');
      expect(labelled, control.outerHTML).not.toBeNull();
    }
    expect(fake.calls.map((c) => c.method)).toEqual(['listScopes']);
  });

  it('parses pasted IDs with mixed separators, counts them and shows problems inline', async () => {
    ui.render(<ScopeScreen />);
    const requests = ui.field<HTMLTextAreaElement>('Request IDs');
    ui.type(requests, 'req_1, req_2\nreq_3 req_1\treq_4');
    expect(ui.$('#scope-request-ids-count').textContent).toBe('4 request IDs (1 repeated entry dropped)');
    const escalations = ui.field<HTMLTextAreaElement>('Escalation IDs');
    ui.type(escalations, 'esc_1\nreq_9');
    expect(ui.$('#scope-escalation-ids-count').textContent).toBe('2 escalation IDs');
    expect(describedText(escalations)).toMatch(/Check: “req_9” looks like a request ID, not an escalation ID\./);
    expect(escalations.getAttribute('aria-invalid')).toBeNull();
    expect(useScope.getState().lists.escalationIds.values).toEqual(['esc_1', 'req_9']);
  });

  it('switches to an absolute window entered in UTC and shows the resolved instants', async () => {
    ui.render(<ScopeScreen />);
    act(() => ui.field('Absolute').click());
    const from = ui.field('From (UTC)');
    const to = ui.field('To (UTC)');
    ui.type(from, '2026-03-20T10:00');
    ui.type(to, '2026-03-20T12:30:15');
    expect(ui.$('[data-testid=resolved-window]').textContent).toMatch(/From 2026-03-20T10:00:00Z \(.* local\) to 2026-03-20T12:30:15Z \(.* local\)/);
    expect(describedText(from)).toContain('2026-03-20T10:00:00Z');
  });

  it('offers the environments and config versions of the preview, for the chosen types and window', async () => {
    ui.render(<ScopeScreen />);
    act(() => ui.field('Last 7 days').click());
    act(() => ui.field('Traces').click());
    await act(async () => ui.button('Fetch from the API')!.click());
    expect(fake.calls.find((c) => c.method === 'preview')!.request).toEqual({ types: ['events', 'escalations', 'traces'], window: { time_window: '7d' } });
    expect([...ui.container.querySelectorAll('#scope-environments option')].map((o) => o.getAttribute('value'))).toEqual(['production', 'staging']);
    expect([...ui.container.querySelectorAll('#scope-config-versions option')].map((o) => o.getAttribute('value'))).toEqual(['0.1.0', '0.2.0']);
    expect(ui.$('#scope-source-status').textContent).toMatch(/holds 12 records/);
  });

  it('explains that fetching is unavailable in offline mode', () => {
    useAppInfo.setState({
      state: { status: 'ready', info: { name: 'x', version: '0', runtime: 'test-host', versions: { node: '', v8: '', electron: null, chrome: null }, platform: '', arch: '', dataSource: { kind: 'offline' } } },
    });
    ui.render(<ScopeScreen />);
    expect(ui.button('Fetch from the API')!.disabled).toBe(true);
    expect(ui.$('#scope-source-status').textContent).toMatch(/offline mode/);
  });

  it('puts errors next to their fields when saving, then saves, lists and reloads the scope', async () => {
    ui.render(<ScopeScreen />);
    await settle();
    act(() => ui.field('Events').click());
    act(() => ui.field('Escalations').click());
    ui.type(ui.field('Scope name'), 'Q1 review');
    await act(async () => ui.button('Save scope')!.click());
    const why = ui.field<HTMLTextAreaElement>('Why the evidence');
    expect(why.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(why)).toContain('Say why the evidence is being exported.');
    expect(ui.$('#scope-types-error').textContent).toBe('Choose at least one export type.');
    expect(fake.calls.some((c) => c.method === 'saveScope')).toBe(false);

    ui.type(why, 'Quarterly access review.');
    expect(why.getAttribute('aria-invalid')).toBeNull();
    act(() => ui.field('Audit log').click());
    ui.type(ui.field('Environment'), 'production');
    ui.type(ui.field<HTMLTextAreaElement>('Request IDs'), 'req_1 req_2');
    ui.type(ui.field('Control tags'), 'SOC2:CC7.2, ISO27001:A.8.15');
    await act(async () => ui.button('Save scope')!.click());
    await settle();
    const request = fake.calls.find((c) => c.method === 'saveScope')!.request as { name: string; scope: ReviewScope };
    expect(request.name).toBe('Q1 review');
    expect(request.scope).toMatchObject({ window: { relative: '24h' }, environment: 'production', types: ['audit-log'], request_ids: ['req_1', 'req_2'], why: 'Quarterly access review.', control_tags: ['SOC2:CC7.2', 'ISO27001:A.8.15'] });
    expect(ui.$('#scope-save-status').textContent).toMatch(/^Saved “Q1 review”/);
    expect(ui.container.querySelector('.saved-scopes')!.textContent).toContain('Q1 review');

    // Start over, then load the saved scope back.
    act(() => useScope.getState().reset());
    await act(async () => useScope.getState().listSaved());
    expect(ui.field<HTMLTextAreaElement>('Why the evidence').value).toBe('');
    act(() => ui.container.querySelector<HTMLButtonElement>('button[aria-label="Load “Q1 review”"]')!.click());
    expect(ui.field<HTMLTextAreaElement>('Why the evidence').value).toBe('Quarterly access review.');
    expect(ui.field('Environment').value).toBe('production');
    expect(ui.field<HTMLTextAreaElement>('Request IDs').value).toBe('req_1\nreq_2');
    expect(ui.field('Audit log').checked).toBe(true);
    expect(ui.field('Events').checked).toBe(false);
    expect(ui.field('Scope name').value).toBe('Q1 review');

    // Saving under the same name updates it rather than adding a copy.
    await act(async () => ui.button('Save scope')!.click());
    await settle();
    expect((fake.calls.filter((c) => c.method === 'saveScope')[1]!.request as { id?: string }).id).toBe('scope_1');
    expect(fake.saved).toHaveLength(1);
  });
});

describe('the Format screen', () => {
  it('offers CSV or JSON per chosen type with the docs’ guidance, and keeps the choice', () => {
    ui.render(<FormatScreen />);
    expect([...ui.container.querySelectorAll('legend')].map((l) => l.textContent)).toEqual(['Events', 'Escalations']);
    expect(ui.container.textContent).toContain('Choose CSV for spreadsheet review, ticket attachments, or executive summaries.');
    expect(ui.container.textContent).toContain('Choose JSON when another system or a technical reviewer needs the full event structure.');
    const json = ui.container.querySelector<HTMLInputElement>('input[name="format-escalations"][value="json"]')!;
    expect(describedText(json)).toMatch(/^Choose JSON/);
    act(() => json.click());
    expect(useScope.getState().draft.formats).toMatchObject({ events: 'csv', escalations: 'json' });
  });

  it('sends the reviewer back to Scope when no type is chosen', () => {
    useScope.getState().setField('types', []);
    ui.render(<FormatScreen />);
    expect(ui.button('Choose export types on the Scope step')).toBeDefined();
  });
});

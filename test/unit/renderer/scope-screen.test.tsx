import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FormatScreen } from '../../../renderer/src/screens/format/FormatScreen';
import { ScopeScreen } from '../../../renderer/src/screens/scope/ScopeScreen';
import { emptyAppInfoState, useAppInfo } from '../../../renderer/src/stores/app-info';
import { emptyScopeState, useScope } from '../../../renderer/src/stores/scope';
import type { SavedScopeView } from '../../../shared/bridge/types';
import type { ReviewScope } from '../../../shared/schemas/scope';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A bridge with only what the Scope screen calls, keeping saved scopes in memory and recording calls. */
function fakeBridge() {
  const calls: { method: string; request: unknown }[] = [];
  const saved: SavedScopeView[] = [];
  let n = 0;
  const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });
  const bridge = {
    preview: (request: unknown) => {
      calls.push({ method: 'preview', request });
      return ok({
        previews: [
          { type: 'events', recordCount: 10, earliest: null, latest: null, environments: ['staging', 'production'], configVersions: ['0.2.0'], countsByVerdict: {} },
          { type: 'escalations', recordCount: 2, earliest: null, latest: null, environments: ['production'], configVersions: ['0.1.0'], countsByVerdict: {} },
        ],
      });
    },
    listScopes: (request: unknown) => {
      calls.push({ method: 'listScopes', request });
      return ok({ scopes: [...saved] });
    },
    saveScope: (request: { id?: string; name: string; scope: ReviewScope }) => {
      calls.push({ method: 'saveScope', request });
      const view = { id: request.id ?? `scope_${++n}`, name: request.name, updatedAt: `2026-03-21T10:00:0${n}Z`, scope: request.scope };
      const at = saved.findIndex((s) => s.id === view.id);
      if (at >= 0) saved.splice(at, 1);
      saved.unshift(view);
      return ok({ id: view.id, name: view.name, updatedAt: view.updatedAt });
    },
    deleteScope: (request: { id: string }) => {
      calls.push({ method: 'deleteScope', request });
      return ok({ deleted: true });
    },
    on: () => () => {},
  };
  return { bridge, calls, saved };
}

let container: HTMLDivElement;
let root: Root;
let fake: ReturnType<typeof fakeBridge>;

beforeEach(() => {
  fake = fakeBridge();
  Object.defineProperty(window, 'evidence', { value: fake.bridge, configurable: true });
  useScope.setState(emptyScopeState());
  useAppInfo.setState({ state: emptyAppInfoState() });
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  Reflect.deleteProperty(window, 'evidence');
});

const flush = () => act(async () => void (await new Promise((resolve) => setTimeout(resolve, 0))));
const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector)!;
const byLabel = <T extends HTMLElement = HTMLInputElement>(text: string) => {
  const label = [...container.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(text));
  if (!label) throw new Error(`no label ${text}`);
  return (label.htmlFor ? container.querySelector(`#${label.htmlFor}`) : label.querySelector('input')) as T;
};
const button = (text: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === text)!;

/** Types into a controlled input or textarea the way React notices. */
function type(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  act(() => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const describedText = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');

describe('the Scope screen', () => {
  it('labels every control and groups them in fieldsets with legends', async () => {
    act(() => root.render(<ScopeScreen />));
    await flush();
    expect([...container.querySelectorAll('legend')].map((l) => l.textContent)).toEqual([
      'Time window',
      'How far back',
      'Environment and config version',
      'Export types',
      'IDs and references to cross-reference',
      'Why',
      'Save and reload',
    ]);
    for (const control of container.querySelectorAll('input, textarea')) {
      const labelled = control.id ? container.querySelector(`label[for="${control.id}"]`) : control.closest('label');
      expect(labelled, control.outerHTML).not.toBeNull();
    }
    expect(fake.calls.map((c) => c.method)).toEqual(['listScopes']);
  });

  it('parses pasted IDs with mixed separators, counts them and shows problems inline', async () => {
    act(() => root.render(<ScopeScreen />));
    const requests = byLabel<HTMLTextAreaElement>('Request IDs');
    type(requests, 'req_1, req_2\nreq_3 req_1\treq_4');
    expect($('#scope-request-ids-count').textContent).toBe('4 request IDs (1 repeated entry dropped)');
    const escalations = byLabel<HTMLTextAreaElement>('Escalation IDs');
    type(escalations, 'esc_1\nreq_9');
    expect($('#scope-escalation-ids-count').textContent).toBe('2 escalation IDs');
    expect(describedText(escalations)).toMatch(/Check: “req_9” looks like a request ID, not an escalation ID\./);
    expect(escalations.getAttribute('aria-invalid')).toBeNull();
    expect(useScope.getState().lists.escalationIds.values).toEqual(['esc_1', 'req_9']);
  });

  it('switches to an absolute window entered in UTC and shows the resolved instants', async () => {
    act(() => root.render(<ScopeScreen />));
    act(() => byLabel('Absolute').click());
    const from = byLabel('From (UTC)');
    const to = byLabel('To (UTC)');
    type(from, '2026-03-20T10:00');
    type(to, '2026-03-20T12:30:15');
    expect($('[data-testid=resolved-window]').textContent).toMatch(/From 2026-03-20T10:00:00Z \(.* local\) to 2026-03-20T12:30:15Z \(.* local\)/);
    expect(describedText(from)).toContain('2026-03-20T10:00:00Z');
  });

  it('offers the environments and config versions of the preview, for the chosen types and window', async () => {
    act(() => root.render(<ScopeScreen />));
    act(() => byLabel('Last 7 days').click());
    act(() => byLabel('Traces').click());
    await act(async () => button('Fetch from the API').click());
    expect(fake.calls.find((c) => c.method === 'preview')!.request).toEqual({ types: ['events', 'escalations', 'traces'], window: { time_window: '7d' } });
    expect([...container.querySelectorAll('#scope-environments option')].map((o) => o.getAttribute('value'))).toEqual(['production', 'staging']);
    expect([...container.querySelectorAll('#scope-config-versions option')].map((o) => o.getAttribute('value'))).toEqual(['0.1.0', '0.2.0']);
    expect($('#scope-source-status').textContent).toMatch(/holds 12 records/);
  });

  it('explains that fetching is unavailable in offline mode', () => {
    useAppInfo.setState({
      state: { status: 'ready', info: { name: 'x', version: '0', runtime: 'test-host', versions: { node: '', v8: '', electron: null, chrome: null }, platform: '', arch: '', dataSource: { kind: 'offline' } } },
    });
    act(() => root.render(<ScopeScreen />));
    expect(button('Fetch from the API').disabled).toBe(true);
    expect($('#scope-source-status').textContent).toMatch(/offline mode/);
  });

  it('puts errors next to their fields when saving, then saves, lists and reloads the scope', async () => {
    act(() => root.render(<ScopeScreen />));
    await flush();
    act(() => byLabel('Events').click());
    act(() => byLabel('Escalations').click());
    type(byLabel('Scope name'), 'Q1 review');
    await act(async () => button('Save scope').click());
    const why = byLabel<HTMLTextAreaElement>('Why the evidence');
    expect(why.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(why)).toContain('Say why the evidence is being exported.');
    expect($('#scope-types-error').textContent).toBe('Choose at least one export type.');
    expect(fake.calls.some((c) => c.method === 'saveScope')).toBe(false);

    type(why, 'Quarterly access review.');
    expect(why.getAttribute('aria-invalid')).toBeNull();
    act(() => byLabel('Audit log').click());
    type(byLabel('Environment'), 'production');
    type(byLabel<HTMLTextAreaElement>('Request IDs'), 'req_1 req_2');
    type(byLabel('Control tags'), 'SOC2:CC7.2, ISO27001:A.8.15');
    await act(async () => button('Save scope').click());
    await flush();
    const request = fake.calls.find((c) => c.method === 'saveScope')!.request as { name: string; scope: ReviewScope };
    expect(request.name).toBe('Q1 review');
    expect(request.scope).toMatchObject({ window: { relative: '24h' }, environment: 'production', types: ['audit-log'], request_ids: ['req_1', 'req_2'], why: 'Quarterly access review.', control_tags: ['SOC2:CC7.2', 'ISO27001:A.8.15'] });
    expect($('#scope-save-status').textContent).toMatch(/^Saved “Q1 review”/);
    expect(container.querySelector('.saved-scopes')!.textContent).toContain('Q1 review');

    // Start over, then load the saved scope back.
    act(() => useScope.getState().reset());
    await act(async () => useScope.getState().listSaved());
    expect(byLabel<HTMLTextAreaElement>('Why the evidence').value).toBe('');
    act(() => container.querySelector<HTMLButtonElement>('button[aria-label="Load “Q1 review”"]')!.click());
    expect(byLabel<HTMLTextAreaElement>('Why the evidence').value).toBe('Quarterly access review.');
    expect(byLabel('Environment').value).toBe('production');
    expect(byLabel<HTMLTextAreaElement>('Request IDs').value).toBe('req_1\nreq_2');
    expect(byLabel('Audit log').checked).toBe(true);
    expect(byLabel('Events').checked).toBe(false);
    expect(byLabel('Scope name').value).toBe('Q1 review');

    // Saving under the same name updates it rather than adding a copy.
    await act(async () => button('Save scope').click());
    await flush();
    expect((fake.calls.filter((c) => c.method === 'saveScope')[1]!.request as { id?: string }).id).toBe('scope_1');
    expect(fake.saved).toHaveLength(1);
  });
});

describe('the Format screen', () => {
  it('offers CSV or JSON per chosen type with the docs’ guidance, and keeps the choice', () => {
    act(() => root.render(<FormatScreen />));
    expect([...container.querySelectorAll('legend')].map((l) => l.textContent)).toEqual(['Events', 'Escalations']);
    expect(container.textContent).toContain('Choose CSV for spreadsheet review, ticket attachments, or executive summaries.');
    expect(container.textContent).toContain('Choose JSON when another system or a technical reviewer needs the full event structure.');
    const json = container.querySelector<HTMLInputElement>('input[name="format-escalations"][value="json"]')!;
    expect(describedText(json)).toMatch(/^Choose JSON/);
    act(() => json.click());
    expect(useScope.getState().draft.formats).toMatchObject({ events: 'csv', escalations: 'json' });
  });

  it('sends the reviewer back to Scope when no type is chosen', () => {
    useScope.getState().setField('types', []);
    act(() => root.render(<FormatScreen />));
    expect(button('Choose export types on the Scope step')).toBeDefined();
  });
});

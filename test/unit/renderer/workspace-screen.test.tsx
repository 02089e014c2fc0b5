import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionCheckView, WorkspaceView } from '../../../shared/bridge/types';
import type { Result } from '../../../shared/result';
import { WorkspaceScreen } from '../../../renderer/src/screens/workspace/WorkspaceScreen';
import { emptyAppInfoState, useAppInfo } from '../../../renderer/src/stores/app-info';
import { emptyPullState, usePull } from '../../../renderer/src/stores/pull';
import { apiBaseUrlProblem, DRAFT_CHECK, emptyWorkspacesState, useWorkspaces, workspaceFormProblems } from '../../../renderer/src/stores/workspaces';
import { describedText, installBridge, mountEachTest, ok, settle } from './bridge-double';

const DEMO: WorkspaceView = { id: 'demo', name: 'Demo workspace (sample data)', kind: 'demo', apiBaseUrl: 'http://127.0.0.1:4010', token: null, current: true };
const ACME: WorkspaceView = { id: 'ws_acme', name: 'Acme production', kind: 'keeptrusts', apiBaseUrl: 'https://api.acme.example', token: { masked: 'kt_live_…1a2b', storage: 'os-keyring' }, current: false };
const AIRGAP: WorkspaceView = { id: 'ws_air', name: 'Air-gapped review', kind: 'offline', apiBaseUrl: null, token: null, current: false };

/** A bridge with what the Workspace step calls: workspaces kept in memory, calls recorded, checks answered as told. */
function fakeBridge() {
  let workspaces: WorkspaceView[] = [DEMO, ACME, AIRGAP];
  let checkAnswer: ConnectionCheckView = { status: 'ok', message: 'Connected: Keeptrusts accepted the token, and it may export evidence.', hint: 'You can pull evidence through this workspace.', eventsLastHour: 412 };
  let pendingCheck: ((r: Result<ConnectionCheckView>) => void) | null = null;
  let holdChecks = false;
  let n = 0;
  const { calls } = installBridge({
    listWorkspaces: () => ok({ workspaces: [...workspaces] }),
    saveWorkspace: (request) => {
      const existing = workspaces.find((w) => w.id === request.id);
      const view: WorkspaceView = {
        id: request.id ?? `ws_${++n}`,
        name: request.name,
        kind: request.kind,
        apiBaseUrl: request.apiBaseUrl ?? null,
        token: request.kind === 'keeptrusts' ? (request.token ? { masked: `${request.token.slice(0, 3)}…${request.token.slice(-4)}`, storage: 'this-session-only' } : (existing?.token ?? null)) : null,
        current: false,
      };
      workspaces = existing ? workspaces.map((w) => (w.id === view.id ? view : w)) : [...workspaces, view];
      return ok({ workspace: view, workspaces: [...workspaces] });
    },
    removeWorkspace: (request) => {
      workspaces = workspaces.filter((w) => w.id !== request.id);
      return ok({ removed: true, workspaces: [...workspaces] });
    },
    openWorkspace: (request) => {
      workspaces = workspaces.map((w) => ({ ...w, current: w.id === request.id }));
      return ok({ workspace: workspaces.find((w) => w.id === request.id)! });
    },
    checkConnection: () => (holdChecks ? new Promise((resolve) => (pendingCheck = resolve)) : ok(checkAnswer)),
    appInfo: () => ok({ name: 'x', version: '0', runtime: 'test-host', versions: { node: '', v8: '', electron: null, chrome: null }, platform: '', arch: '', dataSource: { kind: 'offline' } }),
  });
  return {
    calls,
    answerChecksWith: (answer: ConnectionCheckView) => (checkAnswer = answer),
    holdChecks: () => (holdChecks = true),
    releaseCheck: (r: Result<ConnectionCheckView>) => pendingCheck?.(r),
  };
}

const ui = mountEachTest();
let fake: ReturnType<typeof fakeBridge>;
beforeEach(() => {
  fake = fakeBridge();
  useWorkspaces.setState(emptyWorkspacesState());
  useAppInfo.setState({ state: emptyAppInfoState() });
  usePull.setState(emptyPullState());
});

async function render() {
  ui.render(<WorkspaceScreen />);
  await settle();
}

describe('the API address rule', () => {
  it('takes https anywhere and plain http only on this computer', () => {
    expect(apiBaseUrlProblem('https://api.keeptrusts.com')).toBeUndefined();
    expect(apiBaseUrlProblem('https://self-hosted.example/api/')).toBeUndefined();
    expect(apiBaseUrlProblem('http://localhost:8080')).toBeUndefined();
    expect(apiBaseUrlProblem('http://127.0.0.1:4010')).toBeUndefined();
    expect(apiBaseUrlProblem('http://[::1]:4010')).toBeUndefined();
    expect(apiBaseUrlProblem('')).toMatch(/Enter the API address/);
    expect(apiBaseUrlProblem('api.keeptrusts.com')).toMatch(/not a web address/);
    expect(apiBaseUrlProblem('http://api.keeptrusts.com')).toMatch(/only allowed for an API on this computer/);
    expect(apiBaseUrlProblem('ftp://api.keeptrusts.com')).toMatch(/must start with https:\/\//);
    expect(apiBaseUrlProblem('https://user:pw@api.keeptrusts.com')).toMatch(/Leave out any user name/);
  });

  it('asks for a token for a new Keeptrusts workspace, not when editing one that has one', () => {
    const form = { kind: 'keeptrusts' as const, name: 'A', apiBaseUrl: 'https://a.example', token: '' };
    expect(workspaceFormProblems(form)).toEqual({ token: expect.stringMatching(/Paste the API token/) });
    expect(workspaceFormProblems(form, ACME)).toEqual({});
    expect(workspaceFormProblems({ ...form, name: ' ' }, null, true)).toEqual({ token: expect.any(String) });
    expect(workspaceFormProblems({ kind: 'offline', name: 'Offline', apiBaseUrl: 'junk', token: '' })).toEqual({});
  });
});

describe('the Workspace screen', () => {
  it('lists the demo (marked as demo data), Keeptrusts APIs with the masked token and where it is kept, and offline ones', async () => {
    await render();
    const demo = ui.$('[data-testid=workspace-demo]');
    expect(demo.textContent).toContain('Demo — sample data, not real traffic');
    expect(demo.textContent).toContain('Current workspace');
    expect(demo.textContent).toContain('not evidence of real traffic');
    expect(ui.button('Remove…', demo)).toBeUndefined();
    const acme = ui.$('[data-testid=workspace-ws_acme]');
    expect(acme.querySelector('[data-testid=token]')!.textContent).toBe('kt_live_…1a2b, kept in the OS keyring.');
    expect(acme.textContent).toContain('https://api.acme.example');
    const air = ui.$('[data-testid=workspace-ws_air]');
    expect(air.textContent).toContain('Offline: no API');
    expect(ui.button('Check connection of “Air-gapped review”', air)).toBeUndefined();
    for (const control of ui.container.querySelectorAll('input')) {
      const labelled = control.id ? ui.container.querySelector(`label[for="${control.id}"]`) : control.closest('label');
      expect(labelled, control.outerHTML).not.toBeNull();
    }
    expect(ui.$<HTMLInputElement>('#ws-token').type).toBe('password');
  });

  it('validates inline: name, an https (or localhost) address and a token', async () => {
    await render();
    await act(async () => ui.button('Add workspace')!.click());
    const name = ui.$<HTMLInputElement>('#ws-name');
    const url = ui.$<HTMLInputElement>('#ws-url');
    const token = ui.$<HTMLInputElement>('#ws-token');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(name)).toContain('Give the workspace a name.');
    expect(describedText(url)).toContain('Enter the API address');
    expect(describedText(token)).toContain('Paste the API token');
    ui.type(url, 'http://api.acme.example');
    expect(describedText(url)).toContain('only allowed for an API on this computer (http://localhost…)');
    ui.type(url, 'https://api.acme.example');
    expect(url.getAttribute('aria-invalid')).toBeNull();
    expect(fake.calls.some((c) => c.method === 'saveWorkspace')).toBe(false);
  });

  it('saves a Keeptrusts workspace, clears the token field and shows only the masked token and where it is kept', async () => {
    await render();
    ui.type(ui.$('#ws-name'), 'Acme staging');
    ui.type(ui.$('#ws-url'), 'https://staging.acme.example');
    ui.type(ui.$('#ws-token'), 'kt_live_secret_9z9z');
    await act(async () => ui.button('Add workspace')!.click());
    await settle();
    expect(fake.calls.find((c) => c.method === 'saveWorkspace')!.request).toEqual({ name: 'Acme staging', kind: 'keeptrusts', apiBaseUrl: 'https://staging.acme.example', token: 'kt_live_secret_9z9z' });
    expect(ui.$<HTMLInputElement>('#ws-token').value).toBe('');
    expect(ui.container.textContent).not.toContain('kt_live_secret_9z9z');
    const status = ui.$('[data-testid=save-status]').textContent;
    expect(status).toContain('Added “Acme staging”. Token kt_…9z9z, kept for this session only — the system has no keyring; you will be asked again after a restart.');
    expect(ui.$('[data-testid=workspace-ws_1]').textContent).toContain('Acme staging');
  });

  it('adds an offline workspace without address or token', async () => {
    await render();
    act(() => ui.$<HTMLInputElement>('input[value=offline]').click());
    expect(ui.container.querySelector('#ws-url')).toBeNull();
    expect(ui.container.querySelector('#ws-token')).toBeNull();
    ui.type(ui.$('#ws-name'), 'USB stick');
    await act(async () => ui.button('Add workspace')!.click());
    expect(fake.calls.find((c) => c.method === 'saveWorkspace')!.request).toEqual({ name: 'USB stick', kind: 'offline' });
  });

  it('edits a workspace keeping the stored token when the field is left empty', async () => {
    await render();
    act(() => ui.button('Edit “Acme production”')!.click());
    expect(ui.$('#ws-form-heading').textContent).toBe('Edit “Acme production”');
    expect(document.activeElement).toBe(ui.$('#ws-form-heading'));
    expect(ui.$<HTMLInputElement>('#ws-name').value).toBe('Acme production');
    expect(ui.$<HTMLInputElement>('#ws-token').value).toBe('');
    expect(describedText(ui.$('#ws-token'))).toContain('Leave empty to keep the stored token (kt_live_…1a2b, kept in the OS keyring)');
    ui.type(ui.$('#ws-name'), 'Acme prod');
    await act(async () => ui.button('Save changes')!.click());
    expect(fake.calls.find((c) => c.method === 'saveWorkspace')!.request).toEqual({ id: 'ws_acme', name: 'Acme prod', kind: 'keeptrusts', apiBaseUrl: 'https://api.acme.example' });
    expect(ui.$('#ws-form-heading').textContent).toBe('Add a workspace');
  });

  it('checks the address and token being typed and says what is wrong', async () => {
    await render();
    await act(async () => ui.button('Check connection', ui.$('form'))!.click());
    expect(fake.calls.some((c) => c.method === 'checkConnection')).toBe(false);
    expect(describedText(ui.$('#ws-url'))).toContain('Enter the API address');
    expect(ui.$('#ws-name').getAttribute('aria-invalid')).toBeNull();

    fake.answerChecksWith({ status: 'bad-token', message: 'Keeptrusts did not accept the API token.', hint: 'Check the token in the workspace settings: it may be mistyped, expired or revoked.', eventsLastHour: null });
    ui.type(ui.$('#ws-url'), 'http://localhost:4010');
    ui.type(ui.$('#ws-token'), 'kt_wrong');
    await act(async () => ui.button('Check connection', ui.$('form'))!.click());
    expect(fake.calls.find((c) => c.method === 'checkConnection')!.request).toEqual({ apiBaseUrl: 'http://localhost:4010', token: 'kt_wrong' });
    const alert = ui.$('[data-testid=check-draft] [role=alert]');
    expect(alert.textContent).toBe('Bad token. Keeptrusts did not accept the API token.Check the token in the workspace settings: it may be mistyped, expired or revoked.');

    // Changing the token forgets the answer: it was about the old one.
    ui.type(ui.$('#ws-token'), 'kt_other');
    expect(ui.$('[data-testid=check-draft]').textContent).toBe('');
  });

  it('drops the answer of a check for what was typed before', async () => {
    fake.holdChecks();
    const running = useWorkspaces.getState().checkDraft('https://a.example', 'kt_1');
    expect(useWorkspaces.getState().checks[DRAFT_CHECK]).toEqual({ status: 'checking' });
    useWorkspaces.getState().clearCheck(DRAFT_CHECK);
    fake.releaseCheck({ ok: true, value: { status: 'ok', message: 'm', hint: 'h', eventsLastHour: 1 } });
    await running;
    expect(useWorkspaces.getState().checks[DRAFT_CHECK]).toBeUndefined();
  });

  it('checks a saved workspace by id: ok with the events of the last hour, or missing scope', async () => {
    await render();
    await act(async () => ui.button('Check connection of “Acme production”')!.click());
    expect(fake.calls.find((c) => c.method === 'checkConnection')!.request).toEqual({ id: 'ws_acme' });
    const check = ui.$('[data-testid=check-ws_acme]');
    expect(check.textContent).toContain('Connection OK.');
    expect(check.textContent).toContain('The API holds 412 events from the last hour.');
    expect(check.querySelector('[role=alert]')).toBeNull();

    fake.answerChecksWith({ status: 'missing-scope', message: 'The API token works but is not allowed to export evidence.', hint: 'Ask a Keeptrusts admin for a token with the export scope.', eventsLastHour: null });
    await act(async () => ui.button('Check connection of “Acme production”')!.click());
    expect(check.querySelector('[role=alert]')!.textContent).toContain('Missing export scope. The API token works but is not allowed to export evidence.');
  });

  it('asks before removing; keeping it removes nothing', async () => {
    await render();
    const acme = ui.$('[data-testid=workspace-ws_acme]');
    act(() => ui.button('Remove “Acme production”…', acme)!.click());
    expect(acme.textContent).toContain('Remove “Acme production”? Its stored token is forgotten. Export files already in the cache and the custody log stay.');
    expect(document.activeElement?.textContent).toBe('Keep it');
    act(() => ui.button('Keep it', acme)!.click());
    expect(fake.calls.some((c) => c.method === 'removeWorkspace')).toBe(false);
    act(() => ui.button('Remove “Acme production”…', acme)!.click());
    await act(async () => ui.button('Yes, remove “Acme production”', acme)!.click());
    expect(fake.calls.find((c) => c.method === 'removeWorkspace')!.request).toEqual({ id: 'ws_acme' });
    expect(ui.container.querySelector('[data-testid=workspace-ws_acme]')).toBeNull();
    expect(ui.$('[data-testid=workspace-status]').textContent).toContain('Removed “Acme production”');
  });

  it('switches workspace, reloads the app info for the header and forgets the old workspace’s pull', async () => {
    usePull.setState({ preview: { status: 'error', draftKey: 'x', error: { code: 'internal', message: 'old', hint: '' } } });
    await render();
    await act(async () => ui.button('Work in “Air-gapped review”')!.click());
    await settle();
    expect(fake.calls.filter((c) => ['openWorkspace', 'appInfo'].includes(c.method)).map((c) => c.method)).toEqual(['openWorkspace', 'appInfo']);
    expect(useAppInfo.getState().state).toMatchObject({ status: 'ready', info: { dataSource: { kind: 'offline' } } });
    expect(usePull.getState().preview).toEqual({ status: 'idle' });
    expect(ui.$('[data-testid=workspace-status]').textContent).toBe('Now working in “Air-gapped review”.');
    expect(ui.$('[data-testid=workspace-ws_air]').textContent).toContain('Current workspace');
    expect(ui.button('Work in “Demo workspace (sample data)”')).toBeDefined();
  });
});

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../electron/core/bridge/dispatcher';
import type { CallContext } from '../../electron/core/bridge/services';
import { startDemo, type Demo } from '../../electron/core/demo';
import type { OsProtection } from '../../electron/core/keys';
import { createServices } from '../../electron/core/services';
import { createSecretStore, openWorkspaceManager, type CheckPolicy, type WorkspaceManager } from '../../electron/core/workspaces';
import { HOUR_MS } from '../../electron/sample-api/data-config';
import { exportFilename, serializeExport } from '../../electron/sample-api/format';
import { recordsInWindow, withoutTimes } from '../../electron/sample-api/generate';
import { SAMPLE_NO_SCOPE_TOKEN, type SampleApi } from '../../electron/sample-api/server';
import type { AppInfo, ArtifactView, ConnectionCheckView, PreviewSummary, WorkspaceView } from '../../shared/bridge/types';
import type { Result } from '../../shared/result';
import { startTestApi } from '../support/sample-api';
import { startOddServer } from './api/helpers';
import { FakeOsProtection } from '../unit/keys/support';

const ctx: CallContext = { emit: () => {} };
const FAST_CHECK: CheckPolicy = { timeouts: { requestMs: 1_500, headersMs: 1_500, idleMs: 1_500 }, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 } };
/** A token shaped like a real one, accepted by the second API: it must never come back in any answer. */
const SECRET = 'kt_live_S3CR3T0123456789abcdef1a2b';
const WRONG = 'kt_live_WR0NG0123456789abcdef9z9z';

/** The bridge over a WorkspaceManager, as the app and the test host build it. */
interface WorkspaceBridge {
  manager: WorkspaceManager;
  dispatch: (method: string, payload: unknown) => Promise<Result<unknown>>;
  call<T>(method: string, payload: unknown): Promise<T>;
}

/** Every answer of every bridge in this file, as the window received it (to search for the token). */
const answers: string[] = [];

function bridgeOver(manager: WorkspaceManager): WorkspaceBridge {
  const dispatch: Dispatch = createDispatcher(
    createServices({ runtime: 'test-host', app: { name: 'Evidence Packager', version: '0' }, dataSource: () => manager.dataSource(), session: () => manager.current(), workspaces: manager }),
  );
  const send = async (method: string, payload: unknown) => {
    const result = await dispatch(method, payload, ctx);
    answers.push(JSON.stringify(result));
    return result;
  };
  return {
    manager,
    dispatch: send,
    async call<T>(method: string, payload: unknown): Promise<T> {
      const result = await send(method, payload);
      if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
      return result.value as T;
    },
  };
}

describe('bridge services: workspaces', () => {
  let dir: string;
  let demo: Demo;
  let other: SampleApi;
  const otherLog: string[] = [];
  let os: FakeOsProtection;
  let bridge: WorkspaceBridge;

  const open = (options: { os?: OsProtection | null } = {}) =>
    openWorkspaceManager({
      cacheDir: join(dir, 'cache'),
      actor: { name: 'Ana', os_user: 'ana' },
      fetch,
      secrets: createSecretStore({ dir: join(dir, 'secrets'), os: options.os === undefined ? os : options.os }),
      demo,
      check: FAST_CHECK,
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evidence-workspaces-'));
    demo = await startDemo(3);
    other = await startTestApi({ token: SECRET, data: { eventsPerHour: 60 }, log: (line) => otherLog.push(line) });
    os = new FakeOsProtection();
    bridge = bridgeOver(await open());
  });
  afterAll(async () => {
    bridge.manager.close();
    await other.close();
    await demo.close();
    await rm(dir, { recursive: true, force: true });
  });

  const list = async (b = bridge) => (await b.call<{ workspaces: WorkspaceView[] }>('listWorkspaces', {})).workspaces;
  const check = (payload: unknown, b = bridge) => b.call<ConnectionCheckView>('checkConnection', payload);
  const dataSource = async (b = bridge) => (await b.call<AppInfo>('appInfo', {})).dataSource;
  const preview = (b = bridge) => b.dispatch('preview', { types: ['events'], window: { time_window: '1h' } });
  let apiId = '';
  let offlineId = '';

  it('starts on the demo, listed first and current, with no token shown', async () => {
    expect(await list()).toEqual([{ id: 'demo', name: 'Demo workspace (sample data)', kind: 'demo', apiBaseUrl: demo.apiBaseUrl, token: null, current: true }]);
    expect(await dataSource()).toEqual({ kind: 'demo', apiBaseUrl: demo.apiBaseUrl });
  });

  it('adds a Keeptrusts workspace: the token is stored encrypted and only ever shown masked', async () => {
    const saved = await bridge.call<{ workspace: WorkspaceView; workspaces: WorkspaceView[] }>('saveWorkspace', { name: '  Production API ', kind: 'keeptrusts', apiBaseUrl: `${other.url}/`, token: ` ${SECRET}\n` });
    apiId = saved.workspace.id;
    expect(saved.workspace).toEqual({ id: expect.stringMatching(/^ws_[0-9a-f]{16}$/), name: 'Production API', kind: 'keeptrusts', apiBaseUrl: other.url, token: { masked: 'kt_live_…1a2b', storage: 'os-keyring' }, current: false });
    expect(saved.workspaces.map((w) => w.id)).toEqual(['demo', apiId]);
    expect(await readdir(join(dir, 'secrets'))).toEqual([`${apiId}.token`]);
    expect(await readFile(join(dir, 'secrets', `${apiId}.token`), 'utf8')).not.toContain(SECRET);
  });

  it('adds an offline workspace, listed by name after the demo', async () => {
    const saved = await bridge.call<{ workspace: WorkspaceView; workspaces: WorkspaceView[] }>('saveWorkspace', { name: 'Air-gapped review', kind: 'offline' });
    offlineId = saved.workspace.id;
    expect(saved.workspace).toEqual({ id: expect.stringMatching(/^ws_/), name: 'Air-gapped review', kind: 'offline', apiBaseUrl: null, token: null, current: false });
    expect(saved.workspaces.map((w) => w.name)).toEqual(['Demo workspace (sample data)', 'Air-gapped review', 'Production API']);
  });

  describe('checkConnection', () => {
    it('answers ok for a saved workspace, with the events of the last hour', async () => {
      const answer = await check({ id: apiId });
      expect(answer).toEqual({ status: 'ok', message: expect.stringMatching(/accepted the token/), hint: expect.any(String), eventsLastHour: expect.any(Number) });
      expect(answer.eventsLastHour).toBeGreaterThan(0);
      expect(otherLog.some((line) => line.startsWith('GET /v1/exports/preview 200'))).toBe(true);
    });

    it('answers ok for the demo, with the demo token', async () => {
      expect(await check({ id: 'demo' })).toMatchObject({ status: 'ok' });
    });

    it('answers ok for an address and token being entered', async () => {
      expect(await check({ apiBaseUrl: other.url, token: SECRET })).toMatchObject({ status: 'ok' });
    });

    it('answers bad-token for a wrong token, missing-scope for a token without the export scope', async () => {
      expect(await check({ apiBaseUrl: other.url, token: WRONG })).toEqual({ status: 'bad-token', message: 'Keeptrusts did not accept the API token.', hint: expect.any(String), eventsLastHour: null });
      expect(await check({ apiBaseUrl: other.url, token: SAMPLE_NO_SCOPE_TOKEN })).toMatchObject({ status: 'missing-scope', message: expect.stringMatching(/not allowed to export/) });
    });

    it('answers unreachable for a closed port, quickly', async () => {
      const closed = await startOddServer(() => undefined);
      await closed.close();
      const started = Date.now();
      expect(await check({ apiBaseUrl: closed.url, token: SECRET })).toMatchObject({ status: 'unreachable', message: expect.stringMatching(/Could not reach/), eventsLastHour: null });
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('answers not-keeptrusts for a server that does not speak the export API', async () => {
      const web = await startOddServer((_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>a web page</html>'));
      const missing = await startOddServer((_req, res) => void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'));
      try {
        expect(await check({ apiBaseUrl: web.url, token: SECRET })).toMatchObject({ status: 'not-keeptrusts' });
        expect(await check({ apiBaseUrl: missing.url, token: SECRET })).toMatchObject({ status: 'not-keeptrusts' });
      } finally {
        await web.close();
        await missing.close();
      }
    });

    it('answers error for a server that keeps failing, in words and without the token', async () => {
      other.knobs.faults.push({ route: 'preview', kind: 'status', status: 503, times: 2 });
      expect(await check({ id: apiId })).toMatchObject({ status: 'error', message: expect.stringMatching(/HTTP 503/) });
    });

    it('never answers with the token, even from a server that echoes it back', async () => {
      const echo = await startOddServer((req, res) => {
        const auth = req.headers.authorization ?? '';
        if (req.url?.includes('bad')) return void res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: auth, message: `Invalid token ${auth}` } }));
        res.writeHead(400, { 'content-type': 'text/plain' }).end(`Token ${auth} is malformed`);
      });
      try {
        const rejected = await check({ apiBaseUrl: echo.url, token: SECRET });
        expect(rejected).toMatchObject({ status: 'error', message: expect.stringContaining('[redacted]') });
        expect(await check({ apiBaseUrl: `${echo.url}/bad`, token: SECRET })).toMatchObject({ status: 'bad-token' });
      } finally {
        await echo.close();
      }
    });

    it('refuses an offline workspace, an unknown one and an insecure address clearly', async () => {
      expect(await bridge.dispatch('checkConnection', { id: offlineId })).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/offline/) } });
      expect(await bridge.dispatch('checkConnection', { id: 'ws_gone' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(await bridge.dispatch('checkConnection', { apiBaseUrl: 'http://keeptrusts.example', token: SECRET })).toMatchObject({ ok: false, error: { code: 'insecure-url' } });
    });
  });

  it('opens the Keeptrusts workspace: appInfo says so, and preview goes through its API', async () => {
    const before = otherLog.length;
    expect(await bridge.call('openWorkspace', { id: apiId })).toEqual({ workspace: expect.objectContaining({ id: apiId, current: true }) });
    expect(await dataSource()).toEqual({ kind: 'keeptrusts', apiBaseUrl: other.url });
    const result = await preview();
    expect(result).toMatchObject({ ok: true });
    expect(((result as { value: { previews: PreviewSummary[] } }).value.previews[0]!.recordCount ?? 0) > 0).toBe(true);
    expect(otherLog.slice(before).some((line) => line.startsWith('GET /v1/exports/preview 200'))).toBe(true);
    expect((await list()).filter((w) => w.current).map((w) => w.id)).toEqual([apiId]);
  });

  it('keeps the token when a workspace is edited without one, and applies a new token at once', async () => {
    const renamed = await bridge.call<{ workspace: WorkspaceView }>('saveWorkspace', { id: apiId, name: 'Production', kind: 'keeptrusts', apiBaseUrl: other.url });
    expect(renamed.workspace).toMatchObject({ name: 'Production', token: { masked: 'kt_live_…1a2b' }, current: true });
    expect(await preview()).toMatchObject({ ok: true });

    await bridge.call('saveWorkspace', { id: apiId, name: 'Production', kind: 'keeptrusts', apiBaseUrl: other.url, token: WRONG });
    expect(await preview()).toMatchObject({ ok: false, error: { code: 'bad-token' } });
    const fixed = await bridge.call<{ workspace: WorkspaceView }>('saveWorkspace', { id: apiId, name: 'Production', kind: 'keeptrusts', apiBaseUrl: other.url, token: SECRET });
    expect(fixed.workspace.token).toEqual({ masked: 'kt_live_…1a2b', storage: 'os-keyring' });
    expect(await preview()).toMatchObject({ ok: true });
  });

  it.each([
    ['the demo', () => ({ id: 'demo', name: 'Mine', kind: 'keeptrusts', apiBaseUrl: 'https://api.keeptrusts.com', token: SECRET }), 'invalid-request', /demo workspace cannot be changed/],
    ['a missing workspace', () => ({ id: 'ws_gone', name: 'x', kind: 'offline' }), 'not-found', /no such workspace/],
    ['another kind', () => ({ id: offlineId, name: 'x', kind: 'keeptrusts', apiBaseUrl: other.url, token: SECRET }), 'invalid-request', /cannot change kind/],
    ['an offline one with an address', () => ({ name: 'x', kind: 'offline', apiBaseUrl: 'https://api.keeptrusts.com' }), 'invalid-request', /no API address or token/],
    ['an offline one with a token', () => ({ name: 'x', kind: 'offline', token: SECRET }), 'invalid-request', /no API address or token/],
    ['a Keeptrusts one without an address', () => ({ name: 'x', kind: 'keeptrusts', token: SECRET }), 'invalid-request', /needs the address/],
    ['a new Keeptrusts one without a token', () => ({ name: 'x', kind: 'keeptrusts', apiBaseUrl: other.url }), 'invalid-request', /needs an API token/],
    ['plain http to another computer', () => ({ name: 'x', kind: 'keeptrusts', apiBaseUrl: 'http://api.keeptrusts.example', token: SECRET }), 'insecure-url', /must use https/],
    ['an address with a query', () => ({ name: 'x', kind: 'keeptrusts', apiBaseUrl: 'https://api.keeptrusts.com/?a=1', token: SECRET }), 'invalid-request', /must not contain/],
    ['a token with spaces', () => ({ name: 'x', kind: 'keeptrusts', apiBaseUrl: other.url, token: 'kt_live_two words' }), 'invalid-request', /token is empty or contains spaces/],
    ['another server without a new token', () => ({ id: apiId, name: 'x', kind: 'keeptrusts', apiBaseUrl: 'https://elsewhere.example' }), 'invalid-request', /another server/],
  ])('refuses to save %s', async (_label, payload, code, message) => {
    const before = await list();
    expect(await bridge.dispatch('saveWorkspace', payload())).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
    expect(await list()).toEqual(before);
  });

  it('refuses to switch while a task runs, and switches once it is done', async () => {
    let finish = () => {};
    const running = bridge.manager.current().tasks.run('long-task', () => new Promise<void>((resolve) => (finish = resolve)));
    expect(await bridge.dispatch('openWorkspace', { id: offlineId })).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/while a pull, import/) } });
    expect(await dataSource()).toEqual({ kind: 'keeptrusts', apiBaseUrl: other.url });
    finish();
    await running;
    expect(await bridge.call('openWorkspace', { id: offlineId })).toMatchObject({ workspace: { id: offlineId, current: true } });
  });

  it('in an offline workspace, preview fails clearly and importFiles works, into that workspace only', async () => {
    expect(await dataSource()).toEqual({ kind: 'offline' });
    expect(await preview()).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/no Keeptrusts API \(offline mode\)/) } });
    const now = Date.parse('2026-03-20T10:30:00Z');
    const file = join(dir, exportFilename('events', 'csv', now));
    await writeFile(file, [...serializeExport('events', 'csv', withoutTimes(recordsInWindow(other.data(), 'events', now - HOUR_MS, now)))].join(''));
    const imported = await bridge.call<{ outcomes: { status: string }[] }>('importFiles', { taskId: 'import-1', files: [{ path: file }] });
    expect(imported.outcomes.map((o) => o.status)).toEqual(['imported']);
    expect((await bridge.call<{ artifacts: ArtifactView[] }>('listArtifacts', {})).artifacts.map((a) => a.source)).toEqual(['imported']);
    await bridge.call('openWorkspace', { id: 'demo' });
    expect((await bridge.call<{ artifacts: ArtifactView[] }>('listArtifacts', {})).artifacts).toEqual([]);
  });

  it('removes a workspace and its token, but not the demo nor the one in use; its cached files stay', async () => {
    expect(await bridge.dispatch('removeWorkspace', { id: 'demo' })).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/demo workspace cannot be removed/) } });
    await bridge.call('openWorkspace', { id: offlineId });
    expect(await bridge.dispatch('removeWorkspace', { id: offlineId })).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/in use/) } });
    await bridge.call('openWorkspace', { id: 'demo' });

    const spare = await bridge.call<{ workspace: WorkspaceView }>('saveWorkspace', { name: 'Spare', kind: 'keeptrusts', apiBaseUrl: other.url, token: SECRET });
    expect(await readdir(join(dir, 'secrets'))).toContain(`${spare.workspace.id}.token`);
    const removed = await bridge.call<{ removed: boolean; workspaces: WorkspaceView[] }>('removeWorkspace', { id: spare.workspace.id });
    expect(removed.removed).toBe(true);
    expect(removed.workspaces.map((w) => w.id)).not.toContain(spare.workspace.id);
    expect(await readdir(join(dir, 'secrets'))).not.toContain(`${spare.workspace.id}.token`);
    expect(await bridge.call('removeWorkspace', { id: spare.workspace.id })).toMatchObject({ removed: false });
    expect(await bridge.dispatch('openWorkspace', { id: spare.workspace.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });

    expect((await bridge.call<{ removed: boolean }>('removeWorkspace', { id: offlineId })).removed).toBe(true);
    const db = bridge.manager.current().db;
    expect(db.prepare('SELECT count(*) AS n FROM artifacts WHERE workspace_id = ?').get(offlineId)).toEqual({ n: 1 });
    expect((db.prepare('SELECT count(*) AS n FROM custody_log WHERE workspace_id = ?').get(offlineId) as { n: number }).n).toBeGreaterThan(0);
  });

  it('remembers the workspace in use across a restart, with its token', async () => {
    await bridge.call('openWorkspace', { id: apiId });
    bridge.manager.close();
    bridge = bridgeOver(await open());
    expect(await dataSource()).toEqual({ kind: 'keeptrusts', apiBaseUrl: other.url });
    expect((await list()).find((w) => w.current)).toMatchObject({ id: apiId, token: { masked: 'kt_live_…1a2b', storage: 'os-keyring' } });
    expect(await preview()).toMatchObject({ ok: true });
  });

  it('after a restart without a keyring, asks for the token again instead of failing obscurely', async () => {
    bridge.manager.close();
    bridge = bridgeOver(await open({ os: null }));
    expect((await list()).find((w) => w.id === apiId)).toMatchObject({ current: true, token: null });
    expect(await preview()).toMatchObject({ ok: false, error: { code: 'bad-token', message: expect.stringMatching(/No API token is stored.*only until the app quits/), hint: 'Enter the token again in Workspace.' } });
    expect(await check({ id: apiId })).toMatchObject({ status: 'bad-token', message: expect.stringMatching(/No API token is stored/) });
    const saved = await bridge.call<{ workspace: WorkspaceView }>('saveWorkspace', { id: apiId, name: 'Production', kind: 'keeptrusts', apiBaseUrl: other.url, token: SECRET });
    expect(saved.workspace.token).toEqual({ masked: 'kt_live_…1a2b', storage: 'this-session-only' });
    expect(await preview()).toMatchObject({ ok: true });
    // Kept in memory only: the encrypted file of the earlier run went with the old token.
    expect(await readdir(join(dir, 'secrets'))).toEqual([]);
  });

  it('falls back to the demo when the remembered workspace was removed', async () => {
    await bridge.call('openWorkspace', { id: 'demo' });
    const temp = await bridge.call<{ workspace: WorkspaceView }>('saveWorkspace', { name: 'Temp', kind: 'offline' });
    await bridge.call('openWorkspace', { id: temp.workspace.id });
    // Removed behind the app's back (another run of the app on the same cache).
    bridge.manager.current().db.prepare('UPDATE workspaces SET removed_at = ? WHERE id = ?').run(new Date().toISOString(), temp.workspace.id);
    bridge.manager.close();
    bridge = bridgeOver(await open());
    expect(await dataSource()).toEqual({ kind: 'demo', apiBaseUrl: demo.apiBaseUrl });
  });

  it('never puts the token in an answer, the cache database or its journal', async () => {
    expect(answers.length).toBeGreaterThan(50);
    for (const answer of answers) expect(answer).not.toContain(SECRET);
    const cacheDir = join(dir, 'cache');
    for (const name of await readdir(cacheDir)) {
      if (name === 'artifacts') continue;
      const bytes = await readFile(join(cacheDir, name)).catch(() => Buffer.alloc(0));
      expect(bytes.includes(Buffer.from(SECRET)), name).toBe(false);
    }
  });

  it.each([
    ['saveWorkspace', { name: 'x', kind: 'demo' }],
    ['saveWorkspace', { name: '', kind: 'offline' }],
    ['saveWorkspace', { name: '   ', kind: 'offline' }],
    ['saveWorkspace', { name: 'x', kind: 'offline', extra: 1 }],
    ['saveWorkspace', { id: '../etc', name: 'x', kind: 'offline' }],
    ['saveWorkspace', { name: 'x', kind: 'keeptrusts', apiBaseUrl: 'ftp://x', token: 't' }],
    ['saveWorkspace', { name: 'x', kind: 'keeptrusts', apiBaseUrl: 'https://x', token: '' }],
    ['listWorkspaces', { all: true }],
    ['removeWorkspace', {}],
    ['removeWorkspace', { id: 'a b' }],
    ['openWorkspace', {}],
    ['openWorkspace', { id: 'x'.repeat(65) }],
    ['checkConnection', {}],
    ['checkConnection', { id: 'demo', token: 't' }],
    ['checkConnection', { apiBaseUrl: 'https://x' }],
  ])('refuses a bad %s request', async (method, payload) => {
    expect(await bridge.dispatch(method, payload)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('answers not-implemented where the host has no workspace registry (the CLI)', async () => {
    const session = bridge.manager.current();
    const dispatch = createDispatcher(createServices({ runtime: 'cli', app: { name: 'x', version: '0' }, dataSource: () => ({ kind: 'offline' }), session: () => session }));
    for (const [method, payload] of [['listWorkspaces', {}], ['openWorkspace', { id: 'demo' }], ['checkConnection', { id: 'demo' }]] as const) {
      expect(await dispatch(method, payload, ctx)).toMatchObject({ ok: false, error: { code: 'not-implemented' } });
    }
  });

  it('the sample API behind the demo is reachable for fault injection', async () => {
    await bridge.call('openWorkspace', { id: 'demo' });
    demo.api.knobs.faults.push({ route: 'preview', kind: 'status', status: 429, retryAfter: 'none', times: 2 });
    expect(await check({ id: 'demo' })).toMatchObject({ status: 'error', message: expect.stringMatching(/limiting requests/) });
  });
});

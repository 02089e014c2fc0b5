import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../../shared/bridge/contract';
import type { ArtifactView, ImportCandidateView, ImportOutcomeView, PreviewSummary, PullOutcomeView } from '../../../shared/bridge/types';
import type { Result } from '../../../shared/result';
import { PullScreen } from '../../../renderer/src/screens/pull/PullScreen';
import { verdictMix } from '../../../renderer/src/screens/pull/PreviewTable';
import { emptyAppInfoState, useAppInfo } from '../../../renderer/src/stores/app-info';
import { emptyNavigationState, useNavigation } from '../../../renderer/src/stores/navigation';
import { confirmedImports, emptyPullState, usePull } from '../../../renderer/src/stores/pull';
import { emptyScopeState, useScope } from '../../../renderer/src/stores/scope';
import { installBridge, mountEachTest, ok, settle } from './bridge-double';

const SHA = 'ab12cd34ef56'.padEnd(64, '0');
const preview = (type: string, recordCount: number): PreviewSummary => ({
  type,
  recordCount,
  earliest: recordCount ? '2026-03-20T09:00:01Z' : null,
  latest: recordCount ? '2026-03-20T10:29:59Z' : null,
  environments: recordCount ? ['production', 'staging'] : [],
  configVersions: recordCount ? ['0.1.0', '0.2.0'] : [],
  countsByVerdict: type === 'events' && recordCount ? { allow: 82, block: 7, redact: 8, escalate: 3 } : {},
});
const ARTIFACT: ArtifactView = {
  id: 1,
  type: 'events',
  format: 'csv',
  originalFilename: 'keeptrusts-events-20260320T103000Z.csv',
  bytes: 2048,
  sha256: SHA,
  source: 'pulled',
  recordCount: 100,
  firstRecordAt: '2026-03-20T09:00:01Z',
  lastRecordAt: '2026-03-20T10:29:59Z',
  addedAt: '2026-03-20T10:31:00Z',
  provenance: {},
};

/** A bridge with what the Pull step calls; pulls and imports wait until the test answers them. */
function fakeBridge() {
  let previews = [preview('events', 100), preview('escalations', 3)];
  const pulls: { request: RequestOf<'pull'>; answer: (r: Result<{ outcomes: PullOutcomeView[] }>) => void }[] = [];
  let imports: { request: RequestOf<'importFiles'>; answer: (r: Result<{ outcomes: ImportOutcomeView[] }>) => void } | null = null;
  let candidates: ImportCandidateView[] = [];
  let artifacts: ArtifactView[] = [];
  const { calls } = installBridge({
    preview: () => ok({ previews }),
    pull: (request) => new Promise((resolve) => pulls.push({ request, answer: resolve })),
    cancelTask: (request) => {
      const pull = pulls.find((p) => p.request.taskId === request.taskId);
      pull?.answer({ ok: false, error: { code: 'cancelled', message: 'The pull was cancelled.', hint: 'Exports already pulled are kept; the cancelled one left nothing in the cache. Pull again to finish.' } });
      imports?.answer({ ok: false, error: { code: 'cancelled', message: 'Cancelled.', hint: '' } });
      return ok({ cancelled: true });
    },
    listArtifacts: () => ok({ artifacts: [...artifacts] }),
    chooseImportFiles: () => ok({ files: candidates }),
    importFiles: (request) => new Promise((resolve) => (imports = { request, answer: resolve })),
  });
  return {
    calls,
    pulls,
    import: () => imports!,
    setPreviews: (p: PreviewSummary[]) => (previews = p),
    setCandidates: (c: ImportCandidateView[]) => (candidates = c),
    setArtifacts: (a: ArtifactView[]) => (artifacts = a),
  };
}

const ui = mountEachTest();
let fake: ReturnType<typeof fakeBridge>;
beforeEach(() => {
  fake = fakeBridge();
  usePull.setState(emptyPullState());
  useScope.setState(emptyScopeState());
  useAppInfo.setState({ state: emptyAppInfoState() });
  useNavigation.setState(emptyNavigationState());
});

const ready = () => useScope.getState().setField('why', 'Quarterly access review.');
function setOffline() {
  useAppInfo.setState({
    state: { status: 'ready', info: { name: 'x', version: '0', runtime: 'test-host', versions: { node: '', v8: '', electron: null, chrome: null }, platform: '', arch: '', dataSource: { kind: 'offline' } } },
  });
}
async function render() {
  ui.render(<PullScreen />);
  await settle();
}
const pulledOutcome = (type: string, records: number): PullOutcomeView => ({ type, format: 'csv', status: 'pulled', jobId: `job_${type}`, artifactId: 1, sha256: SHA, records, filename: `keeptrusts-${type}-20260320T103000Z.csv` });

describe('the pull store', () => {
  it('marks the scope’s problems instead of previewing an incomplete scope', async () => {
    await usePull.getState().loadPreview();
    expect(usePull.getState().preview).toMatchObject({ status: 'scope-problems', problems: { why: 'Say why the evidence is being exported.' } });
    expect(useScope.getState().problems.why).toBeDefined();
    expect(fake.calls).toEqual([]);
  });

  it('previews the scope’s types, window and environment', async () => {
    ready();
    useScope.getState().setField('environment', 'production');
    await usePull.getState().loadPreview();
    expect(fake.calls[0]).toEqual({ method: 'preview', request: { types: ['events', 'escalations'], window: { date_from: expect.any(String), date_to: expect.any(String) }, environment: 'production' } });
    // The relative window was fixed at the preview: the API gets its instants, 24 h apart, and later steps resolve to the same ones.
    const asked = (fake.calls[0]!.request as { window: { date_from: string; date_to: string } }).window;
    expect(Date.parse(asked.date_to) - Date.parse(asked.date_from)).toBe(86_400_000);
    expect(useScope.getState().anchor).not.toBeNull();
    expect(useScope.getState().resolve(Date.now() + 3_600_000)!.window).toMatchObject({ relative: '24h', from: asked.date_from, to: asked.date_to });
    useScope.getState().setField('why', 'Another reason.');
    expect(useScope.getState().anchor).not.toBeNull();
    expect(usePull.getState().preview).toMatchObject({ status: 'ready', previews: [{ type: 'events' }, { type: 'escalations' }] });
  });

  it('pulls one type after another, each as its own task, with its progress and the server’s job status', async () => {
    ready();
    useScope.getState().setFormat('escalations', 'json');
    await usePull.getState().loadPreview();
    const pulling = usePull.getState().startPull();
    await settle();
    expect(fake.pulls).toHaveLength(1);
    const first = fake.pulls[0]!.request;
    expect(first).toMatchObject({ exports: [{ type: 'events', format: 'csv' }], window: { date_from: expect.any(String), date_to: expect.any(String) } });
    expect(first.taskId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    const rows = () => (usePull.getState().pull as { rows: { type: string; phase: string; progress: unknown; job: unknown }[] }).rows;
    expect(rows().map((r) => r.phase)).toEqual(['running', 'waiting']);

    usePull.getState().receiveProgress({ taskId: 'someone-else', kind: 'download', value: 0.9, title: 'x', detail: 'y' });
    usePull.getState().receiveProgress({ taskId: first.taskId, kind: 'download', value: 0.25, title: 'Pulling events (1 of 1)', detail: '0.1 MB of 0.4 MB' });
    usePull.getState().receiveJobStatus({ jobId: 'job_events', exportType: 'events', status: 'processing', detail: '' });
    usePull.getState().receiveJobStatus({ jobId: 'job_other', exportType: 'escalations', status: 'queued', detail: '' });
    expect(rows()[0]).toMatchObject({ progress: { value: 0.25, detail: '0.1 MB of 0.4 MB' }, job: { id: 'job_events', status: 'processing' } });
    expect(rows()[1]!.job).toBeNull();

    fake.pulls[0]!.answer({ ok: true, value: { outcomes: [pulledOutcome('events', 100)] } });
    await settle();
    expect(fake.pulls).toHaveLength(2);
    expect(fake.pulls[1]!.request).toMatchObject({ exports: [{ type: 'escalations', format: 'json' }] });
    expect(fake.pulls[1]!.request.taskId).not.toBe(first.taskId);
    fake.pulls[1]!.answer({ ok: true, value: { outcomes: [{ type: 'escalations', format: 'json', status: 'duplicate', jobId: 'job_esc', artifactId: 1, sha256: SHA }] } });
    await pulling;
    expect(rows().map((r) => r.phase)).toEqual(['pulled', 'duplicate']);
    expect(fake.calls.filter((c) => c.method === 'listArtifacts')).toHaveLength(1);
  });

  it('cancels the running export and does not start the waiting ones; retry pulls one type again', async () => {
    ready();
    await usePull.getState().loadPreview();
    const pulling = usePull.getState().startPull();
    await settle();
    await usePull.getState().cancel();
    await pulling;
    expect(fake.calls.find((c) => c.method === 'cancelTask')!.request).toEqual({ taskId: fake.pulls[0]!.request.taskId });
    const rows = () => (usePull.getState().pull as { rows: { type: string; phase: string }[] }).rows;
    expect(rows().map((r) => r.phase)).toEqual(['cancelled', 'skipped']);
    expect(fake.pulls).toHaveLength(1);

    const again = usePull.getState().retry('escalations');
    await settle();
    expect(fake.pulls[1]!.request.exports).toEqual([{ type: 'escalations', format: 'csv' }]);
    fake.pulls[1]!.answer({ ok: true, value: { outcomes: [pulledOutcome('escalations', 3)] } });
    await again;
    expect(rows().map((r) => r.phase)).toEqual(['cancelled', 'pulled']);
  });

  it('needs a type and format confirmed for every file to import', () => {
    const c = (name: string, problem = false): ImportCandidateView => ({ path: `/usb/${name}`, name, bytes: 10, type: null, format: null, detectedFrom: null, problem: problem ? { code: 'malformed-file', message: 'Not CSV or JSON.', hint: 'Choose an export.' } : null });
    const candidates = [c('a.csv'), c('b.bin', true)];
    expect(confirmedImports(candidates, { '/usb/a.csv': { include: false, type: '', format: '' } })).toEqual({ problem: 'Choose at least one file to import.' });
    expect(confirmedImports(candidates, { '/usb/a.csv': { include: true, type: 'events', format: '' } })).toEqual({ problem: 'Choose the export type and format of a.csv, or leave it out.' });
    expect(confirmedImports(candidates, { '/usb/a.csv': { include: true, type: 'events', format: 'csv' }, '/usb/b.bin': { include: true, type: 'events', format: 'csv' } })).toEqual({
      files: [{ path: '/usb/a.csv', type: 'events', format: 'csv' }],
    });
  });

  it('writes verdict mixes largest first, with shares', () => {
    expect(verdictMix({ block: 7, allow: 82, redact: 8, escalate: 3, other: 0 })).toEqual(['allow 82 (82%)', 'redact 8 (8%)', 'block 7 (7%)', 'escalate 3 (3%)']);
  });
});

describe('the Pull screen', () => {
  it('shows the preview per type (records, UTC and local times, environments, config versions, verdict mix) before anything is created', async () => {
    ready();
    await render();
    expect(ui.$('[data-testid=pull-scope]').textContent).toContain('Events (CSV), Escalations (CSV)');
    await act(async () => ui.button('Preview')!.click());
    const table = ui.$('[data-testid=preview-table]');
    expect(table.querySelector('caption')!.textContent).toBe('What the API holds for this scope (nothing has been created yet)');
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Export type', 'Records', 'Earliest and latest record (UTC)', 'Environments', 'Config versions', 'Verdict mix']);
    const events = table.querySelector('tbody tr')!;
    expect(events.textContent).toMatch(/^Events100/);
    expect(events.querySelector('time')!.getAttribute('datetime')).toBe('2026-03-20T09:00:01Z');
    expect(events.textContent).toMatch(/2026-03-20T09:00:01Z \(.+ local\)/);
    expect(events.textContent).toContain('productionstaging');
    expect(events.textContent).toContain('allow 82 (82%)');
    expect(table.querySelector('tfoot')!.textContent).toContain('103');
    expect(ui.button('Pull 2 exports')).toBeDefined();
    expect(fake.calls.some((c) => c.method === 'pull')).toBe(false);
  });

  it('says the export would be empty, with the docs’ advice and a way back to Scope', async () => {
    ready();
    fake.setPreviews([preview('events', 0), preview('escalations', 0)]);
    await render();
    await act(async () => ui.button('Preview')!.click());
    expect(ui.$('[data-testid=empty-advice]').textContent).toContain(
      'The export would be empty. Widen the time window and confirm that traffic actually passed through Keeptrusts during the selected period.',
    );
    expect(ui.button('Pull 2 exports')).toBeUndefined();
    act(() => ui.button('Back to Scope', ui.$('[data-testid=empty-advice]'))!.click());
    expect(useNavigation.getState().step).toBe('scope');
  });

  it('lists the scope’s problems with a way back to Scope', async () => {
    await render();
    await act(async () => ui.button('Preview')!.click());
    const alert = ui.$('[data-testid=preview] [role=alert]');
    expect(alert.textContent).toContain('Why: Say why the evidence is being exported.');
    act(() => ui.button('Back to Scope', alert)!.click());
    expect(useNavigation.getState().step).toBe('scope');
  });

  it('shows a row per job with the server’s status, an accessible progress bar, cancel, outcomes and retry', async () => {
    ready();
    await render();
    await act(async () => ui.button('Preview')!.click());
    await act(async () => void ui.button('Pull 2 exports')!.click());
    await settle();
    const taskId = fake.pulls[0]!.request.taskId;
    act(() => {
      usePull.getState().receiveJobStatus({ jobId: 'job_events', exportType: 'events', status: 'processing', detail: '' });
      usePull.getState().receiveProgress({ taskId, kind: 'download', value: 0.4, title: 'Pulling events (1 of 1)', detail: '0.2 MB of 0.5 MB' });
    });
    const events = ui.$('[data-testid=job-events]');
    expect(events.querySelector('[data-testid=server-status]')!.textContent).toBe('processing');
    const bar = events.querySelector('[role=progressbar]')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(bar.getAttribute('aria-label')).toBe('Pulling Events');
    expect(bar.querySelector('rect.pull-progress-fill')!.getAttribute('width')).toBe('40');
    expect(ui.button('Cancel pulling Events', events)).toBeDefined();
    expect(ui.$('[data-testid=job-escalations]').textContent).toContain('Waiting');
    expect(ui.$('[data-testid=pull-summary]').textContent).toBe('Pulling Events: 0 of 2 exports finished.');

    fake.pulls[0]!.answer({ ok: true, value: { outcomes: [pulledOutcome('events', 1234)] } });
    await settle();
    fake.pulls[1]!.answer({
      ok: true,
      value: { outcomes: [{ type: 'escalations', format: 'csv', status: 'failed', jobId: 'job_esc', error: { code: 'job-failed', message: 'The export job failed on the server.', hint: 'Try again later.' } }] },
    });
    await settle();
    expect(events.textContent).toContain('Pulled 1,234 records into keeptrusts-events-20260320T103000Z.csv, sha256 ab12cd34ef56…');
    const failed = ui.$('[data-testid=job-escalations]');
    expect(failed.querySelector('[role=alert]')!.textContent).toBe('Failed. The export job failed on the server.Try again later.');
    expect(ui.$('[data-testid=pull-summary]').textContent).toBe('Pull finished: 1 pulled, 1 failed.');

    await act(async () => void ui.button('Retry Escalations', failed)!.click());
    expect(fake.pulls[2]!.request.exports).toEqual([{ type: 'escalations', format: 'csv' }]);
    expect(failed.getAttribute('data-phase')).toBe('running');
  });

  it('in an offline workspace says there is no API and leads with import: pick, confirm types, import, list', async () => {
    setOffline();
    fake.setCandidates([
      { path: '/usb/keeptrusts-events-20260320T103000Z.csv', name: 'keeptrusts-events-20260320T103000Z.csv', bytes: 2048, type: 'events', format: 'csv', detectedFrom: 'filename', problem: null },
      {
        path: '/usb/export.json',
        name: 'export.json',
        bytes: 900,
        type: null,
        format: 'json',
        detectedFrom: null,
        problem: { code: 'unknown-export-type', message: 'export.json is not recognisable as a Keeptrusts export (CSV or JSON).', hint: 'Choose its export type and format yourself if it is one; otherwise leave it out.' },
      },
      { path: '/usb/photo.png', name: 'photo.png', bytes: 5000, type: null, format: null, detectedFrom: null, problem: { code: 'malformed-file', message: 'photo.png is neither CSV nor JSON.', hint: 'Choose export files.' } },
    ]);
    await render();
    expect(ui.$('[data-testid=no-api]').textContent).toContain('This workspace is offline: there is no API to pull from.');
    expect(ui.container.querySelector('#pull-api-heading')!.compareDocumentPosition(ui.container.querySelector('#pull-import-heading')!) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
    expect(ui.button('Preview')).toBeUndefined();

    await act(async () => ui.button('Choose files…')!.click());
    const table = ui.$('[data-testid=import-confirm]');
    for (const control of table.querySelectorAll('input, select')) expect(ui.container.querySelector(`label[for="${control.id}"]`), control.outerHTML).not.toBeNull();
    expect(ui.$<HTMLSelectElement>('#import-0-type').value).toBe('events');
    expect(ui.$<HTMLSelectElement>('#import-1-type').value).toBe('');
    expect(ui.$<HTMLInputElement>('#import-2-include').disabled).toBe(true);
    expect(table.textContent).toContain('Cannot be imported. photo.png is neither CSV nor JSON.');
    // Not recognised: left out until the user says what it is.
    expect(table.textContent).toContain('Not recognised. export.json is not recognisable');
    expect(ui.$<HTMLInputElement>('#import-1-include').checked).toBe(false);
    expect(ui.$<HTMLSelectElement>('#import-1-type').disabled).toBe(true);
    act(() => ui.$<HTMLInputElement>('#import-1-include').click());
    expect(ui.$<HTMLSelectElement>('#import-1-format').value).toBe('json');

    await act(async () => ui.button('Import 2 files')!.click());
    expect(ui.$('[data-testid=import] [role=alert]').textContent).toBe('Choose the export type and format of export.json, or leave it out.');
    expect(fake.calls.some((c) => c.method === 'importFiles')).toBe(false);

    const select = ui.$<HTMLSelectElement>('#import-1-type');
    act(() => {
      select.value = 'escalations';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => void ui.button('Import 2 files')!.click());
    const request = fake.import().request;
    expect(request.files).toEqual([
      { path: '/usb/keeptrusts-events-20260320T103000Z.csv', type: 'events', format: 'csv' },
      { path: '/usb/export.json', type: 'escalations', format: 'json' },
    ]);
    act(() => usePull.getState().receiveProgress({ taskId: request.taskId, kind: 'hash', value: null, title: 'Importing export.json', detail: 'hashing' }));
    expect(ui.$('[data-testid=import] [role=progressbar]').getAttribute('aria-valuetext')).toBe('Importing export.json: hashing');

    fake.setArtifacts([{ ...ARTIFACT, source: 'imported' }]);
    fake.import().answer({
      ok: true,
      value: {
        outcomes: [
          { path: '/usb/keeptrusts-events-20260320T103000Z.csv', status: 'imported', artifactId: 1, sha256: SHA, records: 100, type: 'events', format: 'csv' },
          { path: '/usb/export.json', status: 'failed', error: { code: 'malformed-file', message: 'export.json is not an escalations export.', hint: 'Check the type you chose.' } },
        ],
      },
    });
    await settle();
    const outcomes = ui.$('[data-testid=import-outcomes]');
    expect(outcomes.textContent).toContain('keeptrusts-events-20260320T103000Z.csv: imported as Events (CSV), 100 records, sha256 ab12cd34ef56…');
    expect(outcomes.querySelector('[role=alert]')!.textContent).toContain('export.json: not imported. export.json is not an escalations export.');
    const artifacts = ui.$('[data-testid=artifacts]');
    expect(artifacts.querySelector('caption')!.textContent).toBe('Export files in this workspace (1)');
    expect(artifacts.querySelector('tbody tr')!.textContent).toMatch(/^keeptrusts-events-20260320T103000Z\.csvEvents \(CSV\)1002026-03-20T09:00:01Z \(.+ local\)to2026-03-20T10:29:59Z \(.+ local\)Importedab12cd34ef56…$/);
  });

  it('lists the cached files on arrival and goes on to Validate', async () => {
    fake.setArtifacts([ARTIFACT]);
    await render();
    expect(fake.calls.map((c) => c.method)).toEqual(['listArtifacts']);
    expect(ui.$('[data-testid=artifacts]').textContent).toContain('Pulled');
    act(() => ui.button('Continue to Validate')!.click());
    expect(useNavigation.getState().step).toBe('validate');
  });
});

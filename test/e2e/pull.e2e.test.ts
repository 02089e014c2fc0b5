import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordsInWindow, withoutTimes } from '../../electron/sample-api/generate';
import { exportFilename, serializeExport } from '../../electron/sample-api/format';
import type { AnyRecord } from '../../shared/schemas/records';
import type { TestHost } from './host/server';
import { accessibleScreenshot, inDarkMode, openStep, SCREENSHOTS, shellForSuite } from './shell';

const HOUR = 3_600_000;

/** The phase of each export row (pull store's phase), by type. */
async function phases(page: Page): Promise<Record<string, string | null>> {
  const rows = page.locator('[data-testid^="job-"]');
  const out: Record<string, string | null> = {};
  for (const row of await rows.all()) out[(await row.getAttribute('data-testid'))!.slice(4)] = await row.getAttribute('data-phase');
  return out;
}

/** A real sample export, written the way the sample API serves it. */
async function writeSampleExport(host: TestHost, dir: string, type: 'events' | 'escalations', format: 'csv' | 'json', name?: string): Promise<string> {
  const config = host.demo.api.data();
  const to = Math.floor(config.now / HOUR) * HOUR;
  const records = withoutTimes(recordsInWindow(config, type, to - 6 * HOUR, to)) as Iterable<AnyRecord>;
  const path = join(dir, name ?? exportFilename(type, format, to));
  await writeFile(path, [...serializeExport(type, format, records)].join(''));
  return path;
}

describe('the Pull step through the test host, in Chromium, with the real core and the demo API', () => {
  let host: TestHost;
  let page: Page;
  let filesDir: string;
  const consoleProblems = shellForSuite((shell) => ({ host, page } = shell));

  beforeAll(async () => {
    filesDir = await mkdtemp(join(tmpdir(), 'pull-e2e-files-'));
    await openStep(page, 'Scope');
    await page.getByLabel('Last hour').check();
    await page.locator('#scope-why').fill('Pull step end to end: quarterly access review.');
    await openStep(page, 'Pull');
  });

  afterAll(async () => {
    if (filesDir) await rm(filesDir, { recursive: true, force: true });
  });

  it('previews the scope (counts, times, environments, config versions, verdict mix) before any job is created', async () => {
    await expect(page.getByText('Not available in this build.').count()).resolves.toBe(0);
    await expect(page.getByTestId('no-artifacts').isVisible()).resolves.toBe(true);
    await accessibleScreenshot(page, 'pull-idle');

    const jobsBefore = host.demo.api.jobs.page(0, 100).jobs.length;
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const table = page.getByTestId('preview-table');
    await table.waitFor({ timeout: 15_000 });
    const events = table.locator('tbody tr').first();
    await expect(events.textContent()).resolves.toMatch(/^Events[\d,]+/);
    await expect(events.textContent()).resolves.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z \(.+ local\)/);
    await expect(events.textContent()).resolves.toMatch(/production/);
    await expect(events.textContent()).resolves.toMatch(/allow [\d,]+ \(\d+%\)/);
    expect(host.demo.api.jobs.page(0, 100).jobs.length).toBe(jobsBefore);
    await accessibleScreenshot(page, 'pull-preview');
  });

  it('pulls one job per type with the server’s status and live progress, then the outcomes and the cached files', async () => {
    host.demo.api.knobs.jobDurationMs = 2_500;
    await page.getByRole('button', { name: 'Pull 2 exports' }).click();
    const events = page.getByTestId('job-events');
    await expect.poll(() => events.getByTestId('server-status').textContent().catch(() => null), { timeout: 10_000 }).toMatch(/^(queued|running)$/);
    const bar = events.getByRole('progressbar', { name: 'Pulling Events' });
    await expect(bar.isVisible()).resolves.toBe(true);
    await expect(bar.getAttribute('aria-valuenow')).resolves.toMatch(/^\d+$/);
    await expect(page.getByTestId('job-escalations').textContent()).resolves.toContain('Waiting');
    await expect(page.getByTestId('pull-summary').textContent()).resolves.toBe('Pulling Events: 0 of 2 exports finished.');
    await accessibleScreenshot(page, 'pull-running');

    await expect.poll(() => page.getByTestId('pull-summary').textContent(), { timeout: 30_000 }).toBe('Pull finished: 2 pulled.');
    await expect(events.getByTestId('server-status').textContent()).resolves.toBe('completed');
    await expect(events.textContent()).resolves.toMatch(/Pulled [\d,]+ records? into keeptrusts-events-\d{8}T\d{6}Z\.csv, sha256 [0-9a-f]{12}…/);
    const artifacts = page.getByTestId('artifacts');
    await artifacts.waitFor();
    await expect(artifacts.locator('tbody tr').count()).resolves.toBe(2);
    await expect(artifacts.textContent()).resolves.toContain('Pulled');
    await accessibleScreenshot(page, 'pull-done');
  });

  it('cancels a pull mid-job: nothing of it is kept, the rest is not started, and a type can be pulled again', async () => {
    host.demo.api.knobs.jobDurationMs = 60_000;
    await page.getByRole('button', { name: 'Pull 2 exports' }).click();
    const events = page.getByTestId('job-events');
    await expect.poll(() => events.getByTestId('server-status').textContent().catch(() => null), { timeout: 10_000 }).toMatch(/^(queued|running)$/);
    await events.getByRole('button', { name: 'Cancel pulling Events' }).click();
    await expect.poll(() => phases(page), { timeout: 15_000 }).toEqual({ events: 'cancelled', escalations: 'skipped' });
    await expect(events.textContent()).resolves.toContain('Cancelled: nothing of this export was kept.');
    await expect(page.getByTestId('job-escalations').textContent()).resolves.toContain('Not started: the pull was cancelled.');
    await expect(page.getByTestId('pull-summary').textContent()).resolves.toBe('Pull stopped: 2 cancelled or not started.');
    await expect(page.getByTestId('artifacts').locator('tbody tr').count()).resolves.toBe(2);
    await accessibleScreenshot(page, 'pull-cancelled');

    host.demo.api.knobs.jobDurationMs = 150;
    await page.getByRole('button', { name: 'Retry Escalations' }).click();
    await expect.poll(async () => (await phases(page)).escalations, { timeout: 20_000 }).toMatch(/^(pulled|duplicate)$/);
    await expect((await phases(page)).events).toBe('cancelled');
  });

  it('says in plain words why a job failed and what to do, and pulls that type again on Retry', async () => {
    host.demo.api.knobs.jobDurationMs = 150;
    host.demo.api.knobs.jobOutcome = 'fail';
    try {
      await page.getByRole('button', { name: 'Preview again' }).click();
      await page.getByRole('button', { name: 'Pull 2 exports' }).waitFor({ timeout: 15_000 });
      await expect(page.getByTestId('pull-jobs').count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Pull 2 exports' }).click();
      await expect.poll(() => page.getByTestId('pull-summary').textContent(), { timeout: 30_000 }).toBe('Pull finished: 2 failed.');
      const events = page.getByTestId('job-events');
      await expect(events.getByTestId('server-status').textContent()).resolves.toBe('failed');
      const alert = events.getByRole('alert');
      await expect(alert.textContent()).resolves.toMatch(/^Failed\. .+/);
      await accessibleScreenshot(page, 'pull-failed');
    } finally {
      host.demo.api.knobs.jobOutcome = 'complete';
    }
    await page.getByRole('button', { name: 'Retry Events' }).click();
    await expect.poll(async () => (await phases(page)).events, { timeout: 20_000 }).toMatch(/^(pulled|duplicate)$/);
    expect((await phases(page)).escalations).toBe('failed');
  });

  it('rides out a 429 storm on preview, job creation and job polling, and recovers by itself', async () => {
    const storm = (route: 'preview' | 'create-job' | 'get-job') => ({ route, kind: 'status' as const, status: 429 as const, retryAfter: 'seconds' as const, retryAfterSeconds: 1, times: 2 });
    host.demo.api.knobs.jobDurationMs = 150;
    host.demo.api.knobs.faults = [storm('preview')];
    await page.getByRole('button', { name: 'Preview again' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Preview/ }).textContent()).toBe('Previewing…');
    await expect.poll(() => page.getByTestId('preview-table').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Preview again' }).isEnabled(), { timeout: 20_000 }).toBe(true);
    expect(host.demo.api.knobs.faults).toEqual([]);

    host.demo.api.knobs.faults = [storm('create-job'), storm('get-job')];
    await page.getByRole('button', { name: 'Pull 2 exports' }).click();
    const events = page.getByTestId('job-events');
    await events.getByRole('progressbar').waitFor({ timeout: 10_000 });
    // While it waits, the row says why and what comes next (the first 429 is answered with a 1 s pause).
    await expect.poll(() => events.textContent(), { timeout: 10_000 }).toMatch(/Keeptrusts answered 429; trying again in [\d.]+ m?s \(attempt \d of \d+\)/);
    await accessibleScreenshot(page, 'pull-429-retrying');
    await expect.poll(() => page.getByTestId('pull-summary').textContent(), { timeout: 45_000 }).toMatch(/^Pull finished: /);
    expect(Object.values(await phases(page)).every((p) => p === 'pulled' || p === 'duplicate')).toBe(true);
    expect(host.demo.api.knobs.faults).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/pull-429-recovered.png`, fullPage: true });
  });

  it('says the export would be empty when nothing passed through the API in the window, with a way back to Scope', async () => {
    const now = Date.now();
    host.demo.api.setData({ outages: [{ from: now - 3 * HOUR, to: now + HOUR }] });
    try {
      await page.getByRole('button', { name: 'Preview again' }).click();
      const advice = page.getByTestId('empty-advice');
      await advice.waitFor({ timeout: 15_000 });
      await expect(advice.textContent()).resolves.toContain(
        'The export would be empty. Widen the time window and confirm that traffic actually passed through Keeptrusts during the selected period.',
      );
      await expect(page.getByRole('button', { name: /^Pull \d+ exports?$/ }).count()).resolves.toBe(0);
      await accessibleScreenshot(page, 'pull-empty');
      await advice.getByRole('button', { name: 'Back to Scope' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Scope');
    } finally {
      host.demo.api.setData({ outages: [] });
    }
  });

  it('in an offline workspace leads with import: pick files, confirm their types, import, see them listed', async () => {
    const eventsCsv = await writeSampleExport(host, filesDir, 'events', 'csv');
    const escalationsJson = await writeSampleExport(host, filesDir, 'escalations', 'json', 'escalations-for-the-auditor.json');
    const notes = join(filesDir, 'notes.txt');
    await writeFile(notes, 'Meeting notes, not an export.\n');

    await openStep(page, 'Workspace');
    await page.getByLabel('Offline (no API; files are imported)').check();
    await page.locator('#ws-name').fill('USB stick from the auditor');
    await page.getByRole('button', { name: 'Add workspace' }).click();
    await page.getByRole('button', { name: 'Work in “USB stick from the auditor”' }).click();
    await expect.poll(() => page.locator('.app-header').textContent(), { timeout: 10_000 }).toContain('Offline: imported files');
    await openStep(page, 'Pull');
    await expect(page.getByTestId('no-api').textContent()).resolves.toContain('This workspace is offline: there is no API to pull from.');
    await expect(page.getByRole('button', { name: 'Preview', exact: true }).count()).resolves.toBe(0);
    await expect(page.getByTestId('no-artifacts').isVisible()).resolves.toBe(true);
    await accessibleScreenshot(page, 'pull-offline');

    host.choices.importFiles = [eventsCsv, escalationsJson, notes];
    await page.getByRole('button', { name: 'Choose files…' }).click();
    const confirm = page.getByTestId('import-confirm');
    await confirm.waitFor({ timeout: 10_000 });
    await expect(page.getByLabel(`Export type of ${eventsCsv.split('/').pop()}`).inputValue()).resolves.toBe('events');
    await expect(page.getByLabel('Export type of escalations-for-the-auditor.json').inputValue()).resolves.toBe('escalations');
    await expect(page.getByLabel('Format of escalations-for-the-auditor.json').inputValue()).resolves.toBe('json');
    await expect(page.getByLabel('Import notes.txt').isChecked()).resolves.toBe(false);
    await accessibleScreenshot(page, 'pull-import-confirm');

    await page.getByRole('button', { name: 'Import 2 files' }).click();
    const outcomes = page.getByTestId('import-outcomes');
    await outcomes.waitFor({ timeout: 20_000 });
    await expect(outcomes.textContent()).resolves.toMatch(/keeptrusts-events-\d{8}T\d{6}Z\.csv: imported as Events \(CSV\), [\d,]+ records, sha256 [0-9a-f]{12}…/);
    await expect(outcomes.textContent()).resolves.toMatch(/escalations-for-the-auditor\.json: imported as Escalations \(JSON\), [\d,]+ records?/);
    const artifacts = page.getByTestId('artifacts');
    await artifacts.waitFor();
    await expect(artifacts.locator('tbody tr').count()).resolves.toBe(2);
    await expect(artifacts.locator('tbody tr').first().textContent()).resolves.toContain('Imported');
    await accessibleScreenshot(page, 'pull-imported');

    // The same file again is recognised, not copied twice.
    host.choices.importFiles = [eventsCsv];
    await page.getByRole('button', { name: 'Choose files…' }).click();
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    await expect.poll(() => outcomes.textContent(), { timeout: 20_000 }).toContain('already in the cache');
    await expect(artifacts.locator('tbody tr').count()).resolves.toBe(2);
  });

  it('looks right and stays accessible in dark mode', async () => {
    await inDarkMode(host, async (darkPage) => {
      await openStep(darkPage, 'Pull');
      await darkPage.getByTestId('artifacts').waitFor({ timeout: 10_000 });
      await accessibleScreenshot(darkPage, 'pull-offline-dark');
    });
  });

  it('ran under the shipped CSP with no console errors', () => {
    expect(consoleProblems, consoleProblems.join('\n')).toEqual([]);
  });
});

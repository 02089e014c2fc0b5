import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { verifyPacket } from '../../electron/core/packet/verify';
import type { TestHost } from './host/server';
import { accessibleScreenshot, openStep, shellForSuite } from './shell';

const WHY = 'Incident INC-4711: blocked requests spiked on production; the reviewer needs every decision of the day.';
const REVIEWER = 'Pat Path Reviewer';
const PASSPHRASE = 'full path passphrase';

/**
 * The reviewer's whole job through the screens only (no bridge calls from the test): the demo workspace,
 * a scope, formats, pull, validate, note, a signed packet, and its verification; then History.
 */
describe('the full path in Chromium, through the test host, against the real core and the sample API', () => {
  let host: TestHost;
  let page: Page;
  let packetPath = '';
  const requested: string[] = [];
  const consoleProblems = shellForSuite((shell) => {
    ({ host, page } = shell);
    shell.page.context().on('request', (request) => requested.push(request.url()));
  });

  it('1. starts in the demo workspace, marked as demo data', async () => {
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Workspace');
    await expect(page.getByTestId('workspace-demo').textContent()).resolves.toContain('Current workspace');
    await expect(page.locator('.app-header').textContent()).resolves.toContain('Demo data — not real traffic');
    await accessibleScreenshot(page, 'path-1-workspace');
  });

  it('2. scopes the review: the last 24 hours, events and escalations, why and a reference', async () => {
    await openStep(page, 'Scope');
    await page.getByLabel('Last 24 hours').check();
    await page.locator('#scope-why').fill(WHY);
    await page.locator('#scope-references').fill('INC-4711');
    expect(await page.title()).toBe('Scope — Evidence Packager');
    await accessibleScreenshot(page, 'path-2-scope');
  });

  it('3. keeps CSV for events and picks JSON for escalations', async () => {
    await openStep(page, 'Format');
    await page.locator('input[name="format-escalations"][value="json"]').check();
    await accessibleScreenshot(page, 'path-3-format');
  });

  it('4. previews, then pulls both exports with live status into the cache', async () => {
    await openStep(page, 'Pull');
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByRole('button', { name: 'Pull 2 exports' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Pull 2 exports' }).click();
    await expect.poll(() => page.getByTestId('pull-summary').textContent(), { timeout: 60_000 }).toBe('Pull finished: 2 pulled.');
    await expect(page.getByTestId('job-escalations').textContent()).resolves.toMatch(/keeptrusts-escalations-\d{8}T\d{6}Z\.json/);
    await expect(page.getByTestId('artifacts').locator('tbody tr').count()).resolves.toBe(2);
    await accessibleScreenshot(page, 'path-4-pull');
  });

  it('5. validates the files against the scope and shows the checklist', async () => {
    await openStep(page, 'Validate');
    await page.getByRole('button', { name: 'Validate now' }).click();
    const banner = page.getByTestId('validation-overall');
    await expect.poll(() => banner.getByRole('heading', { level: 2 }).textContent(), { timeout: 60_000 }).toMatch(/^(✓ Pass|! Warning|✗ Fail) — /);
    expect(await page.getByTestId('checklist').locator('[data-check]').count()).toBeGreaterThan(8);
    await accessibleScreenshot(page, 'path-5-validate');
  });

  it('6. writes the note, pre-filled from the scope, with NOTE.md previewed as text', async () => {
    await openStep(page, 'Note');
    await expect(page.getByLabel('Why the evidence was exported').inputValue()).resolves.toBe(WHY);
    await page.getByLabel('Your name').fill(REVIEWER);
    await expect.poll(() => page.getByTestId('note-preview').textContent(), { timeout: 10_000 }).toContain(REVIEWER);
    await expect(page.getByTestId('note-preview').textContent()).resolves.toContain('`INC-4711`');
    await accessibleScreenshot(page, 'path-6-note');
    await page.getByRole('button', { name: 'Continue to Packet' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Packet');
  });

  it('7. creates the signing key and writes the signed packet, with its path, sha256 and signer', async () => {
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('The same passphrase again').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create the signing key' }).click();
    await page.getByTestId('key-fingerprint').waitFor({ timeout: 20_000 });
    const fingerprint = (await page.getByTestId('key-fingerprint').textContent()) ?? '';
    await page.getByRole('button', { name: 'Choose folder and write packet' }).click();
    await page.getByTestId('pack-result').waitFor({ timeout: 60_000 });
    packetPath = (await page.getByTestId('pack-path').textContent()) ?? '';
    expect(packetPath.startsWith(host.packetsDir)).toBe(true);
    const sha = createHash('sha256').update(await readFile(packetPath)).digest('hex');
    await expect(page.getByTestId('pack-sha256').textContent()).resolves.toBe(sha);
    await expect(page.getByTestId('pack-fingerprint').textContent()).resolves.toBe(fingerprint);
    await accessibleScreenshot(page, 'path-7-packet');
  });

  it('8. verifies the packet it just wrote: valid, with the note readable inside', async () => {
    await page.getByRole('button', { name: 'Verify now' }).click();
    await expect.poll(() => page.getByTestId('pack-verdict').textContent(), { timeout: 30_000 }).toMatch(/Valid —/);
    await page.getByRole('button', { name: 'See every finding in the Verify step' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Verify');
    const verdict = page.getByTestId('verdict');
    // Intact; the app's own new key is not trusted until the reviewer says so (as for any signer).
    await expect(verdict.getByRole('heading', { level: 2 }).textContent()).resolves.toMatch(/Valid — but the signer is not in your trusted list/);
    await page.getByRole('button', { name: 'Read the note (NOTE.md)' }).click();
    await expect(page.locator('#packet-note').textContent()).resolves.toContain(REVIEWER);
    await accessibleScreenshot(page, 'path-8-verify');
    // The same bytes verify outside the window too, with the app's verifier reading the file itself.
    const independent = await verifyPacket(packetPath);
    expect(independent.status).toBe('valid-untrusted');
  });

  it('9. lists the packet in History with its custody entries', async () => {
    await openStep(page, 'History');
    const row = page.getByTestId('history-table').locator(':scope > tbody > tr').first();
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain(packetPath);
    await accessibleScreenshot(page, 'path-9-history');
  });

  it('ran under the shipped CSP with no console errors or warnings', () => {
    expect(consoleProblems, consoleProblems.join('\n')).toEqual([]);
  });

  it('loaded nothing from anywhere but the app itself: no remote scripts, fonts, images or calls', async () => {
    // What the page loaded before the listener was attached, from its own resource timing, plus every request since.
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
    const all = [...loaded, ...requested];
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((url) => new URL(url).origin !== host.url && !url.startsWith('data:'))).toEqual([]);
  });
});

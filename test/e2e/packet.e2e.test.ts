import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceBridge } from '../../shared/bridge/contract';
import { expectAccessible } from './a11y';
import type { TestHost } from './host/server';
import { accessibleScreenshot, inDarkMode, openStep, shellForSuite } from './shell';

// page.evaluate callbacks run in the page; these are the browser globals they touch.
declare const window: { evidence?: EvidenceBridge };
declare const document: { activeElement: { id: string; textContent: string | null } | null };

const WHY = 'Quarterly access review of the gateway, end to end.';
const REVIEWER = 'Erin E2E Reviewer';
const PASSPHRASE = 'packet e2e passphrase';

/** A scope the Scope step can resolve: the default window (last 24 hours) and types (events, escalations), a why and a reference. */
async function fillScope(page: Page): Promise<void> {
  await openStep(page, 'Scope');
  await page.locator('#scope-why').fill(WHY);
  await page.locator('#scope-references').fill('INC-E2E-7');
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('the Note, Packet and History steps through the test host, in Chromium, with the real core', () => {
  let host: TestHost;
  let page: Page;
  let packetPath = '';
  let fingerprint = '';
  const consoleProblems = shellForSuite((shell) => ({ host, page } = shell));

  beforeAll(async () => {
    // Events only, and a validation that asked for escalations too: its limitation pre-fills the note.
    const made = await page.evaluate(async () => {
      const bridge = window.evidence!;
      const pulled = await bridge.pull({ taskId: 'packet-e2e-pull', exports: [{ type: 'events', format: 'csv' }], window: { time_window: '24h' } });
      const to = new Date(Math.floor(Date.now() / 1000) * 1000);
      const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');
      const validated = await bridge.validate({
        taskId: 'packet-e2e-validate',
        scope: { window: { relative: '24h', from: iso(new Date(to.getTime() - 86_400_000)), to: iso(to) }, types: ['events', 'escalations'], request_ids: [], escalation_ids: [], why: 'e2e' },
      });
      return { pulled, validated };
    });
    expect(made.pulled).toMatchObject({ ok: true });
    expect(made.validated).toMatchObject({ ok: true });
  });

  it('sends the reviewer to the Scope step when there is no usable scope yet', async () => {
    await openStep(page, 'Note');
    await expect(page.getByTestId('note-no-scope').textContent()).resolves.toContain('The scope has problems');
    await accessibleScreenshot(page, 'note-no-scope');
    await page.getByRole('button', { name: 'Go to the Scope step' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Scope');
  });

  it('pre-fills the note from the scope and the validation, checks it inline and previews NOTE.md as text', async () => {
    await fillScope(page);
    await openStep(page, 'Note');
    await expect(page.getByLabel('Why the evidence was exported').inputValue()).resolves.toBe(WHY);
    await expect(page.getByLabel('Incident, review or escalation references it supports').inputValue()).resolves.toBe('INC-E2E-7');
    await expect(page.getByLabel('Limitation 1', { exact: true }).inputValue()).resolves.toMatch(/^No escalation data/);
    await expect(page.getByLabel('Both').isChecked()).resolves.toBe(true);
    await expect.poll(() => page.getByTestId('note-preview-status').textContent()).toMatch(/once why and your name are filled in/);

    // Continue without a name: the field says why, and takes the focus.
    await page.getByRole('button', { name: 'Continue to Packet' }).click();
    expect(await activeId(page)).toBe('note-reviewer-name');
    await expect(page.locator('#note-reviewer-name-error').textContent()).resolves.toContain('Enter your name');
    await accessibleScreenshot(page, 'note-invalid');

    // Type the name (keyboard), add a limitation of one's own; the preview follows.
    await page.keyboard.type(REVIEWER);
    await page.getByRole('button', { name: 'Add a limitation' }).click();
    expect(await activeId(page)).toBe('note-limitation-2');
    await page.keyboard.type('Traces were not requested.');
    const preview = page.getByTestId('note-preview');
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain('Traces were not requested.');
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('## Why this evidence was exported');
    expect(text).toContain(`> ${WHY}`);
    expect(text).toContain(REVIEWER);
    expect(text).toContain('`INC-E2E-7`');
    // Markdown shown as text, not rendered.
    await expect(preview.evaluate((el) => (el as unknown as { tagName: string }).tagName)).resolves.toBe('PRE');
    await expect(page.locator('.note-preview h2').count()).resolves.toBe(1);
    await accessibleScreenshot(page, 'note-filled');
  });

  it('remembers the reviewer after a reload', async () => {
    await page.reload();
    await page.getByTestId('app-info').waitFor();
    await fillScope(page);
    await openStep(page, 'Note');
    await expect(page.getByLabel('Your name').inputValue()).resolves.toBe(REVIEWER);
    await expect.poll(() => page.getByTestId('note-preview').textContent(), { timeout: 10_000 }).toContain(REVIEWER);
    await page.getByRole('button', { name: 'Continue to Packet' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Packet');
  });

  it('creates the signing key under a passphrase, typed twice', async () => {
    const create = page.getByRole('button', { name: 'Create the signing key' });
    await create.waitFor();
    await expect(page.getByRole('button', { name: 'Choose folder and write packet' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('pack-files').textContent()).resolves.toMatch(/^1 file \(.+\): Events$/);
    await accessibleScreenshot(page, 'packet-no-key');

    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('The same passphrase again').fill(`${PASSPHRASE}!`);
    await create.click();
    await expect(page.getByText('The two passphrases differ.').isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'packet key form with a problem');
    await page.getByLabel('The same passphrase again').fill(PASSPHRASE);
    await page.getByLabel('The same passphrase again').press('Enter');
    const shown = page.getByTestId('key-fingerprint');
    await shown.waitFor({ timeout: 20_000 });
    fingerprint = (await shown.textContent()) ?? '';
    expect(fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    await expect(page.getByRole('button', { name: 'Choose folder and write packet' }).isEnabled()).resolves.toBe(true);
    await accessibleScreenshot(page, 'packet-ready');
  });

  it('goes back to ready, writing nothing, when the folder dialog is closed', async () => {
    host.choices.outputFolder = null;
    await page.getByRole('button', { name: 'Choose folder and write packet' }).click();
    await expect.poll(() => page.getByTestId('pack-notice').textContent(), { timeout: 20_000 }).toContain('No folder was chosen');
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    await accessibleScreenshot(page, 'packet-cancelled');
    delete host.choices.outputFolder;
  });

  it('writes the packet and shows its path, sha256 and signer; verifies it and shows it in its folder', async () => {
    await page.getByRole('button', { name: 'Choose folder and write packet' }).click();
    const result = page.getByTestId('pack-result');
    await result.waitFor({ timeout: 30_000 });
    packetPath = (await page.getByTestId('pack-path').textContent()) ?? '';
    expect(packetPath.startsWith(host.packetsDir)).toBe(true);
    expect(packetPath).toMatch(/\.zip$/);
    const sha = createHash('sha256').update(await readFile(packetPath)).digest('hex');
    await expect(page.getByTestId('pack-sha256').textContent()).resolves.toBe(sha);
    await expect(page.getByTestId('pack-fingerprint').textContent()).resolves.toBe(fingerprint);
    // Escalations were asked for and not pulled: the validation warns or fails, visibly, and the packet is written anyway.
    await expect(page.getByTestId('pack-result-warning').textContent()).resolves.toMatch(/did not pass cleanly \((warn|fail)\)/);
    expect(await activeId(page)).toBe('result-heading');
    await accessibleScreenshot(page, 'packet-result');

    await page.getByRole('button', { name: 'Verify now' }).click();
    const verdict = page.getByTestId('pack-verdict');
    await expect.poll(() => verdict.textContent(), { timeout: 20_000 }).toMatch(/Valid —/);

    await page.getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => page.locator('.reveal-status').textContent(), { timeout: 10_000 }).toBe('Shown in the file manager.');
    expect(host.revealed).toEqual([packetPath]);
    await accessibleScreenshot(page, 'packet-verified');

    // The full verdict is one click away in the Verify step.
    await page.getByRole('button', { name: 'See every finding in the Verify step' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Verify');
    await expect(page.getByTestId('verdict').textContent()).resolves.toContain(packetPath);
  });

  it('lists the packet in History with its custody entries; verifies it, shows it, and packs again', async () => {
    await openStep(page, 'History');
    const table = page.getByTestId('history-table');
    await table.waitFor({ timeout: 10_000 });
    const row = table.locator(':scope > tbody > tr').first();
    await expect(row.textContent()).resolves.toContain(packetPath);
    await expect(row.textContent()).resolves.toContain('Present');
    await accessibleScreenshot(page, 'history-list');

    const toggle = row.getByRole('button', { name: /^Details of / });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    const actions = await page.locator('.custody-table > tbody > tr > td:nth-child(3)').allTextContents();
    expect(actions).toEqual(expect.arrayContaining(['packed', 'signed', 'verified', 'exported']));

    const details = page.locator('.history-details');
    await details.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect.poll(() => page.locator('.history-details .compact-verdict').textContent(), { timeout: 20_000 }).toMatch(/Valid —/);
    await details.getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => page.locator('.history-details .reveal-status').textContent(), { timeout: 10_000 }).toBe('Shown in the file manager.');
    expect(host.revealed).toEqual([packetPath, packetPath]);
    await accessibleScreenshot(page, 'history-expanded');

    await details.getByRole('button', { name: 'Pack again' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Packet');
    await expect(page.getByRole('button', { name: 'Choose folder and write packet' }).isVisible()).resolves.toBe(true);
  });

  it('looks right and stays accessible in dark mode', async () => {
    await inDarkMode(host, async (darkPage) => {
      await openStep(darkPage, 'History');
      await darkPage.getByTestId('history-table').waitFor({ timeout: 10_000 });
      await darkPage.getByRole('button', { name: /^Details of / }).first().click();
      await accessibleScreenshot(darkPage, 'history-dark');

      await fillScope(darkPage);
      await openStep(darkPage, 'Note');
      await darkPage.getByLabel('Your name').fill('Dark Mode Reviewer');
      await expect.poll(() => darkPage.getByTestId('note-preview').textContent(), { timeout: 10_000 }).toContain('Dark Mode Reviewer');
      await accessibleScreenshot(darkPage, 'note-dark');

      await darkPage.getByRole('button', { name: 'Continue to Packet' }).click();
      await darkPage.getByTestId('key-fingerprint').waitFor({ timeout: 10_000 });
      await accessibleScreenshot(darkPage, 'packet-dark');
    });
  });

  it('ran under the shipped CSP with no console errors', () => {
    expect(consoleProblems, consoleProblems.join('\n')).toEqual([]);
  });
});

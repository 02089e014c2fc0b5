import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceBridge } from '../../shared/bridge/contract';
import { expectAccessible } from './a11y';
import type { TestHost } from './host/server';
import { accessibleScreenshot, inDarkMode, SCREENSHOTS, shellForSuite } from './shell';

// page.evaluate callbacks run in the page; this is the browser global they touch.
declare const window: { evidence?: EvidenceBridge };

/** Goes to the Verify step with the keyboard only: End (History, the last step), ArrowUp, Enter. */
async function goToVerify(page: Page): Promise<void> {
  const nav = page.getByRole('navigation', { name: "Reviewer's path" });
  await nav.getByRole('button', { name: 'Scope' }).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Verify');
}

/** A byte-for-byte copy of `zip` with one byte flipped inside the stored data of its first export. */
async function tamperedCopy(zip: string, out: string): Promise<string> {
  const bytes = Buffer.from(await readFile(zip));
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    const compressed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = bytes.readUInt32LE(at + 42);
    if (name.includes('/data/exports/') && compressed > 0) {
      const data = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      bytes[data + Math.floor(compressed / 2)]! ^= 0x01;
      await writeFile(out, bytes);
      return basename(name);
    }
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  throw new Error('no export in the packet');
}

describe('the Verify step through the test host, in Chromium', () => {
  let host: TestHost;
  let page: Page;
  let packet: { path: string; fingerprint: string };
  const consoleProblems = shellForSuite((shell) => ({ host, page } = shell));

  beforeAll(async () => {
    // A real packet from the demo workspace: pull, a key under a passphrase (no OS keyring here), pack.
    const to = new Date(Math.floor(Date.now() / 1000) * 1000);
    const w = { from: new Date(to.getTime() - 3_600_000).toISOString().replace('.000Z', 'Z'), to: to.toISOString().replace('.000Z', 'Z') };
    const made = await page.evaluate(async (window_) => {
      const bridge = window.evidence!;
      const pulled = await bridge.pull({ taskId: 'verify-e2e-pull', exports: [{ type: 'events', format: 'csv' }], window: { time_window: '1h' } });
      const key = await bridge.createKey({ passphrase: 'verify e2e passphrase' });
      const pack = await bridge.pack({
        taskId: 'verify-e2e-pack',
        scope: { window: window_, types: ['events'], request_ids: [], escalation_ids: [], references: ['VERIFY-E2E'] },
        note: { why: 'Verify step end to end.', supports: [], request_ids: [], escalation_ids: [], limitations: [], deeper_context: null, free_text: '', reviewer: { name: 'Test Host' } },
      });
      return { pulled, key, pack };
    }, w);
    expect(made.pulled).toMatchObject({ ok: true });
    expect(made.key).toMatchObject({ ok: true, value: { state: 'ready' } });
    if (!made.pack.ok) throw new Error(`pack failed: ${made.pack.error.message}`);
    packet = made.pack.value;
  });

  it('opens with the keyboard and offers to open a packet', async () => {
    await goToVerify(page);
    await expect(page.getByText('Not available in this build.').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Open a packet…' }).isEnabled()).resolves.toBe(true);
    await accessibleScreenshot(page, 'verify-idle');
  });

  it('verifies a good packet from an unknown signer, then trusts the signer by name', async () => {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent)).toBe('Open a packet…');
    await page.keyboard.press('Enter');

    const verdict = page.getByTestId('verdict');
    await expect.poll(() => verdict.getByRole('heading', { level: 2 }).textContent(), { timeout: 20_000 }).toContain('Valid — but the signer is not in your trusted list');
    await expect(page.getByTestId('fingerprint').textContent()).resolves.toBe(packet.fingerprint);
    await expect(verdict.textContent()).resolves.toContain(packet.path);
    await expect(page.getByRole('heading', { name: 'Findings' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('table').textContent()).resolves.toContain('data/exports/');
    await accessibleScreenshot(page, 'verify-untrusted');

    // An empty name is refused, in words; then trust it with the keyboard.
    const name = page.getByLabel("Signer's name");
    await name.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Enter a name for this signer.').isVisible()).resolves.toBe(true);
    await page.keyboard.type('E2E Signer');
    await page.keyboard.press('Enter');
    await expect.poll(() => verdict.getByRole('heading', { level: 2 }).textContent(), { timeout: 10_000 }).toContain('Valid — signed by E2E Signer (trusted)');
    const signers = await page.evaluate(() => window.evidence!.listTrustedSigners({}));
    expect(signers).toMatchObject({ ok: true, value: { signers: [{ name: 'E2E Signer', fingerprint: packet.fingerprint }] } });
    await accessibleScreenshot(page, 'verify-trusted');

    // Verifying again now says "trusted" straight from the verifier.
    await page.getByRole('button', { name: 'Open another packet…' }).click();
    await expect.poll(() => verdict.getByRole('heading', { level: 2 }).textContent(), { timeout: 20_000 }).toContain('Valid — signed by E2E Signer (trusted)');
  });

  it('shows the packet’s own note as text and its report in a sandboxed frame, under the report’s CSP', async () => {
    await page.getByRole('button', { name: 'Read the note (NOTE.md)' }).click();
    await expect(page.locator('#packet-note').textContent()).resolves.toContain('Verify step end to end.');
    await page.getByRole('button', { name: 'Open the report (report.html)' }).click();
    const frame = page.frameLocator('iframe[title="report.html from the packet"]');
    await expect.poll(() => frame.locator('h1').first().textContent(), { timeout: 10_000 }).toBeTruthy();
    await expect(page.locator('#packet-report').getAttribute('sandbox')).resolves.toBe('');
    // The report's stylesheet is inline: allowed by its own policy, and nothing was blocked or logged.
    expect(consoleProblems, consoleProblems.join('\n')).toEqual([]);
    await expectAccessible(page, 'report open');
    await page.locator('#packet-report').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOTS}/verify-report.png` });
    await page.getByRole('button', { name: 'Hide the report (report.html)' }).click();
  });

  it('calls a tampered copy invalid, naming the file', async () => {
    const tampered = join(host.packetsDir, 'tampered.zip');
    const exportName = await tamperedCopy(packet.path, tampered);
    host.choices.packetFile = tampered;
    await page.getByRole('button', { name: 'Open another packet…' }).click();
    const verdict = page.getByTestId('verdict');
    await expect.poll(() => verdict.getByRole('heading', { level: 2 }).textContent(), { timeout: 20_000 }).toMatch(/Invalid — \d+ problems?/);
    const findings = await page.locator('.finding').allTextContents();
    expect(findings.some((f) => f.startsWith('Error') && f.includes(`data/exports/${exportName}`))).toBe(true);
    await expect(page.getByRole('table').textContent()).resolves.toContain('Not OK');
    await accessibleScreenshot(page, 'verify-invalid');
  });

  it('looks right and stays accessible in dark mode', async () => {
    await inDarkMode(host, async (darkPage) => {
      await goToVerify(darkPage);
      await expectAccessible(darkPage, 'dark idle');
      const verdict = darkPage.getByTestId('verdict');
      await darkPage.getByRole('button', { name: 'Open a packet…' }).click();
      await expect.poll(() => verdict.getByRole('heading', { level: 2 }).textContent(), { timeout: 20_000 }).toMatch(/Invalid/);
      await accessibleScreenshot(darkPage, 'verify-invalid-dark');

      const untrusted = join(host.packetsDir, 'copy.zip');
      await copyFile(packet.path, untrusted);
      host.choices.packetFile = untrusted;
      await darkPage.evaluate((fingerprint) => window.evidence!.untrustSigner({ fingerprint }), packet.fingerprint);
      await darkPage.getByRole('button', { name: 'Open another packet…' }).click();
      await expect.poll(() => verdict.getByRole('heading', { level: 2 }).textContent(), { timeout: 20_000 }).toContain('not in your trusted list');
      await accessibleScreenshot(darkPage, 'verify-untrusted-dark');

      await darkPage.getByLabel("Signer's name").fill('E2E Signer');
      await darkPage.getByRole('button', { name: 'Trust this signer' }).click();
      await expect.poll(() => verdict.getByRole('heading', { level: 2 }).textContent(), { timeout: 10_000 }).toContain('(trusted)');
      await accessibleScreenshot(darkPage, 'verify-trusted-dark');
    });
  });

  it('ran under the shipped CSP with no console errors', () => {
    expect(consoleProblems, consoleProblems.join('\n')).toEqual([]);
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestHost } from './host/server';
import { accessibleScreenshot, inDarkMode, SCREENSHOTS, shellForSuite } from './shell';

// page.evaluate callbacks run in the page; this is the browser global they touch.
declare const document: { activeElement: { id: string; textContent: string | null } | null };

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('the Workspace step through the test host, in Chromium, with the real core', () => {
  let host: TestHost;
  let page: Page;
  const consoleProblems = shellForSuite((shell) => ({ host, page } = shell));

  it('opens on the workspaces, with the demo marked as demo data and in use', async () => {
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Workspace');
    const demo = page.getByTestId('workspace-demo');
    await demo.waitFor();
    await expect(demo.textContent()).resolves.toContain('Demo — sample data, not real traffic');
    await expect(demo.textContent()).resolves.toContain('Current workspace');
    await expect(demo.textContent()).resolves.toContain(host.demo.apiBaseUrl);
    await expect(page.locator('.app-header').textContent()).resolves.toContain('Demo data — not real traffic');
    await accessibleScreenshot(page, 'workspace-list');
  });

  it('checks the demo connection by id', async () => {
    await page.getByRole('button', { name: 'Check connection of “Demo workspace (sample data)”' }).click();
    const check = page.getByTestId('check-demo');
    await expect.poll(() => check.textContent(), { timeout: 15_000 }).toContain('Connection OK.');
    await expect(check.textContent()).resolves.toMatch(/The API holds [\d,]+ events? from the last hour\./);
  });

  it('validates the form inline, reached with the keyboard', async () => {
    await page.locator('#ws-name').focus();
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('ws-url');
    await page.keyboard.type('http://api.keeptrusts.example');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('ws-token');
    await page.getByRole('button', { name: 'Add workspace' }).click();
    await expect(page.locator('#ws-name-error').textContent()).resolves.toBe('Give the workspace a name.');
    await expect(page.locator('#ws-url-error').textContent()).resolves.toContain('Plain http:// is only allowed for an API on this computer (http://localhost…)');
    await expect(page.locator('#ws-token-error').textContent()).resolves.toContain('Paste the API token');
    await expect(page.locator('#ws-url').getAttribute('aria-invalid')).resolves.toBe('true');
    await accessibleScreenshot(page, 'workspace-invalid');
  });

  it('says “bad token” for a wrong token, and “missing scope” for one without the export scope', async () => {
    await page.locator('#ws-name').fill('Wrong token');
    await page.locator('#ws-url').fill(host.demo.apiBaseUrl);
    await page.locator('#ws-token').fill('kt_wrong_token_1234');
    await expect(page.locator('#ws-url-error').count()).resolves.toBe(0);
    await page.locator('form.ws-form').getByRole('button', { name: 'Check connection', exact: true }).click();
    const check = page.getByTestId('check-draft');
    await expect.poll(() => check.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('Bad token.');
    await expect(check.textContent()).resolves.toContain('Keeptrusts did not accept the API token.');
    await accessibleScreenshot(page, 'workspace-bad-token');

    await page.locator('#ws-token').fill('kt_sample_noscope');
    await expect(check.textContent()).resolves.toBe('');
    await page.locator('form.ws-form').getByRole('button', { name: 'Check connection', exact: true }).click();
    await expect.poll(() => check.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('Missing export scope.');
    await page.screenshot({ path: `${SCREENSHOTS}/workspace-missing-scope.png`, fullPage: true });
  });

  it('saves the workspace, never echoing the token: masked, kept for this session only (no keyring here)', async () => {
    await page.locator('#ws-token').fill('kt_wrong_token_1234');
    await page.getByRole('button', { name: 'Add workspace' }).click();
    const status = page.getByTestId('save-status');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toContain('Added “Wrong token”.');
    await expect(status.textContent()).resolves.toContain('kept for this session only — the system has no keyring; you will be asked again after a restart');
    await expect(page.locator('#ws-token').inputValue()).resolves.toBe('');
    const body = await page.locator('body').textContent();
    expect(body).not.toContain('kt_wrong_token_1234');
    const card = page.locator('li[data-testid^="workspace-"]', { hasText: 'Wrong token' });
    await expect(card.getByTestId('token').textContent()).resolves.toMatch(/^kt_wrong_…\w+, kept for this session only/);
    await accessibleScreenshot(page, 'workspace-saved');

    // The saved one, checked by id, is refused the same way.
    await card.getByRole('button', { name: 'Check connection of “Wrong token”' }).click();
    await expect.poll(() => card.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('Bad token.');
  });

  it('adds an offline workspace and switches to it: the header says so', async () => {
    await page.getByLabel('Offline (no API; files are imported)').check();
    await expect(page.locator('#ws-url').count()).resolves.toBe(0);
    await page.locator('#ws-name').fill('Air-gapped review');
    await page.getByRole('button', { name: 'Add workspace' }).click();
    await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toContain('Added “Air-gapped review”.');
    await page.getByRole('button', { name: 'Work in “Air-gapped review”' }).click();
    await expect.poll(() => page.getByTestId('workspace-status').textContent(), { timeout: 10_000 }).toBe('Now working in “Air-gapped review”.');
    await expect.poll(() => page.locator('.app-header').textContent()).toContain('Offline: imported files');
    const card = page.locator('li[data-testid^="workspace-"]', { hasText: 'Air-gapped review' });
    await expect(card.textContent()).resolves.toContain('Current workspace');
    await accessibleScreenshot(page, 'workspace-offline-current');
  });

  it('asks before removing a workspace, then removes it', async () => {
    const card = page.locator('li[data-testid^="workspace-"]', { hasText: 'Wrong token' });
    await card.getByRole('button', { name: 'Remove “Wrong token”…' }).click();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Keep it');
    await expect(card.textContent()).resolves.toContain('Remove “Wrong token”? Its stored token is forgotten.');
    await accessibleScreenshot(page, 'workspace-remove-confirm');
    await page.keyboard.press('Enter');
    await expect(card.getByRole('button', { name: 'Remove “Wrong token”…' }).isVisible()).resolves.toBe(true);
    await card.getByRole('button', { name: 'Remove “Wrong token”…' }).click();
    await card.getByRole('button', { name: 'Yes, remove “Wrong token”' }).click();
    await expect.poll(() => page.getByTestId('workspace-status').textContent(), { timeout: 10_000 }).toContain('Removed “Wrong token”');
    await expect(page.locator('li[data-testid^="workspace-"]', { hasText: 'Wrong token' }).count()).resolves.toBe(0);
    const listed = await page.evaluate(() => (globalThis as unknown as { evidence: { listWorkspaces(r: object): Promise<{ ok: true; value: { workspaces: { name: string }[] } }> } }).evidence.listWorkspaces({}));
    expect(listed.value.workspaces.map((w) => w.name)).toEqual(['Demo workspace (sample data)', 'Air-gapped review']);
  });

  it('switches back to the demo', async () => {
    await page.getByRole('button', { name: 'Work in “Demo workspace (sample data)”' }).click();
    await expect.poll(() => page.locator('.app-header').textContent(), { timeout: 10_000 }).toContain('Demo data — not real traffic');
  });

  it('looks right and stays accessible in dark mode', async () => {
    await inDarkMode(host, async (darkPage) => {
      await darkPage.getByTestId('workspace-demo').waitFor();
      await darkPage.getByRole('button', { name: 'Add workspace' }).click();
      await darkPage.getByRole('button', { name: 'Check connection of “Demo workspace (sample data)”' }).click();
      await expect.poll(() => darkPage.getByTestId('check-demo').textContent(), { timeout: 15_000 }).toContain('Connection OK.');
      await accessibleScreenshot(darkPage, 'workspace-dark');
    });
  });

  it('ran under the shipped CSP with no console errors', () => {
    expect(consoleProblems, consoleProblems.join('\n')).toEqual([]);
  });
});

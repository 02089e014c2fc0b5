import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { EvidenceBridge } from '../../shared/bridge/contract';
import { STEPS } from '../../shared/steps';
import type { TestHost } from './host/server';
import { inDarkMode, SCREENSHOTS, shellForSuite } from './shell';

// page.evaluate callbacks run in the page; these are the few browser globals they touch.
declare const document: {
  activeElement: { tagName: string; textContent: string | null } | null;
  body: object;
  createElement(tag: 'script'): { textContent: string };
};
declare const window: { evidence?: EvidenceBridge; __inline?: boolean };
declare function getComputedStyle(element: object): { backgroundColor: string };

describe('the renderer shell through the test host, in Chromium', () => {
  let host: TestHost;
  let page: Page;
  const consoleProblems = shellForSuite((shell) => ({ host, page } = shell));

  it('shows app info that came over the bridge from the host process', async () => {
    const info = page.getByTestId('app-info');
    await info.waitFor();
    const text = await info.textContent();
    expect(text).toContain('Evidence Packager 0.1.0');
    expect(text).toContain('test host');
    expect(text).toContain(`Node ${process.versions.node}`);
    expect(text).toContain(`${process.platform}/${process.arch}`);
    await expect(page.getByText('Demo data — not real traffic').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/shell-workspace.png` });
  });

  it('lists the whole reviewer path and navigates by click, updating heading and window title', async () => {
    const nav = page.getByRole('navigation', { name: "Reviewer's path" });
    const labels = await nav.getByRole('button').allTextContents();
    expect(labels.map((l) => l.replace(/^\d/, ''))).toEqual(STEPS.map((s) => s.label));
    await nav.getByRole('button', { name: 'Validate' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Validate');
    expect(await page.title()).toBe('Validate — Evidence Packager');
    expect(await nav.getByRole('button', { name: 'Validate' }).getAttribute('aria-current')).toBe('step');
    // Every step is built: none says it is missing.
    expect(await page.getByText('Not available in this build').count()).toBe(0);
  });

  it('moves through the path with the keyboard', async () => {
    const nav = page.getByRole('navigation', { name: "Reviewer's path" });
    await nav.getByRole('button', { name: 'Scope' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Pull');
    // Opening a step moves focus to its heading, so a screen reader announces where the user is.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await nav.getByRole('button', { name: 'Pull' }).focus();
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('History');
  });

  it('follows a navigate event pushed by the host (the menu path)', async () => {
    await page.waitForFunction(() => true);
    // The event stream connects asynchronously; retry the push until the page follows it.
    await expect
      .poll(
        async () => {
          host.emit('navigate', { step: 'note' });
          return page.getByRole('heading', { level: 1 }).textContent();
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe('Note');
    await page.screenshot({ path: `${SCREENSHOTS}/shell-note.png` });
  });

  it('pulls through the bridge from the page, with progress events arriving in the page', async () => {
    const result = await page.evaluate(async () => {
      const bridge = window.evidence!;
      const seen: number[] = [];
      const off = bridge.on('progress', (p) => {
        if (p.taskId === 'e2e-pull' && p.value !== null) seen.push(p.value);
      });
      const pulled = await bridge.pull({ taskId: 'e2e-pull', exports: [{ type: 'events', format: 'json' }], window: { time_window: '1h' } });
      const records = await bridge.queryRecords({ type: 'events', limit: 3 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      off();
      return { pulled, records, seen };
    });
    expect(result.pulled).toMatchObject({ ok: true, value: { outcomes: [{ type: 'events', status: 'pulled' }] } });
    expect(result.records).toMatchObject({ ok: true });
    expect(result.records.ok && result.records.value.records.length).toBe(3);
    expect(result.seen.length).toBeGreaterThan(0);
    expect(Math.max(...result.seen)).toBe(1);
  });

  it('creates a key, packs and verifies from the page, with the paths chosen by the host, never the page', async () => {
    const to = new Date(Math.floor(Date.now() / 1000) * 1000);
    const window_ = { from: new Date(to.getTime() - 3_600_000).toISOString().replace('.000Z', 'Z'), to: to.toISOString().replace('.000Z', 'Z') };
    const packed = await page.evaluate(async (w) => {
      const bridge = window.evidence!;
      const before = await bridge.keyStatus({});
      const created = await bridge.createKey({ passphrase: 'e2e passphrase' });
      const pack = await bridge.pack({
        taskId: 'e2e-pack',
        scope: { window: w, types: ['events'], request_ids: [], escalation_ids: [], references: ['E2E-1'] },
        note: { why: 'End to end.', supports: [], request_ids: [], escalation_ids: [], limitations: [], deeper_context: null, free_text: '', reviewer: { name: 'Test Host' } },
      });
      return { before, created, pack };
    }, window_);
    expect(packed.before).toMatchObject({ ok: true, value: { state: 'none', osProtection: { available: false } } });
    expect(packed.created).toMatchObject({ ok: true, value: { state: 'ready', protection: 'passphrase' } });
    expect(packed.pack).toMatchObject({ ok: true, value: { path: expect.stringContaining(host.packetsDir) } });

    const verified = await page.evaluate(() => window.evidence!.verifyPacket({ taskId: 'e2e-verify' }));
    expect(verified).toMatchObject({ ok: true, value: { status: 'valid-untrusted' } });
    host.choices.packetFile = null;
    const cancelled = await page.evaluate(() => window.evidence!.verifyPacket({ taskId: 'e2e-verify-2' }));
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const named = await page.evaluate(() => window.evidence!.verifyPacket({ taskId: 'e2e-verify-3', path: '/etc/passwd' } as unknown as { taskId: string }));
    expect(named).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('refuses a bad payload and a foreign origin at the host', async () => {
    const bad = await page.evaluate(() => window.evidence!.appInfo({ unexpected: true } as unknown as Record<string, never>));
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const foreign = await fetch(`${host.url}/__bridge/call/appInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
  });

  it('runs under the shipped CSP with no console errors, and blocks inline script', async () => {
    expect(consoleProblems, consoleProblems.join('\n')).toEqual([]);
    const inlineRan = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true';
      (document.body as { appendChild(node: object): void }).appendChild(script);
      return window.__inline === true;
    });
    expect(inlineRan).toBe(false);
    // One report per policy that blocked it: the meta tag and the response header carry the same CSP.
    await expect.poll(() => consoleProblems.length).toBeGreaterThan(0);
    for (const problem of consoleProblems) expect(problem).toMatch(/Executing inline script violates the following Content Security Policy directive 'script-src 'self''/);
  });

  it('follows the OS dark mode', async () => {
    await inDarkMode(host, async (darkPage) => {
      const background = await darkPage.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe('rgb(27, 29, 33)');
      await darkPage.screenshot({ path: `${SCREENSHOTS}/shell-dark.png` });
    });
  });
});

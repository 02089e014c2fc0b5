import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { EvidenceBridge } from '../../shared/bridge/contract';
import type { TestHost } from './host/server';
import { accessibleScreenshot, inDarkMode, openStep, shellForSuite } from './shell';

// page.evaluate callbacks run in the page; these are the few browser globals they touch.
declare const window: { evidence?: EvidenceBridge };
declare const document: { activeElement: { id: string; tagName: string; getAttribute(name: string): string | null; textContent: string | null } | null };

/** What has keyboard focus: its id, else its name=value, else its text. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '';
    if (el.id) return `#${el.id}`;
    const name = el.getAttribute('name');
    return name ? `${name}=${el.getAttribute('value') ?? ''}` : `${el.tagName}:${el.textContent ?? ''}`;
  });
}

async function tabTo(page: Page, expected: string, shift = false): Promise<void> {
  await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  expect(await focused(page)).toBe(expected);
}

describe('the Scope and Format steps through the test host, in Chromium, with the real core', () => {
  let host: TestHost;
  let page: Page;
  let environment = '';
  const consoleProblems = shellForSuite((shell) => ({ host, page } = shell));

  it('fills the scope with the keyboard, with counts and inline problems, and the preview’s environments', async () => {
    await openStep(page, 'Scope');
    expect(await focused(page)).toBe('#step-heading');

    // Window: relative, last 6 hours (arrow keys move within a radio group).
    await tabTo(page, 'window-mode=relative');
    await tabTo(page, 'relative-window=24h');
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toBe('relative-window=6h');
    await expect(page.getByLabel('Last 6 hours').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('resolved-window').textContent()).resolves.toMatch(/^From \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z \(.+ local\) to \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z \(.+ local\)/);

    // Environment from the API's preview (the demo sample API).
    await tabTo(page, '#scope-environment');
    await tabTo(page, '#scope-config-version');
    await tabTo(page, 'BUTTON:Fetch from the API');
    await page.keyboard.press('Space');
    await page.getByText(/The API holds \d+ records/).waitFor();
    const offered = await page.locator('#scope-environments option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
    expect(offered.length).toBeGreaterThan(0);
    environment = offered[0]!;
    await tabTo(page, '#scope-config-version', true);
    await tabTo(page, '#scope-environment', true);
    await page.keyboard.type(environment);

    // Export types: add traces with Space.
    await tabTo(page, '#scope-config-version');
    await tabTo(page, 'BUTTON:Fetch from the API');
    await tabTo(page, 'scope-types=events');
    await tabTo(page, 'scope-types=traces');
    await page.keyboard.press('Space');
    await expect(page.getByLabel('Traces').isChecked()).resolves.toBe(true);
    await tabTo(page, 'scope-types=escalations');
    await tabTo(page, 'scope-types=audit-log');

    // IDs pasted with mixed separators.
    await tabTo(page, '#scope-request-ids');
    await page.keyboard.insertText('req_a, req_b\nreq_c req_a\treq_d');
    await expect(page.locator('#scope-request-ids-count').textContent()).resolves.toBe('4 request IDs (1 repeated entry dropped)');
    await tabTo(page, '#scope-escalation-ids');
    await page.keyboard.insertText('esc_1,\nreq_x');
    await expect(page.locator('#scope-escalation-ids-count').textContent()).resolves.toBe('2 escalation IDs');
    const problem = page.locator('#scope-escalation-ids-problems');
    await expect(problem.textContent()).resolves.toContain('“req_x” looks like a request ID, not an escalation ID.');
    await expect(page.locator('#scope-escalation-ids').getAttribute('aria-describedby')).resolves.toContain('scope-escalation-ids-problems');
    await tabTo(page, '#scope-references');
    await page.keyboard.type('INC-42, CAB-7');
    await expect(page.locator('#scope-references-count').textContent()).resolves.toBe('2 references');

    // Why, and control tags: a bad one is flagged beside the field until fixed.
    await tabTo(page, '#scope-why');
    await page.keyboard.type('Quarterly access review of production.');
    await tabTo(page, '#scope-control-tags');
    await page.keyboard.type('SOC2:CC7.2, ISO 27001');
    await expect(page.locator('#scope-control-tags-error').textContent()).resolves.toMatch(/“ISO 27001” is not a control tag/);
    await expect(page.locator('#scope-control-tags').getAttribute('aria-invalid')).resolves.toBe('true');
    for (let i = 0; i < ' 27001'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('27001:A.8.15');
    await expect(page.locator('#scope-control-tags-error').count()).resolves.toBe(0);
  });

  it('saves the scope by name with Enter', async () => {
    await tabTo(page, '#scope-name');
    await page.keyboard.type('E2E review');
    await page.keyboard.press('Enter');
    await page.getByText(/^Saved “E2E review” at /).waitFor();
    await expect(page.locator('.saved-scopes').textContent()).resolves.toContain('E2E review');
    await accessibleScreenshot(page, 'scope');
  });

  it('after a reload, the draft comes back as typed, and the saved scope loads back with every field restored', async () => {
    await page.reload();
    await page.getByTestId('app-info').waitFor();
    await openStep(page, 'Scope');
    // Drafts are saved as typed (localStorage, evidence.draft.scope.v1): a reload or a crash loses nothing.
    await expect(page.locator('#scope-why').inputValue()).resolves.toBe('Quarterly access review of production.');
    await expect(page.locator('#scope-request-ids').inputValue()).resolves.toBe('req_a, req_b\nreq_c req_a\treq_d');
    await expect(page.getByLabel('Last 6 hours').isChecked()).resolves.toBe(true);
    await expect(page.locator('#scope-name').inputValue()).resolves.toBe('E2E review');
    // Change the draft, then load the saved scope over it.
    await page.locator('#scope-why').fill('');
    await page.locator('#scope-request-ids').fill('');
    await page.getByLabel('Last hour').check();
    const load = page.getByRole('button', { name: 'Load “E2E review”' });
    await load.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Last 6 hours').isChecked()).resolves.toBe(true);
    await expect(page.locator('#scope-environment').inputValue()).resolves.toBe(environment);
    await expect(page.getByLabel('Traces').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Audit log').isChecked()).resolves.toBe(false);
    await expect(page.locator('#scope-request-ids').inputValue()).resolves.toBe('req_a\nreq_b\nreq_c\nreq_d');
    await expect(page.locator('#scope-escalation-ids').inputValue()).resolves.toBe('esc_1\nreq_x');
    await expect(page.locator('#scope-references').inputValue()).resolves.toBe('INC-42\nCAB-7');
    await expect(page.locator('#scope-why').inputValue()).resolves.toBe('Quarterly access review of production.');
    await expect(page.locator('#scope-control-tags').inputValue()).resolves.toBe('SOC2:CC7.2, ISO27001:A.8.15');
    await expect(page.locator('#scope-name').inputValue()).resolves.toBe('E2E review');
    await expect(page.locator('#scope-request-ids-count').textContent()).resolves.toBe('4 request IDs');

    // What the core stored is the resolved scope, relative window kept as entered.
    const stored = await page.evaluate(() => window.evidence!.listScopes({}));
    expect(stored).toMatchObject({
      ok: true,
      value: { scopes: [{ name: 'E2E review', scope: { window: { relative: '6h' }, environment, types: ['events', 'traces', 'escalations'], request_ids: ['req_a', 'req_b', 'req_c', 'req_d'], escalation_ids: ['esc_1', 'req_x'], references: ['INC-42', 'CAB-7'] } }] },
    });
  });

  it('chooses a format per type on the Format step, with the docs’ guidance', async () => {
    await openStep(page, 'Format');
    await expect(page.getByText('Choose CSV for spreadsheet review, ticket attachments, or executive summaries.').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Choose JSON when another system or a technical reviewer needs the full event structure.').isVisible()).resolves.toBe(true);
    await expect(page.locator('.format-screen legend').allTextContents()).resolves.toEqual(['Events', 'Traces', 'Escalations']);
    await tabTo(page, 'format-events=csv');
    await tabTo(page, 'format-traces=csv');
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('format-traces=json');
    await expect(page.locator('input[name="format-traces"][value="json"]').isChecked()).resolves.toBe(true);
    await expect(page.locator('input[name="format-events"][value="csv"]').isChecked()).resolves.toBe(true);
    await accessibleScreenshot(page, 'format');
  });

  it('shows both steps in dark mode', async () => {
    await inDarkMode(host, async (darkPage) => {
      await openStep(darkPage, 'Scope');
      await darkPage.getByRole('button', { name: 'Load “E2E review”' }).click();
      await darkPage.locator('#scope-why').fill('');
      await darkPage.getByRole('button', { name: 'Save scope' }).click();
      await darkPage.locator('#scope-why-error').waitFor();
      await accessibleScreenshot(darkPage, 'scope-dark');
      await openStep(darkPage, 'Format');
      await accessibleScreenshot(darkPage, 'format-dark');
    });
  });

  it('logged no console errors or warnings', () => {
    expect(consoleProblems, consoleProblems.join('\n')).toEqual([]);
  });
});

import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceBridge } from '../../shared/bridge/contract';
import type { TestBrowser } from '../support/browser';
import { expectAccessible } from './a11y';
import type { TestHost } from './host/server';
import { accessibleScreenshot, collectConsoleProblems, inDarkMode, openStep, SCREENSHOTS, shellForSuite } from './shell';

// page.evaluate callbacks run in the page; these are the browser globals they touch.
declare const window: { evidence?: EvidenceBridge; requestAnimationFrame(callback: (t: number) => void): number };
declare const document: {
  activeElement: { getAttribute(name: string): string | null; textContent: string | null } | null;
  querySelector(selector: string): { scrollTop: number; scrollHeight: number } | null;
};

const grid = (page: Page) => page.getByRole('grid', { name: 'Cached records' });
/** The data rows in the DOM right now (the header row has no data-index). */
const domRows = (page: Page) => grid(page).locator('[role=row][data-index]');
const focusedAttribute = (page: Page, name: string) => page.evaluate((n) => document.activeElement?.getAttribute(n) ?? null, name);

describe('the Validate step through the test host, in Chromium, with the real core', () => {
  let host: TestHost;
  let browser: TestBrowser;
  let page: Page;
  let pulled = 0;
  const consoleProblems = shellForSuite((shell) => ({ host, browser, page } = shell));

  beforeAll(async () => {
    // A day of events from the demo API, into the cache.
    const pull = await page.evaluate(() => window.evidence!.pull({ taskId: 'validate-e2e-pull', exports: [{ type: 'events', format: 'csv' }], window: { time_window: '24h' } }));
    if (!pull.ok) throw new Error(`pull failed: ${pull.error.message}`);
    const outcome = pull.value.outcomes[0]!;
    if (outcome.status !== 'pulled') throw new Error(`pull: ${JSON.stringify(outcome)}`);
    pulled = outcome.records;
  });

  it('opens with no report yet, the cache counted, and sends the reviewer to Scope when the scope is incomplete', async () => {
    await openStep(page, 'Validate');
    await page.getByText('No report yet in this workspace').waitFor();
    await expect.poll(() => page.getByTestId('records-count').textContent(), { timeout: 10_000 }).toBe(`${pulled.toLocaleString('en-US')} records`);
    await expect.poll(() => page.getByTestId('query-time').textContent()).toMatch(/last query took \d+ ms/);
    await accessibleScreenshot(page, 'validate-empty');

    await page.getByRole('button', { name: 'Validate now' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The review scope has problems' });
    await alert.waitFor();
    await accessibleScreenshot(page, 'validate-scope-problems', { fullPage: false });
    await alert.getByRole('button', { name: 'Go to the Scope step' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Scope');
    await page.locator('#scope-why').fill('Validate step end to end.');
  });

  it('validates and shows the result first, then the checklist with words, fixes, evidence and limitations', async () => {
    await openStep(page, 'Validate');
    await page.getByRole('button', { name: 'Validate now' }).click();
    const banner = page.getByTestId('validation-overall');
    await expect.poll(() => banner.getByRole('heading', { level: 2 }).textContent(), { timeout: 30_000 }).toMatch(/^(✓ Pass|! Warning|✗ Fail) — /);
    // The result took the focus.
    expect(await focusedAttribute(page, 'id')).toBe('val-overall-heading');
    await expect(banner.textContent()).resolves.toMatch(/Validated \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)? UTC \(.+ local\) — run \d+, just now\./);
    await expect(banner.getByRole('list', { name: 'Checks by outcome' }).textContent()).resolves.toMatch(/\d+ failed.*\d+ warnings?.*\d+ passed.*\d+ skipped/);

    // Every check says its status in a word; warnings and failures say what to do.
    const checks = page.getByTestId('checklist').locator('[data-check]');
    expect(await checks.count()).toBeGreaterThan(8);
    for (const text of await checks.locator('.val-status').allTextContents()) expect(text).toMatch(/^(✓ Pass|! Warning|✗ Fail|– Skipped)$/);
    const problems = page.getByTestId('checklist').locator('.val-check-warn, .val-check-fail');
    expect(await problems.count()).toBeGreaterThan(0);
    for (const fix of await problems.locator('.val-fix').allTextContents()) expect(fix).toMatch(/^Fix: .{10,}/);
    expect(await problems.locator('.val-fix').count()).toBe(await problems.count());
    // The scope asks for escalations too, and only events were pulled: completeness says so, and it is a limitation.
    const completeness = page.locator('[data-check=completeness]');
    await expect(completeness.locator('.val-status').textContent()).resolves.toMatch(/^(! Warning|✗ Fail)$/);
    await expect(completeness.locator('.val-fix').textContent()).resolves.toMatch(/^Fix: /);
    await expect(page.getByTestId('checklist').textContent()).resolves.toContain('Known limitations');
    await expect(page.getByTestId('checklist').locator('.val-limitations').textContent()).resolves.toMatch(/Escalations:/);

    // Evidence opens with the keyboard.
    const summary = page.locator('[data-check=config-version] summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-check=config-version] details pre').textContent()).resolves.toContain('"transitions"');
    await accessibleScreenshot(page, 'validate-report');
  });

  it('shows a bucket’s UTC range and count on hover and on keyboard focus', async () => {
    const coverage = page.getByTestId('coverage');
    const chart = coverage.locator('svg').first();
    await chart.scrollIntoViewIfNeeded();
    const buckets = chart.locator('.val-bucket');
    const count = await buckets.count();
    expect(count).toBeGreaterThan(100);
    const middle = buckets.nth(Math.floor(count / 2));
    const label = (await middle.getAttribute('aria-label'))!;
    expect(label).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? to .+ UTC: [\d,]+ records?/);
    await middle.hover();
    const tooltip = coverage.getByTestId('coverage-tooltip');
    await tooltip.waitFor();
    const records = label.match(/: ([\d,]+ records?)/)![1]!;
    await expect(tooltip.textContent()).resolves.toContain(records);
    await expect(tooltip.textContent()).resolves.toMatch(/UTC/);
    await coverage.screenshot({ path: `${SCREENSHOTS}/validate-coverage-hover.png` });
    await page.mouse.move(0, 0);
    await expect.poll(() => tooltip.count()).toBe(0);

    // One tab stop, then arrow keys.
    await buckets.first().focus();
    await expect(tooltip.textContent()).resolves.toContain((await buckets.first().getAttribute('aria-label'))!.match(/: ([\d,]+ records?)/)![1]);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await focusedAttribute(page, 'aria-label')).toBe(await buckets.nth(2).getAttribute('aria-label'));
    await page.keyboard.press('End');
    expect(await focusedAttribute(page, 'aria-label')).toBe(await buckets.nth(count - 1).getAttribute('aria-label'));
    await expect(tooltip.isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'coverage focus');
    await coverage.screenshot({ path: `${SCREENSHOTS}/validate-coverage-focus.png` });
    await expect(coverage.locator('details summary').first().textContent()).resolves.toMatch(/The counts as a table \([\d,]+ buckets\)/);
  });

  it('shows the config versions per environment with their transitions in UTC and local time', async () => {
    const timeline = page.getByTestId('config-timeline');
    await timeline.scrollIntoViewIfNeeded();
    const environments = await timeline.locator('h3').allTextContents();
    expect(environments.length).toBeGreaterThan(0);
    const transitions = await timeline.locator('.val-transitions li').allTextContents();
    // The demo rolls out a new version in each environment during the day.
    expect(transitions.length).toBeGreaterThan(0);
    for (const t of transitions) expect(t).toMatch(/→ .+ at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)? UTC \(.+ local\)/);
    await timeline.screenshot({ path: `${SCREENSHOTS}/validate-timeline.png` });
  });

  it('scrolls the records with only the visible rows in the DOM', async () => {
    const records = grid(page);
    await records.scrollIntoViewIfNeeded();
    await expect(records.getAttribute('aria-rowcount')).resolves.toBe(String(pulled + 1));
    const before = await domRows(page).count();
    expect(before).toBeGreaterThan(5);
    expect(before).toBeLessThan(40);

    // Wheel through the list, then jump to the middle by the scrollbar.
    await records.hover();
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 800);
    // Wheel scrolling is animated: let it settle before jumping, or it carries on from where it was.
    const scrollTop = () => page.evaluate(() => document.querySelector('.val-grid')!.scrollTop);
    let settled = -1;
    await expect
      .poll(async () => {
        const [a, b] = [await scrollTop(), await new Promise((r) => setTimeout(r, 150)).then(scrollTop)];
        settled = b;
        return a === b && b > 0;
      })
      .toBe(true);
    expect(settled).toBeGreaterThan(1000);
    await page.evaluate(() => {
      const el = document.querySelector('.val-grid')!;
      el.scrollTop = el.scrollHeight / 2;
    });
    const middle = Math.floor(pulled / 2);
    await expect
      .poll(async () => {
        const shown = (await domRows(page).evaluateAll((rows) => rows.map((r) => Number((r as unknown as { dataset: { index: string } }).dataset.index)))).filter((i) => i > 0);
        return shown.some((i) => Math.abs(i - middle) < 20);
      }, { timeout: 10_000 })
      .toBe(true);
    await expect.poll(() => records.getByText(/^Loading row/).count(), { timeout: 10_000 }).toBe(0);
    expect(await domRows(page).count()).toBeLessThan(40);
    await page.getByTestId('records-browser').screenshot({ path: `${SCREENSHOTS}/validate-records.png` });
  });

  it('filters by a request id taken from a record', async () => {
    const row = domRows(page).filter({ hasNotText: 'Loading' }).first();
    const requestId = (await row.locator('[role=gridcell]').nth(5).textContent())!;
    expect(requestId).toMatch(/^req_/);
    await page.getByLabel('Request ID').fill(requestId);
    await expect.poll(() => page.getByTestId('records-count').textContent(), { timeout: 10_000 }).toMatch(/^\d+ records? match(es)? the filters$/);
    const matched = Number((await page.getByTestId('records-count').textContent())!.match(/^\d+/)![0]);
    expect(matched).toBeGreaterThan(0);
    expect(matched).toBeLessThan(20);
    await expect.poll(() => domRows(page).count()).toBe(matched);
    for (const text of await domRows(page).allTextContents()) expect(text).toContain(requestId);
    await expectAccessible(page, 'filtered');
    await page.getByTestId('records-browser').screenshot({ path: `${SCREENSHOTS}/validate-filtered.png` });
  });

  it('opens a record in the drawer with the keyboard and gives the focus back to its row', async () => {
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByTestId('records-count').textContent(), { timeout: 10_000 }).toBe(`${pulled.toLocaleString('en-US')} records`);
    await expect.poll(() => domRows(page).first().textContent()).toMatch(/req_/);
    await domRows(page).first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('PageDown');
    const index = await focusedAttribute(page, 'data-index');
    expect(Number(index)).toBeGreaterThan(5);
    expect(await focusedAttribute(page, 'aria-selected')).toBe('true');
    const requestId = (await grid(page).locator(`[data-index="${index}"] [role=gridcell]`).nth(5).textContent())!;

    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog');
    await drawer.waitFor();
    await expect(drawer.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(`Record ${Number(index) + 1} of ${pulled.toLocaleString('en-US')}`);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Close');
    await expect(drawer.getByTestId('raw-record').textContent()).resolves.toContain(requestId);
    await expect(drawer.textContent()).resolves.toMatch(/Time\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)? UTC \(.+ local\)/);
    await accessibleScreenshot(page, 'validate-drawer', { fullPage: false });

    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.count()).toBe(0);
    await expect.poll(() => focusedAttribute(page, 'data-index')).toBe(index);
  });

  it('scrolls a million rows smoothly, and marks a gap (a stand-in answers for the cache and the report)', async () => {
    // The demo's day has no gap: the kept report with an hour of buckets emptied and called a gap.
    const kept = await page.evaluate(() => window.evidence!.latestValidation({}));
    if (!kept.ok || !kept.value) throw new Error('no kept report');
    const gapped = structuredClone(kept.value);
    const file = gapped.report.files[0]!;
    const coverage = file.coverage!;
    const first = 100;
    const from = Date.parse(coverage.from) + first * coverage.bucket_ms;
    for (let i = first; i < first + 12; i++) coverage.counts[i] = 0;
    coverage.gaps = [{ from: new Date(from).toISOString(), to: new Date(from + 12 * coverage.bucket_ms).toISOString(), buckets: 12 }];

    const million = await browser.context.newPage();
    collectConsoleProblems(million, consoleProblems, 'million: ');
    try {
      await million.route('**/__bridge/call/countRecords', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: { total: 1_000_000 } }) }));
      await million.route('**/__bridge/call/latestValidation', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: gapped }) }));
      await million.route('**/__bridge/call/queryRecords', async (route) => {
        const { offset = 0, limit = 200 } = JSON.parse(route.request().postData() ?? '{}') as { offset?: number; limit?: number };
        const records = Array.from({ length: Math.max(0, Math.min(limit, 1_000_000 - offset)) }, (_, k) => {
          const i = offset + k;
          const time = new Date(Date.UTC(2026, 2, 1) + i * 1000).toISOString();
          return { id: i + 1, artifactId: 1, recordIndex: i + 1, type: 'events', recordId: `evt_${i}`, time, environment: 'production', configVersion: '1.0', requestId: `req_${i}`, escalationId: null, verdict: 'allow', raw: JSON.stringify({ id: `evt_${i}`, timestamp: time }) };
        });
        await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: { records, next: null } }) });
      });
      await million.goto(host.url);
      await million.getByTestId('app-info').waitFor();
      await openStep(million, 'Validate');
      await expect.poll(() => million.getByTestId('records-count').textContent(), { timeout: 10_000 }).toBe('1,000,000 records');
      await expect(grid(million).getAttribute('aria-rowcount')).resolves.toBe('1000001');

      // Scroll from top to bottom in 120 steps, one per frame, and time the frames.
      const frames = await million.evaluate(
        () =>
          new Promise<number[]>((resolve) => {
            const el = document.querySelector('.val-grid')!;
            const gaps: number[] = [];
            let step = 0;
            let last = 0;
            const tick = (t: number) => {
              if (last) gaps.push(t - last);
              last = t;
              el.scrollTop = ((el.scrollHeight - 400) * step) / 120;
              step += 1;
              if (step <= 120) window.requestAnimationFrame(tick);
              else resolve(gaps);
            };
            window.requestAnimationFrame(tick);
          }),
      );
      const sorted = [...frames].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      // A headless software-rendered Chromium: a loose bound that still catches rendering thousands of rows.
      expect(median).toBeLessThan(50);
      expect(await domRows(million).count()).toBeLessThan(40);
      await expect.poll(() => million.getByText(/^Loading row/).count(), { timeout: 10_000 }).toBe(0);
      const last = await domRows(million).evaluateAll((rows) => Math.max(...rows.map((r) => Number((r as unknown as { dataset: { index: string } }).dataset.index))));
      expect(last).toBe(999_999);
      await expect(grid(million).locator('[data-index="999999"]').getAttribute('aria-rowindex')).resolves.toBe('1000001');
      await expect(grid(million).locator('[data-index="999999"]').textContent()).resolves.toContain('req_999999');
      await million.getByTestId('records-browser').screenshot({ path: `${SCREENSHOTS}/validate-million.png` });

      const chart = million.getByTestId('coverage').locator('figure').first();
      await expect(chart.locator('.val-gap-band').count()).resolves.toBe(1);
      await expect(chart.locator('.val-legend').textContent()).resolves.toMatch(/1 gap: \d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? to .+ UTC/);
      const inGap = chart.locator('.val-bucket').nth(first + 5);
      await expect(inGap.getAttribute('aria-label')).resolves.toMatch(/: 0 records \(in a gap\)$/);
      await inGap.hover();
      await expect(chart.getByTestId('coverage-tooltip').textContent()).resolves.toMatch(/^0 records.+UTCIn a gap$/);
      await chart.screenshot({ path: `${SCREENSHOTS}/validate-coverage-gap.png` });
      console.warn(`[validate e2e] a million rows: median frame ${median.toFixed(1)} ms, worst ${sorted.at(-1)!.toFixed(1)} ms over ${frames.length} frames`);
    } finally {
      await million.close();
    }
  });

  it('looks right and stays accessible in dark mode', async () => {
    await inDarkMode(host, async (darkPage) => {
      await openStep(darkPage, 'Validate');
      await darkPage.getByTestId('validation-overall').waitFor();
      await expect(darkPage.getByTestId('validation-ran').textContent()).resolves.toContain('the most recent one kept in this workspace');
      await expect.poll(() => darkPage.getByTestId('records-count').textContent(), { timeout: 10_000 }).toBe(`${pulled.toLocaleString('en-US')} records`);
      await accessibleScreenshot(darkPage, 'validate-report-dark');
    });
  });

  it('ran under the shipped CSP with no console errors', () => {
    expect(consoleProblems, consoleProblems.join('\n')).toEqual([]);
  });
});

import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type TestBrowser } from '../support/browser';
import { expectAccessible } from './a11y';
import { startTestHost, type TestHost } from './host/server';

/** Where every e2e test saves its screenshots. */
export const SCREENSHOTS = resolve('test-results/screenshots');

export interface Shell {
  host: TestHost;
  browser: TestBrowser;
  page: Page;
}

/** Collects the page's console errors and warnings and its uncaught errors into `problems`, each after `prefix`. */
export function collectConsoleProblems(page: Page, problems: string[], prefix = ''): void {
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${prefix}${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${prefix}${error.message}`));
}

/**
 * The built renderer in Chromium through a fresh test host, on the app's first screen with the app info
 * shown. Console errors, warnings and page errors are collected into `consoleProblems` (the test asserts on them).
 */
export async function openShell(consoleProblems: string[]): Promise<Shell> {
  await mkdir(SCREENSHOTS, { recursive: true });
  // E2E_RENDERER_DIR: a renderer built elsewhere (`vite build --outDir …`), so parallel work need not share dist/.
  const host = await startTestHost({ rendererDir: resolve(process.env.E2E_RENDERER_DIR ?? 'dist/renderer') });
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  collectConsoleProblems(page, consoleProblems);
  await page.goto(host.url);
  await page.getByTestId('app-info').waitFor();
  return { host, browser, page };
}

/**
 * Opens the shell (openShell) before the tests of the enclosing describe and closes it after them;
 * `use` is handed what was opened. Returns the console problems the page reports.
 */
export function shellForSuite(use: (shell: Shell) => void): string[] {
  const consoleProblems: string[] = [];
  let shell: Shell | undefined;
  beforeAll(async () => {
    shell = await openShell(consoleProblems);
    use(shell);
  });
  afterAll(async () => {
    await shell?.browser.close();
    await shell?.host.close();
  });
  return consoleProblems;
}

/** Opens a step from the reviewer's path and waits for its heading (a Playwright wait, so hooks may use it too). */
export async function openStep(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: "Reviewer's path" }).getByRole('button', { name: label, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: label, exact: true }).waitFor({ timeout: 5_000 });
}

/**
 * A second Chromium in dark mode on the same host, its page on the app's first screen with the app
 * info shown; `run` uses that page, and the browser is closed after, whatever happened.
 */
export async function inDarkMode(host: TestHost, run: (page: Page) => Promise<void>): Promise<void> {
  const dark = await launchChromium({ colorScheme: 'dark' });
  try {
    const page = await dark.context.newPage();
    await page.goto(host.url);
    await page.getByTestId('app-info').waitFor();
    await run(page);
  } finally {
    await dark.close();
  }
}

/** axe on the page (expectAccessible, its problems reported under `name`), then a screenshot in SCREENSHOTS as `name`.png, of the full page unless told otherwise. */
export async function accessibleScreenshot(page: Page, name: string, options: { fullPage: boolean } = { fullPage: true }): Promise<void> {
  await expectAccessible(page, name);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: options.fullPage });
}

import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type TestBrowser } from '../support/browser';
import { startTestHost, type TestHost } from './host/server';

/** Where every e2e test saves its screenshots. */
export const SCREENSHOTS = resolve('test-results/screenshots');

/**
 * The built renderer in Chromium through a fresh test host, on the app's first screen. Console errors,
 * warnings and page errors are collected into `consoleProblems` (the test asserts on them).
 */
export async function openShell(consoleProblems: string[]): Promise<{ host: TestHost; browser: TestBrowser; page: Page }> {
  await mkdir(SCREENSHOTS, { recursive: true });
  // E2E_RENDERER_DIR: a renderer built elsewhere (`vite build --outDir …`), so parallel work need not share dist/.
  const host = await startTestHost({ rendererDir: resolve(process.env.E2E_RENDERER_DIR ?? 'dist/renderer') });
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
  });
  page.on('pageerror', (error) => consoleProblems.push(error.message));
  await page.goto(host.url);
  return { host, browser, page };
}

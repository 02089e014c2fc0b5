import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/protocol';

// Reads what `npm run build` produced (npm test builds before it runs the tests).
const rendererDir = resolve('dist/renderer');

describe('the built renderer', () => {
  it('carries the strict CSP in a meta tag, identical to the header the app:// protocol sends', async () => {
    const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
    for (const loosening of ["'unsafe-inline'", "'unsafe-eval'", 'localhost', '127.0.0.1', 'http:', 'https:', '*']) {
      expect(CONTENT_SECURITY_POLICY).not.toContain(loosening);
    }
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none';/);
  });

  it('has no inline scripts and loads nothing from another origin', async () => {
    const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body!.trim()).toBe('');
      expect(attributes).toMatch(/src="\/assets\//);
    }
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('builds a preload that requires nothing but electron (a sandboxed preload can load nothing else)', async () => {
    const preload = await readFile(resolve('dist/preload/index.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('bundles no Node built-ins and no remote URLs into the renderer code', async () => {
    const assets = await readdir(join(rendererDir, 'assets'));
    for (const asset of assets.filter((a) => a.endsWith('.js'))) {
      const code = await readFile(join(rendererDir, 'assets', asset), 'utf8');
      expect(code).not.toMatch(/require\(["']node:|from ?["']node:/);
      expect(code).not.toMatch(/fonts\.googleapis|cdn\.jsdelivr|unpkg\.com/);
    }
  });
});

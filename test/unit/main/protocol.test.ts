import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appResponseHeaders, CONTENT_SECURITY_POLICY, resolveAppAsset } from '../../../electron/main/protocol';

const root = resolve('/opt/app/renderer');

describe('resolveAppAsset', () => {
  it.each([
    ['app://evidence/', join(root, 'index.html')],
    ['app://evidence/index.html', join(root, 'index.html')],
    ['app://evidence/assets/index-abc.js', join(root, 'assets/index-abc.js')],
  ])('serves %s from the renderer folder', (url, file) => {
    expect(resolveAppAsset(root, url)).toBe(file);
  });

  it.each([
    ['app://evidence/../secrets.html', 'secrets.html'],
    ['app://evidence/%2e%2e/%2e%2e/etc/passwd.html', 'etc/passwd.html'],
  ])('keeps dot segments inside the root: %s', (url, inside) => {
    // The URL parser resolves dot segments against the origin's root, so they can never climb out.
    expect(resolveAppAsset(root, url)).toBe(join(root, inside));
  });

  it.each([
    'app://evidence/..%2f..%2fetc%2fpasswd.js',
    'app://evidence/assets%5c..%5c..%5cx.js',
    'app://evidence/a%00.js',
    'app://other/index.html',
    'https://evidence/index.html',
    'app://evidence/main.cjs',
    'app://evidence/%E0%A4%A.js',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });

  it('sends the CSP, nosniff and the right media type', () => {
    expect(appResponseHeaders('/x/index.html')).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    });
  });
});

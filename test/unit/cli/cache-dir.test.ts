import { describe, expect, it } from 'vitest';
import { platformCacheDir, resolveCacheDir } from '../../../electron/cli/cache-dir';

describe('the per-user cache folder', () => {
  it.each([
    ['linux', {}, '/home/ana', '/home/ana/.cache/evidence-packager'],
    ['linux', { XDG_CACHE_HOME: '/var/cache/ana' }, '/home/ana', '/var/cache/ana/evidence-packager'],
    ['linux', { XDG_CACHE_HOME: 'relative/cache' }, '/home/ana', '/home/ana/.cache/evidence-packager'],
    ['freebsd', { XDG_CACHE_HOME: '/xdg' }, '/home/ana', '/xdg/evidence-packager'],
    ['darwin', { XDG_CACHE_HOME: '/ignored' }, '/Users/ana', '/Users/ana/Library/Caches/evidence-packager'],
    ['win32', { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'C:\\Users\\ana', 'C:\\Users\\ana\\AppData\\Local\\evidence-packager'],
    ['win32', {}, 'C:\\Users\\ana', 'C:\\Users\\ana\\AppData\\Local\\evidence-packager'],
  ] as const)('on %s with %j', (platform, env, homedir, expected) => {
    expect(platformCacheDir({ platform, env, homedir })).toBe(expected);
  });

  it('prefers --cache, then $EVIDENCE_CACHE_DIR', () => {
    const host = { platform: 'linux' as const, env: { EVIDENCE_CACHE_DIR: '/env' }, homedir: '/home/ana' };
    expect(resolveCacheDir('/flag', host)).toBe('/flag');
    expect(resolveCacheDir(undefined, host)).toBe('/env');
    expect(resolveCacheDir(undefined, { ...host, env: { EVIDENCE_CACHE_DIR: '' } })).toBe('/home/ana/.cache/evidence-packager');
  });
});

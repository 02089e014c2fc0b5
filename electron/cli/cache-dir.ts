import { posix, win32 } from 'node:path';

/** What the default cache folder depends on; injected so every platform's rule is testable anywhere. */
export interface CacheDirHost {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homedir: string;
}

/** The folder name under the platform's per-user cache location. */
export const CACHE_FOLDER = 'evidence-packager';

/** The per-user cache location each platform's conventions name (XDG on Linux and other Unixes). */
export function platformCacheDir(host: CacheDirHost): string {
  if (host.platform === 'win32') return win32.join(host.env.LOCALAPPDATA || win32.join(host.homedir, 'AppData', 'Local'), CACHE_FOLDER);
  if (host.platform === 'darwin') return posix.join(host.homedir, 'Library', 'Caches', CACHE_FOLDER);
  // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  const xdg = host.env.XDG_CACHE_HOME;
  return posix.join(xdg && posix.isAbsolute(xdg) ? xdg : posix.join(host.homedir, '.cache'), CACHE_FOLDER);
}

/** `--cache DIR`, else $EVIDENCE_CACHE_DIR, else the platform's per-user default. */
export function resolveCacheDir(flag: string | undefined, host: CacheDirHost): string {
  return flag || host.env.EVIDENCE_CACHE_DIR || platformCacheDir(host);
}

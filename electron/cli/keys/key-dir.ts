import { posix, win32 } from 'node:path';
import type { CacheDirHost } from '../cache-dir';

/** The folders under the platform's per-user config location: the signing key lives in `<config>/evidence-packager/keys`. */
export const KEY_FOLDER = ['evidence-packager', 'keys'] as const;

/** The per-user config location each platform's conventions name (XDG on Linux and other Unixes), as cache-dir.ts does for the cache. */
export function platformKeyDir(host: CacheDirHost): string {
  if (host.platform === 'win32') return win32.join(host.env.APPDATA || win32.join(host.homedir, 'AppData', 'Roaming'), ...KEY_FOLDER);
  if (host.platform === 'darwin') return posix.join(host.homedir, 'Library', 'Application Support', ...KEY_FOLDER);
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = host.env.XDG_CONFIG_HOME;
  return posix.join(xdg && posix.isAbsolute(xdg) ? xdg : posix.join(host.homedir, '.config'), ...KEY_FOLDER);
}

/** `--key-dir DIR`, else $EVIDENCE_KEY_DIR, else the platform's per-user default. */
export function resolveKeyDir(flag: string | undefined, host: CacheDirHost): string {
  return flag || host.env.EVIDENCE_KEY_DIR || platformKeyDir(host);
}

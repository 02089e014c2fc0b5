// manifest-sha256.txt and tagmanifest-sha256.txt: "<sha256>  <path>" lines that `sha256sum -c` reads.
import { AppError } from '../errors';
import { compareBytes } from './names';

/** One file a manifest pins: its path relative to the bag's folder (`data/NOTE.md`, `bagit.txt`). */
export interface ManifestItem {
  path: string;
  sha256: string;
}

function refuse(message: string): never {
  throw new AppError('invalid-request', message, 'This is a bug in the app: no packet was written. Please report it.');
}

/**
 * One manifest line without its line end: lowercase hex, two spaces (text mode, as `sha256sum` writes
 * it), the path with forward slashes. Paths that `sha256sum -c` or BagIt would read differently are
 * refused: absolute, `.`/`..` segments, backslashes, line breaks, `%` (BagIt percent-encodes it).
 */
export function manifestLine(item: ManifestItem): string {
  if (!/^[0-9a-f]{64}$/.test(item.sha256)) refuse(`The manifest hash of ${item.path} is not a lowercase hex SHA-256.`);
  const segments = item.path.split('/');
  if (item.path === '' || item.path.startsWith('/') || /[\\\r\n%]/.test(item.path) || segments.some((s) => s === '' || s === '.' || s === '..')) {
    refuse(`"${item.path}" cannot be written to a manifest.`);
  }
  return `${item.sha256}  ${item.path}`;
}

/** A manifest's text: one line per file, sorted by path (UTF-8 byte order), LF line ends, a final LF. No path twice. */
export function formatManifest(items: readonly ManifestItem[]): string {
  const sorted = [...items].sort((a, b) => compareBytes(a.path, b.path));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.path === sorted[i - 1]!.path) refuse(`${sorted[i]!.path} is listed twice in a manifest.`);
  }
  return sorted.map((item) => `${manifestLine(item)}\n`).join('');
}

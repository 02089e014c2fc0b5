// Names in and of a packet: the zip and its top folder, and what a file name in the bag may be.

/** At most this many characters of path inside the zip, top folder included (UTF-16 units, as Windows counts). */
export const MAX_PATH_CHARS = 180;
/** At most this many UTF-8 bytes per name (the usual file system limit). */
export const MAX_NAME_BYTES = 255;
/** The reference part of a packet's name is cut to this many characters. */
export const MAX_REF_CHARS = 40;
/** The name used when the scope has no incident/review reference. */
export const DEFAULT_REF = 'review';

/**
 * The `<ref>` of a packet's name: the first incident/review reference made filename-safe. Accents are
 * dropped (`Störung` → `Storung`), every run of other characters than ASCII letters, digits, `.`, `_` and
 * `-` becomes one `-`, separators at either end go, and it is cut to {@link MAX_REF_CHARS}. `review` when
 * there is no reference or nothing is left of it.
 */
export function packetRef(references: readonly string[]): string {
  const first = references[0];
  if (first === undefined) return DEFAULT_REF;
  const trim = (s: string) => s.replace(/^[-._]+|[-._]+$/g, '');
  const safe = trim(
    first
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-'),
  );
  return trim(safe.slice(0, MAX_REF_CHARS)) || DEFAULT_REF;
}

/** A creation time as the packet's name carries it: UTC `yyyymmddThhmmssZ`. */
export function packetStamp(createdAtMs: number): string {
  const iso = new Date(createdAtMs).toISOString(); // 2026-03-20T10:30:00.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** The packet's stem: the zip is `<stem>.zip` and its one top folder `<stem>/`. */
export function packetStem(ref: string, createdAtMs: number): string {
  return `evidence-${ref}-${packetStamp(createdAtMs)}`;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const JUNK = new Set(['thumbs.db', 'ehthumbs.db', 'desktop.ini', '__macosx']);
/** Refused by Windows (`<>:"/\|?*`), macOS (`:` `/`), or BagIt manifests (`%` must be percent-encoded there, which `sha256sum -c` would not undo). */
const FORBIDDEN = /[<>:"/\\|?*%]/u;

/**
 * Why a file name cannot go into a bag as it is, or null if it can. The rules (docs/PACKET.md,
 * Portability): Unicode NFC; no control or invisible formatting characters (bidi overrides could
 * disguise a name); none of `< > : " / \ | ? * %`; not `.`/`..`, not hidden (leading `.`), no leading
 * space, no trailing space or dot; not a Windows device name (`CON`, `NUL.txt`…); not an OS junk file
 * (`.DS_Store`, `Thumbs.db`, `desktop.ini`, `__MACOSX`); at most {@link MAX_NAME_BYTES} UTF-8 bytes.
 */
export function nameProblem(name: string): string | null {
  if (name.length === 0) return 'it is empty';
  if (/\p{Cs}/u.test(name)) return 'it is not valid Unicode';
  if (name.normalize('NFC') !== name) return 'it is not in Unicode NFC form (as macOS sometimes writes names); rename it so that it is';
  if (/\p{Cc}/u.test(name)) return 'it contains a control character (such as a line break or tab)';
  if (/\p{Cf}/u.test(name)) return 'it contains an invisible formatting character (such as a right-to-left override)';
  const forbidden = FORBIDDEN.exec(name);
  if (forbidden) return `it contains "${forbidden[0]}", which Windows, macOS or BagIt manifests do not allow in a file name`;
  if (JUNK.has(name.toLowerCase()) || name.startsWith('._')) return 'it is an operating system junk file';
  if (name === '.' || name === '..') return 'it is not a file name';
  if (name.startsWith('.')) return 'it starts with "." (a hidden file)';
  if (name.startsWith(' ')) return 'it starts with a space';
  if (/[ .]$/.test(name)) return 'it ends with a space or a dot, which Windows removes';
  if (WINDOWS_RESERVED.test(name)) return 'it is a device name Windows reserves (such as CON, NUL or COM1)';
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) return `it is longer than ${MAX_NAME_BYTES} bytes`;
  return null;
}

/** Why a path inside the zip is too long, or null. */
export function pathProblem(zipPath: string): string | null {
  return zipPath.length > MAX_PATH_CHARS ? `its path in the zip would be ${zipPath.length} characters long (at most ${MAX_PATH_CHARS})` : null;
}

/**
 * Two names that differ only in letter case are one file on Windows and (usually) macOS; this is the
 * key they collide under.
 */
export function caseFoldKey(name: string): string {
  return name.normalize('NFC').toUpperCase().toLowerCase();
}

/** Orders paths by their UTF-8 bytes (= Unicode code point order), the order of zip entries and manifest lines. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

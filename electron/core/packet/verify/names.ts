// Entry names of an untrusted zip: how to show them, and what makes one unsafe or unportable.

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
/** Bidi embeddings, overrides and isolates, and other invisible formatting (Trojan-Source style names). */
const INVISIBLE = /[\p{Cf}\u2028\u2029]/u;
const LONE_SURROGATE = /\p{Cs}/u;
/** What is shown as `\u{…}`: controls, invisible formatting, line separators, lone surrogates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SHOWN_ESCAPED = /[\u0000-\u001f\u007f-\u009f\p{Cf}\u2028\u2029\p{Cs}]/gu;

/** At most this many characters of a name in a message. */
const MAX_SHOWN = 300;

/** `name` safe to print: control and invisible characters as `\u{XX}`, cut to a readable length. */
export function shown(name: string): string {
  const escaped = name.replace(SHOWN_ESCAPED, (ch) => `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}`);
  return escaped.length > MAX_SHOWN ? `${escaped.slice(0, MAX_SHOWN)}…` : escaped;
}

/** `name` in double quotes, for messages. */
export function quoted(name: string): string {
  return `"${shown(name)}"`;
}

/** Characters Windows refuses in a name (`/` and `\` are separators, checked apart). `:` would open an NTFS alternate data stream. */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/u;
/** Device names Windows reserves, with or without an extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/iu;
/** Operating system junk (PACKET.md, Portability). */
const JUNK = /^(\.ds_store|thumbs\.db|ehthumbs\.db|desktop\.ini|__macosx|\._.*)$/iu;

/**
 * Why an entry name is unsafe to extract anywhere, or null. A name is relative, `/`-separated, and each
 * segment is a plain name: no absolute path, drive letter, UNC path or backslash; no empty, `.` or `..`
 * segment; no control or invisible characters; nothing Windows refuses or treats specially (`:` streams,
 * device names, trailing dots and spaces, which it strips). `isDirectory` names end with one `/`.
 */
export function unsafeNameReason(name: string, isDirectory: boolean): string | null {
  if (name.length === 0) return 'it has an empty name';
  if (name.includes('\u0000')) return 'its name contains a NUL character';
  if (LONE_SURROGATE.test(name) || name.includes('\ufffd')) return 'its name is not valid UTF-8';
  if (name.includes('\\')) return 'its name contains a backslash, which Windows reads as a folder separator';
  if (name.startsWith('/')) return 'its name is an absolute path';
  if (/^[A-Za-z]:/u.test(name)) return 'its name starts with a drive letter';
  if (CONTROL.test(name)) return 'its name contains a control character';
  if (INVISIBLE.test(name)) return 'its name contains an invisible formatting character (such as a right-to-left override) that disguises it';
  const body = isDirectory ? name.slice(0, -1) : name;
  const segments = body.split('/');
  if (segments.includes('..')) return 'its name contains a ".." segment, which points outside the folder it is extracted to';
  if (segments.includes('.')) return 'its name contains a "." segment';
  if (segments.includes('')) return 'its name contains an empty segment ("//" or a trailing "/")';
  for (const segment of segments) {
    const bad = WINDOWS_FORBIDDEN.exec(segment);
    if (bad) return `its name contains "${bad[0]}", which Windows refuses (":" would write an alternate data stream)`;
    if (WINDOWS_DEVICE.test(segment)) return `its name has a segment "${shown(segment)}" that Windows opens as a device`;
    if (/[ .]$/u.test(segment)) return `its name has a segment "${shown(segment)}" that ends in a space or a dot, which Windows strips (so it could collide with another name)`;
  }
  return null;
}

/**
 * Why a (safe) name breaks the format's portability rules, or null: not NFC, an OS junk file, a `%`
 * (which BagIt manifests would have to percent-encode and `sha256sum -c` would not decode), or a path
 * longer than `maxChars` (counted with the top folder, as Windows does).
 */
export function unportableNameReason(name: string, maxChars: number): string | null {
  if (name.normalize('NFC') !== name) return 'its name is not in Unicode NFC form';
  const segments = name.replace(/\/$/u, '').split('/');
  const junk = segments.find((s) => JUNK.test(s));
  if (junk !== undefined) return `it is an operating system junk file ("${shown(junk)}")`;
  if (name.includes('%')) return 'its name contains "%", which the manifests would have to percent-encode (and sha256sum -c does not decode)';
  if (name.replace(/\/$/u, '').length > maxChars) return `its path is ${name.replace(/\/$/u, '').length} characters long, more than the ${maxChars} allowed`;
  return null;
}

/**
 * The key under which two names are the same file on a case-insensitive or normalising file system
 * (macOS, Windows): NFC, case-folded, trailing dots and spaces of each segment dropped.
 */
export function collisionKey(path: string): string {
  return path
    .normalize('NFC')
    .toUpperCase()
    .toLowerCase()
    .split('/')
    .map((segment) => segment.replace(/[ .]+$/u, ''))
    .join('/');
}

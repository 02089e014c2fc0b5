// BagIt tag files (RFC 8493) as PACKET.md uses them: bagit.txt, bag-info.txt (folded lines), and the
// sha256 manifests ("<64 lowercase hex><two spaces><path>", LF-terminated).

import { shown } from './names';

/** bagit.txt, byte for byte. */
export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** Something wrong with a tag file's syntax, at a line (from 1) or the file as a whole. */
export interface SyntaxProblem {
  line: number | null;
  message: string;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of a tag file, or why it is not UTF-8 text (invalid bytes, a byte order mark, NUL characters). */
export function tagText(bytes: Uint8Array): { text: string } | { problem: string } {
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    return { problem: 'it is not valid UTF-8' };
  }
  if (text.startsWith('\ufeff')) return { problem: 'it starts with a byte order mark' };
  if (text.includes('\u0000')) return { problem: 'it contains NUL characters' };
  return { text };
}

/** A line of a manifest: the hash and the path it pins. */
export interface ManifestLine {
  line: number;
  sha256: string;
  /** The path in the bag, percent-decoding undone (`%0A`, `%0D`, `%25`, per RFC 8493). */
  path: string;
}

/** A line for a message: escaped and cut short. */
function showLine(line: string): string {
  return `"${shown(line.length > 120 ? `${line.slice(0, 120)}…` : line)}"`;
}

/**
 * Parses a manifest. Every line must be `<64 lowercase hex>  <path>` (two spaces, as `sha256sum` writes
 * and reads), end in LF, and name a relative path inside the bag; each path at most once.
 */
export function parseManifest(bytes: Uint8Array): { lines: ManifestLine[]; problems: SyntaxProblem[] } {
  const decoded = tagText(bytes);
  if ('problem' in decoded) return { lines: [], problems: [{ line: null, message: decoded.problem }] };
  const lines: ManifestLine[] = [];
  const problems: SyntaxProblem[] = [];
  const raw = decoded.text.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  const seen = new Map<string, number>();
  raw.forEach((text, i) => {
    const line = i + 1;
    if (text.includes('\r')) return problems.push({ line, message: `line ${line} ends with a carriage return (CRLF); manifest lines end with LF only` });
    const match = /^([0-9a-fA-F]{64}) {2}(.+)$/su.exec(text);
    if (!match) return problems.push({ line, message: `line ${line} is not "<sha256>  <path>" (64 hex digits, two spaces, a path): ${showLine(text)}` });
    const [, sha256, encoded] = match as unknown as [string, string, string];
    // Still pins its file (compared in lowercase), so the file is not also reported as unlisted.
    if (sha256 !== sha256.toLowerCase()) problems.push({ line, message: `line ${line} has its hash in uppercase; manifests use lowercase hex` });
    const path = encoded.replace(/%(0A|0D|25)/giu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const segments = path.split('/');
    if (path.startsWith('/') || path.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..')) {
      return problems.push({ line, message: `line ${line} names ${showLine(path)}, which is not a plain relative path in the bag` });
    }
    const earlier = seen.get(path);
    if (earlier !== undefined) return problems.push({ line, message: `line ${line} lists ${showLine(path)} again (first on line ${earlier})` });
    seen.set(path, line);
    lines.push({ line, sha256: sha256.toLowerCase(), path });
  });
  return { lines, problems };
}

/** One metadata element of bag-info.txt, its folded continuation lines joined. */
export interface BagInfoElement {
  label: string;
  /** The value, continuation lines joined with one space (RFC 8493 folding). */
  value: string;
  line: number;
}

export interface BagInfo {
  elements: BagInfoElement[];
  problems: SyntaxProblem[];
}

/**
 * Parses bag-info.txt: `Label: value` lines (label without colon, not starting or ending with white space;
 * a colon and one space or tab before the value, which may be empty); a line starting with a space or tab
 * continues the value above it (folding). Lines end in LF, CR or CRLF.
 */
export function parseBagInfo(bytes: Uint8Array): BagInfo {
  const decoded = tagText(bytes);
  if ('problem' in decoded) return { elements: [], problems: [{ line: null, message: decoded.problem }] };
  const elements: BagInfoElement[] = [];
  const problems: SyntaxProblem[] = [];
  const raw = decoded.text.split(/\r\n|\r|\n/u);
  if (raw[raw.length - 1] === '') raw.pop();
  raw.forEach((text, i) => {
    const line = i + 1;
    if (/^[ \t]/u.test(text)) {
      const last = elements[elements.length - 1];
      if (!last || text.trim() === '') return problems.push({ line, message: `line ${line} is indented like a continuation, but ${last ? 'it is blank' : 'no label comes before it'}` });
      last.value = `${last.value} ${text.trim()}`.trim();
      return;
    }
    const match = /^([^:\s](?:[^:]*[^:\s])?):(?:[ \t](.*))?$/su.exec(text);
    if (!match) return problems.push({ line, message: `line ${line} is not "Label: value": ${showLine(text)}` });
    elements.push({ label: match[1]!, value: (match[2] ?? '').trim(), line });
  });
  return { elements, problems };
}

/** The values of `label` in order (repeated labels, like External-Identifier, give several). */
export function values(info: BagInfo, label: string): string[] {
  return info.elements.filter((e) => e.label === label).map((e) => e.value);
}

/** A value compared as a person reads it: runs of white space as one space, trimmed. */
export function normalizeSpace(value: string): string {
  return value.replace(/\s+/gu, ' ').trim();
}

/** A list value (`Request-Ids: a b c`): the items, split at white space (IDs never contain any; they may contain commas). */
export function listValue(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(/\s+/u).filter((item) => item !== '');
}

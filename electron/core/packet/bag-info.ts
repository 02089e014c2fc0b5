// bag-info.txt (RFC 8493 §2.2.2): "Label: value" lines, long values folded onto indented lines.
import type { EvidenceManifest } from '../../../shared/schemas/evidence';
import { AppError } from '../errors';

/** One metadata element. Labels may repeat (External-Identifier does, once per reference). */
export interface BagInfoElement {
  label: string;
  value: string;
}

/** Lines are folded to at most this many characters where the value has spaces to fold at (RFC 8493 recommends 79). */
export const BAG_INFO_WIDTH = 79;
/** What a continuation line starts with. */
const INDENT = '  ';
const LABEL = /^[^:\s](?:[^:\r\n]*[^:\s])?$/u;

function refuse(message: string, details?: unknown): never {
  throw new AppError('invalid-request', message, 'This is a bug in the app: no packet was written. Please report it.', details);
}

/**
 * A value as bag-info.txt carries it: every run of white space (line breaks and tabs included) becomes
 * one space, and white space at either end goes, so a value never holds a raw line break. Other control
 * characters are refused.
 */
export function bagInfoValue(label: string, value: string): string {
  const collapsed = value.replace(/\s+/gu, ' ').trim();
  if (/\p{Cc}/u.test(collapsed)) refuse(`The bag-info.txt value of ${label} contains a control character.`, { label });
  return collapsed;
}

/**
 * One element as lines (joined by LF, no final line break): `Label: value`, folded before a word when the
 * line would pass {@link BAG_INFO_WIDTH}; each continuation line starts with two spaces. A single word
 * longer than the line stays whole. The value must already be in {@link bagInfoValue} form.
 */
export function foldElement(label: string, value: string, width = BAG_INFO_WIDTH): string {
  if (!LABEL.test(label)) refuse(`"${label}" is not a valid bag-info.txt label.`, { label });
  if (value !== bagInfoValue(label, value)) refuse(`The bag-info.txt value of ${label} is not normalised.`, { label });
  const words = value.split(' ');
  const lines: string[] = [];
  let line = `${label}: ${words[0]!}`;
  for (const word of words.slice(1)) {
    if (line.length + 1 + word.length > width) {
      lines.push(line);
      line = INDENT + word;
    } else {
      line += ` ${word}`;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

/** bag-info.txt's text: the elements in the order given, LF line ends, a final LF. */
export function formatBagInfo(elements: readonly BagInfoElement[]): string {
  return elements.map((e) => `${foldElement(e.label, e.value)}\n`).join('');
}

/**
 * Reads bag-info.txt text back into elements, in order (the inverse of {@link formatBagInfo}): a line
 * that starts with a space or tab continues the previous value, joined by one space with its leading
 * white space removed; the one space (or tab) after a label's colon is not part of the value. LF, CRLF
 * and CR line ends are accepted; blank lines are skipped. Returns null for text that is not a tag file (a
 * line without a colon, or a continuation before any label).
 */
export function parseBagInfo(text: string): BagInfoElement[] | null {
  const elements: BagInfoElement[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() === '') continue;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      const last = elements.at(-1);
      if (!last) return null;
      last.value += ` ${line.replace(/^[ \t]+/, '')}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return null;
    elements.push({ label: line.slice(0, colon), value: line.slice(colon + 1).replace(/^[ \t]/, '') });
  }
  return elements;
}

/** Payload-Oxum: total payload octets, a dot, the number of payload files. */
export function payloadOxum(octets: number, files: number): string {
  return `${octets}.${files}`;
}

/** Bag-Size, for people: decimal units (1 KB = 1000 bytes), one decimal place from KB up (`512 B`, `1.5 KB`, `42.6 GB`). */
export function bagSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.95 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]!}`;
}

/** The figures bag-info.txt needs that evidence.json does not carry. */
export interface BagInfoFigures {
  sourceOrganization: string;
  payloadOctets: number;
  payloadFiles: number;
  /** The whole bag's size in bytes (tag files and payload), for Bag-Size. */
  bagBytes: number;
}

/**
 * The packet's bag-info.txt elements, in a fixed order: the reserved labels, then ours. Everything but
 * the figures comes from evidence.json, so the two cannot disagree. Labels with nothing to say are left
 * out (Contact-Email without an e-mail address, Review-Environment when the scope names none, empty ID
 * lists, External-Description without a why). Request-Ids and Escalation-Ids are space-separated (IDs
 * contain no white space). Every value is in {@link bagInfoValue} form.
 */
export function bagInfoElements(evidence: EvidenceManifest, figures: BagInfoFigures): BagInfoElement[] {
  const { scope } = evidence;
  const elements: BagInfoElement[] = [];
  const add = (label: string, value: string | null | undefined) => {
    if (value === null || value === undefined) return;
    const normal = bagInfoValue(label, value);
    if (normal !== '') elements.push({ label, value: normal });
  };
  const ids = (label: string, list: readonly string[]) => {
    const bad = list.find((id) => id === '' || /\s/u.test(id));
    if (bad !== undefined) refuse(`An ID in ${label} is empty or contains white space.`, { label });
    add(label, list.join(' '));
  };
  if (bagInfoValue('Source-Organization', figures.sourceOrganization) === '') {
    throw new AppError('invalid-request', 'The packet names no source organization.', 'Enter your organization’s name in the settings, then write the packet again.');
  }
  add('Source-Organization', figures.sourceOrganization);
  add('Contact-Name', evidence.reviewer.name);
  add('Contact-Email', evidence.reviewer.email);
  for (const reference of scope.references) add('External-Identifier', reference);
  add('External-Description', scope.why);
  add('Bagging-Date', evidence.created_at.slice(0, 10));
  add('Payload-Oxum', payloadOxum(figures.payloadOctets, figures.payloadFiles));
  add('Bag-Size', bagSize(figures.bagBytes));
  add('Review-Window-From', scope.window.from);
  add('Review-Window-To', scope.window.to);
  add('Review-Environment', scope.environment);
  add('Review-Config-Version', scope.config_version);
  ids('Request-Ids', scope.request_ids);
  ids('Escalation-Ids', scope.escalation_ids);
  add('Evidence-Packet-Id', evidence.packet_id);
  add('Signer-Key-Fingerprint', evidence.signer.fingerprint);
  add('Generator', `${evidence.generator.name} ${evidence.generator.version}`);
  return elements;
}

import type { EvidenceManifest } from '../../../../shared/schemas/evidence';
import type { NoteFields } from '../../../../shared/schemas/note';
import { escapeMarkdownText, markdownCode } from './escape';
import { formatNumber } from './format';

/** What the note needs besides the reviewer's fields: the packet it belongs to. */
export interface NoteContext {
  packetId: string;
  /** The packet's creation time, RFC 3339 UTC. */
  createdAt: string;
  scope: EvidenceManifest['scope'];
  /** The export files in the packet (evidence.json's `exports` fit). */
  exports: readonly { original_filename: string; type: string; format: string; records: number; sha256: string }[];
  /** The signer key's fingerprint, `SHA256:…`. */
  fingerprint: string;
}

/** What each Keeptrusts page shows, for "where to look for deeper context". */
const PAGES = {
  events: 'Events: every gateway decision, with its verdict, reason, model and config version; look up the request IDs above there.',
  escalations: 'Escalations: the human-review items raised by escalate events, with their status; look up the escalation IDs above there.',
} as const;

/** Untrusted text on one line of Markdown: cannot open HTML, line breaks shown as ⏎. */
function inline(value: string): string {
  return escapeMarkdownText(value).replace(/\n/g, ' ⏎ ');
}

/** Untrusted text, verbatim and multi-line, as a Markdown block quote: set apart from the note's own headings and unable to open HTML. */
function quote(value: string): string[] {
  return escapeMarkdownText(value.replace(/\s+$/, ''))
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`));
}

/** A list item of untrusted text; further lines continue the item. */
function item(value: string): string[] {
  const [first = '', ...rest] = escapeMarkdownText(value.replace(/\s+$/, '')).split('\n');
  return [`- ${first}`, ...rest.map((line) => (line === '' ? '' : `  ${line}`))];
}

/** The values of `first` then those of `second` not already there, in order. */
function union(first: readonly string[], second: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of [...first, ...second]) {
    if (!seen.has(value)) {
      seen.add(value);
      out.push(value);
    }
  }
  return out;
}

function reviewerLine(reviewer: NoteFields['reviewer']): string {
  return reviewer.email ? `${inline(reviewer.name)} (${inline(reviewer.email)})` : inline(reviewer.name);
}

function idList(label: string, ids: readonly string[], none: string): string[] {
  if (ids.length === 0) return [`${label}: ${none}`];
  return [`${label} (${formatNumber(ids.length)}):`, '', ...ids.map((id) => `- ${markdownCode(id)}`)];
}

/**
 * data/NOTE.md: the reviewer's note as Markdown that reads as well in a text editor as in a viewer (lists,
 * no tables, no HTML). Sections in the order the receiving reviewer needs them: why, what it supports,
 * scope, files, IDs to cross-reference, known limitations, where to look deeper, the reviewer's own
 * notes, and who signed and how to verify. Identifiers and hashes are code spans; the reviewer's text is
 * kept verbatim, with only what would open raw HTML neutralised. Deterministic; LF line ends and a
 * final newline.
 *
 * The references and IDs listed are the note's, followed by any of the scope's the note does not repeat.
 */
export function renderNote(fields: NoteFields, context: NoteContext): string {
  const { scope } = context;
  const lines: string[] = [];
  const section = (title: string, body: string[]) => lines.push('', `## ${title}`, '', ...body);

  lines.push(`# Evidence packet ${markdownCode(context.packetId)}`, '');
  lines.push(
    `Created ${markdownCode(context.createdAt)} by ${reviewerLine(fields.reviewer)}.`,
    'This note is data/NOTE.md of the packet; data/report.html has the full validation report and data/validation.json every check in detail.',
  );

  section('Why this evidence was exported', quote(fields.why));

  const supports = union(fields.supports, scope.references);
  section(
    'What it supports',
    supports.length === 0 ? ['No incident, review or escalation reference was given.'] : ['Incident, review and escalation references:', '', ...supports.map((ref) => `- ${markdownCode(ref)}`)],
  );

  const scopeLines = [
    `- Window as entered: ${scope.window.as_entered === null ? 'absolute (from and to)' : markdownCode(scope.window.as_entered)}`,
    `- Window resolved (UTC): ${markdownCode(scope.window.from)} to ${markdownCode(scope.window.to)}`,
    `- Environment: ${scope.environment === null ? 'not specified' : markdownCode(scope.environment)}`,
    `- Config version: ${scope.config_version === null ? 'not specified' : markdownCode(scope.config_version)}`,
    `- Export types: ${scope.types.length === 0 ? 'none named' : scope.types.map(inline).join(', ')}`,
  ];
  if (scope.control_tags.length > 0) scopeLines.push(`- Control tags: ${scope.control_tags.map(markdownCode).join(', ')}`);
  section('Scope', scopeLines);

  const files = [
    'The export files are in data/exports/, byte for byte as received, under their original filenames (which carry the export timestamp). CSV suits spreadsheet review and tickets; JSON carries the full event structure.',
    '',
  ];
  for (const file of context.exports) {
    files.push(
      `- ${markdownCode(file.original_filename)}`,
      `  - Type: ${inline(file.type)}; format: ${inline(file.format.toUpperCase())}; records: ${formatNumber(file.records)}`,
      `  - SHA-256: ${markdownCode(file.sha256)}`,
    );
  }
  if (context.exports.length === 0) files.push('- No export files.');
  section('Files', files);

  section('IDs to cross-reference', [
    ...idList('Request IDs', union(fields.request_ids, scope.request_ids), 'none given.'),
    '',
    ...idList('Escalation IDs', union(fields.escalation_ids, scope.escalation_ids), 'none given.'),
  ]);

  section('Known limitations', fields.limitations.length === 0 ? ['None noted.'] : fields.limitations.flatMap(item));

  const where = fields.deeper_context;
  const pointer =
    where === 'events'
      ? 'Use the Events page of Keeptrusts for deeper context.'
      : where === 'escalations'
        ? 'Use the Escalations page of Keeptrusts for deeper context.'
        : where === 'both'
          ? 'Use both the Events and the Escalations pages of Keeptrusts for deeper context.'
          : 'The reviewer did not name a page of Keeptrusts; both are described here.';
  const pages = where === 'events' ? [PAGES.events] : where === 'escalations' ? [PAGES.escalations] : [PAGES.events, PAGES.escalations];
  section('Where to look for deeper context', [pointer, '', ...pages.map((page) => `- ${page}`)]);

  section("Reviewer's notes", fields.free_text.trim() === '' ? ['No further notes.'] : quote(fields.free_text));

  section('Reviewer and how to verify', [
    `- Reviewer: ${reviewerLine(fields.reviewer)}`,
    `- Signer key fingerprint: ${markdownCode(context.fingerprint)}`,
    '',
    'Compare the fingerprint with the one the sender published out of band, not with anything inside this packet.',
    'Then check the signature and every file hash with standard tools (unzip, openssl, sha256sum) as data/VERIFY.txt describes.',
  ]);

  return `${lines.join('\n')}\n`;
}

import type { CustodyEntry } from '../../../../shared/schemas/custody';
import type { EvidenceManifest } from '../../../../shared/schemas/evidence';
import type { NoteFields } from '../../../../shared/schemas/note';
import type { ValidationReport, XrefHit } from '../../../../shared/schemas/validation';
import { escapeHtml as h } from './escape';
import { clipText, formatNumber, plural } from './format';
import { code, facts, muted, prose, shortCode, statusBadge, table, tightCode, utc } from './report-parts';
import { checkBlock, pairFiles, fileSection } from './report-files';
import { REPORT_STYLE } from './report-style';

/** What data/report.html is made of: the packet's manifest, the validation report, the custody chain and the note. */
export interface ReportInput {
  evidence: EvidenceManifest;
  validation: ValidationReport;
  custody: readonly CustodyEntry[];
  note: NoteFields;
  /** The bag's folder name (`evidence-<ref>-<stamp>`), for the verify commands; `evidence-…` when not given. */
  bagName?: string;
}

/** At most this many custody entries are listed (the last ones); data/custody.json has all. */
const CUSTODY_ROWS = 1000;

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function hitList(hits: readonly XrefHit[], total: number): string {
  if (hits.length === 0) return muted('nowhere');
  const items = hits.map((hit) => `<li>${code(hit.file)} ${h(`(${hit.type}) record ${formatNumber(hit.record)}, field`)} ${code(hit.field)}</li>`);
  const more = total > hits.length ? `<li>${muted(`… and ${formatNumber(total - hits.length)} more`)}</li>` : '';
  return `<ul>${items.join('')}${more}</ul>`;
}

const ESCALATION_STATUS: Record<string, string> = {
  complete: 'the escalation and the event that raised it are both here',
  incomplete: 'the escalation or the event that raised it is missing',
  missing: 'not found in any file',
};

function xrefSection(xref: ValidationReport['xref']): string {
  const out = ['<section id="xref" aria-labelledby="xref-h">', '<h2 id="xref-h">Cross-reference index</h2>'];
  out.push('<p>Where each ID of the scope was found in the files (file, record number counting from 1, field), or that it was not found. Look them up on the Events and Escalations pages of Keeptrusts for deeper context.</p>');
  const requests = xref?.request_ids ?? [];
  out.push(
    requests.length === 0
      ? `<p>${muted('The scope lists no request IDs.')}</p>`
      : table(
          'Request IDs',
          [{ label: 'Request ID' }, { label: 'Status' }, { label: 'Found in' }, { label: 'Places', numeric: true }],
          requests.map((r) => [code(r.id), r.found.length > 0 ? statusBadge('pass', 'FOUND') : statusBadge('fail', 'MISSING'), hitList(r.found, r.total), h(formatNumber(r.total))]),
        ),
  );
  const escalations = xref?.escalation_ids ?? [];
  out.push(
    escalations.length === 0
      ? `<p>${muted('The scope lists no escalation IDs.')}</p>`
      : table(
          'Escalation IDs',
          [{ label: 'Escalation ID' }, { label: 'Status' }, { label: 'Escalation record' }, { label: 'Raising event' }, { label: 'Places', numeric: true }],
          escalations.map((e) => [
            code(e.id),
            `${statusBadge(e.status === 'complete' ? 'pass' : e.status === 'incomplete' ? 'warn' : 'fail', String(e.status).toUpperCase())} ${h(ESCALATION_STATUS[e.status] ?? '')}`,
            hitList(e.escalation, e.escalation.length),
            hitList(e.events, e.events.length),
            h(formatNumber(e.total)),
          ]),
        ),
  );
  out.push('</section>');
  return out.join('');
}

function subjectSummary(subject: CustodyEntry['subject']): string {
  const parts = Object.entries(subject ?? {}).map(([k, v]) => `${k}: ${v === null ? 'null' : String(v)}`);
  return clipText(parts.join('; '), 240);
}

function custodySection(entries: readonly CustodyEntry[]): string {
  const out = ['<section id="custody" class="page-start" aria-labelledby="custody-h">', '<h2 id="custody-h">Chain of custody</h2>'];
  out.push(
    "<p>The workspace's custody log through this packet's <code>packed</code> entry, as data/custody.json carries it. Each entry's hash covers the previous one's, so no entry can be changed, removed or reordered without breaking the chain. Hashes are shortened here.</p>",
  );
  if (entries.length === 0) {
    out.push(`<p>${muted('No custody entries.')}</p>`, '</section>');
    return out.join('');
  }
  const shown = entries.length > CUSTODY_ROWS ? entries.slice(entries.length - CUSTODY_ROWS) : entries;
  if (shown.length < entries.length) out.push(`<p>${h(`Showing the last ${formatNumber(shown.length)} of ${formatNumber(entries.length)} entries; data/custody.json has all of them.`)}</p>`);
  out.push(
    table(
      'Custody entries',
      [{ label: 'Seq', numeric: true }, { label: 'At (UTC)' }, { label: 'Action' }, { label: 'Actor' }, { label: 'Subject' }, { label: 'Artifact SHA-256' }, { label: 'Entry hash' }],
      shown.map((e) => {
        const actor = [e.actor?.name, e.actor?.os_user === null || e.actor?.os_user === undefined ? null : `OS user ${e.actor.os_user}`].filter((v): v is string => typeof v === 'string');
        return [
          h(formatNumber(e.seq)),
          tightCode(e.at),
          h(e.action),
          actor.length > 0 ? h(actor.join(', ')) : muted('withheld'),
          h(subjectSummary(e.subject)),
          e.artifact_sha256 === null ? muted('none') : shortCode(e.artifact_sha256),
          shortCode(e.hash),
        ];
      }),
      'custody',
    ),
  );
  out.push('</section>');
  return out.join('');
}

function verifySection(fingerprint: string, bagName: string): string {
  const commands = [
    `unzip ${bagName}.zip && cd ${bagName}/`,
    'openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin \\',
    '        -in tagmanifest-sha256.txt -sigfile tagmanifest-sha256.txt.sig',
    'sha256sum -c tagmanifest-sha256.txt && sha256sum -c manifest-sha256.txt',
  ].join('\n');
  const fingerprintCommand = "openssl pkey -pubin -in signer.pub.pem -outform DER | openssl dgst -sha256 -binary | base64 | tr -d '='";
  return [
    '<section id="verify" aria-labelledby="verify-h">',
    '<h2 id="verify-h">How to verify</h2>',
    '<p>This report is part of the packet, so it can only repeat what the packet says. Verify the packet itself, with standard tools only (unzip, openssl, coreutils), as data/VERIFY.txt also describes:</p>',
    `<ol><li>Compare the signer key fingerprint ${code(fingerprint)} with the one the sender published out of band (not with anything inside the packet). The key's fingerprint is the output of:<pre><code>${h(fingerprintCommand)}</code></pre> prefixed with <code>SHA256:</code>.</li>`,
    `<li>Check the signature over the tag manifest, then every tag file and every payload file:<pre><code>${h(commands)}</code></pre>On macOS, <code>shasum -a 256 -c</code> reads the same manifests.</li>`,
    '<li>The signature covers tagmanifest-sha256.txt, which pins bagit.txt, bag-info.txt, manifest-sha256.txt, evidence.json and signer.pub.pem; manifest-sha256.txt pins every file under data/. Any changed byte makes a check fail.</li></ol>',
    '</section>',
  ].join('');
}

function limitationItems(evidence: EvidenceManifest, note: NoteFields): string[] {
  const texts = new Set<string>();
  const items: string[] = [];
  for (const l of evidence.limitations ?? []) {
    texts.add(l.text);
    items.push(l.kind === 'reviewer' ? `<li>${prose(l.text)}</li>` : `<li>${prose(l.text)} ${muted(`(${l.kind}: ${l.type})`)}</li>`);
  }
  for (const text of note.limitations ?? []) if (!texts.has(text)) items.push(`<li>${prose(text)}</li>`);
  return items;
}

const DEEPER: Record<string, string> = {
  events: 'Events',
  escalations: 'Escalations',
  both: 'Both Events and Escalations',
};

/**
 * data/report.html: one self-contained HTML5 document for people: the packet at a glance, scope,
 * reviewer's note, every export with its hashes, provenance, coverage chart and checks, the checks on the
 * set, the cross-reference index, the custody chain and how to verify. No script, no external resource
 * (a CSP meta says so too), inline CSS that prints to PDF with each file on its own page. Every string
 * from the inputs is escaped, and none reaches an attribute. Deterministic: the same input gives the same
 * string.
 */
export function renderReport(input: ReportInput): string {
  const { evidence, validation, custody, note } = input;
  const bagName = input.bagName ?? 'evidence-…';
  const scope = evidence.scope;
  const pairs = pairFiles(evidence.exports ?? [], validation.files ?? []);
  const counts = validation.counts;
  const limitations = limitationItems(evidence, note);

  const body: string[] = [];
  body.push(
    '<header class="summary">',
    `<h1>Evidence packet ${code(evidence.packet_id)}</h1>`,
    facts([
      ['Created', utc(evidence.created_at)],
      ['Generator', h(`${evidence.generator?.name ?? ''} ${evidence.generator?.version ?? ''}`.trim())],
      ['Reviewer', h(evidence.reviewer?.email ? `${evidence.reviewer.name} (${evidence.reviewer.email})` : (evidence.reviewer?.name ?? ''))],
      evidence.host ? ['Host', h(`${evidence.host.os_user} on ${evidence.host.host_name}`)] : null,
      [
        'Overall validation',
        `${statusBadge(validation.overall)} ${counts ? muted(`${plural(counts.pass, 'check')} passed, ${formatNumber(counts.warn)} warned, ${formatNumber(counts.fail)} failed, ${formatNumber(counts.skipped)} skipped`) : ''}`,
      ],
      ['Validated at', utc(validation.generated_at)],
      ['Signer key fingerprint', `${code(evidence.signer?.fingerprint ?? '')} ${muted(`(${evidence.signer?.algorithm ?? 'unknown algorithm'})`)}`],
    ]),
    '</header>',
  );

  body.push(
    '<nav class="toc" aria-label="Contents"><ol>',
    '<li><a href="#scope">Scope</a></li><li><a href="#note">Reviewer\'s note</a></li><li><a href="#files">Files</a></li>',
    '<li><a href="#set-checks">Checks on the set</a></li><li><a href="#xref">Cross-reference index</a></li><li><a href="#custody">Chain of custody</a></li><li><a href="#verify">How to verify</a></li>',
    '</ol></nav>',
  );

  body.push('<main>');
  body.push(
    '<section id="scope" aria-labelledby="scope-h">',
    '<h2 id="scope-h">Scope</h2>',
    facts([
      ['Window as entered', scope.window.as_entered === null ? 'absolute (from and to)' : code(scope.window.as_entered)],
      ['Window from (UTC)', utc(scope.window.from)],
      ['Window to (UTC)', utc(scope.window.to)],
      ['Environment', scope.environment === null ? muted('not specified') : code(scope.environment)],
      ['Config version', scope.config_version === null ? muted('not specified') : code(scope.config_version)],
      ['Export types', scope.types.length === 0 ? muted('none named') : scope.types.map((t) => h(t)).join(', ')],
      ['References', scope.references.length === 0 ? muted('none') : scope.references.map(code).join(', ')],
      ['Request IDs', scope.request_ids.length === 0 ? muted('none') : `${h(formatNumber(scope.request_ids.length))} ${muted('(see the cross-reference index)')}`],
      ['Escalation IDs', scope.escalation_ids.length === 0 ? muted('none') : `${h(formatNumber(scope.escalation_ids.length))} ${muted('(see the cross-reference index)')}`],
      ['Control tags', scope.control_tags.length === 0 ? muted('none') : scope.control_tags.map(code).join(', ')],
      ['Why', prose(scope.why)],
    ]),
    '</section>',
  );

  body.push(
    '<section id="note" aria-labelledby="note-h">',
    '<h2 id="note-h">Reviewer\'s note</h2>',
    facts([
      ['Why', prose(note.why)],
      ['Supports', note.supports.length === 0 ? muted('no reference given') : note.supports.map(code).join(', ')],
      ['Deeper context', note.deeper_context === null ? muted('not named: see Events for gateway decisions, Escalations for human-review items') : h(DEEPER[note.deeper_context] ?? String(note.deeper_context))],
      ['Reviewer', h(note.reviewer.email ? `${note.reviewer.name} (${note.reviewer.email})` : note.reviewer.name)],
    ]),
    '<h3>Known limitations</h3>',
    limitations.length === 0 ? `<p>${muted('None noted.')}</p>` : `<ul>${limitations.join('')}</ul>`,
    '<h3>Notes</h3>',
    note.free_text.trim() === '' ? `<p>${muted('No further notes.')}</p>` : `<pre class="free-text">${h(note.free_text)}</pre>`,
    '</section>',
  );

  body.push('<section id="files" aria-labelledby="files-h">', '<h2 id="files-h">Files</h2>');
  body.push(
    table(
      'Export files in the packet',
      [{ label: 'File' }, { label: 'Name' }, { label: 'Type' }, { label: 'Format' }, { label: 'Records', numeric: true }, { label: 'Size', numeric: true }, { label: 'SHA-256' }, { label: 'Validation' }],
      pairs.map(({ exp, report }, i) => [
        h(String(i + 1)),
        code(exp?.original_filename ?? report?.name ?? ''),
        h(exp?.type ?? report?.type ?? ''),
        h(String(exp?.format ?? report?.format ?? '').toUpperCase()),
        h(formatNumber(exp?.records ?? report?.records ?? 0)),
        h(formatNumber(exp?.bytes ?? report?.bytes ?? 0)),
        shortCode(exp?.sha256 ?? report?.sha256 ?? ''),
        report ? statusBadge(report.status) : muted(exp ? 'not validated' : 'not in the packet'),
      ]),
    ),
  );
  for (const [i, pair] of pairs.entries()) body.push(fileSection(pair, i + 1, scope.config_version));
  body.push('</section>');

  body.push(
    '<section id="set-checks" class="page-start" aria-labelledby="set-checks-h">',
    '<h2 id="set-checks-h">Checks on the set</h2>',
    `<p>${h(`The checks over all files together against the scope. Retention is measured from ${validation.generated_at}, with a ${formatNumber(validation.settings?.retention_hours ?? 0)} h horizon.`)}</p>`,
    ...(validation.checks ?? []).map((check) => checkBlock(check, 3)),
    '</section>',
  );
  body.push(xrefSection(validation.xref));
  body.push(custodySection(custody));
  body.push(verifySection(evidence.signer?.fingerprint ?? '', bagName));
  body.push('</main>');

  const head = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="color-scheme" content="light">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(`Evidence packet ${evidence.packet_id}: report`)}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
  ];
  return `${[...head, '<body>', ...body, '</body>', '</html>'].join('\n')}\n`;
}

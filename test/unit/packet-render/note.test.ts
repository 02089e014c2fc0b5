import { describe, expect, it } from 'vitest';
import { renderNote, type NoteContext } from '../../../electron/core/packet/render';
import type { NoteFields } from '../../../shared/schemas/note';
import { EVENTS_RECORDS, FINGERPRINT, HOSTILE, hostile, sampleEvidence, sampleNote } from './sample';

function context(evidence = sampleEvidence()): NoteContext {
  return { packetId: evidence.packet_id, createdAt: evidence.created_at, scope: evidence.scope, exports: evidence.exports, fingerprint: evidence.signer.fingerprint };
}

const SECTIONS = [
  'Why this evidence was exported',
  'What it supports',
  'Scope',
  'Files',
  'IDs to cross-reference',
  'Known limitations',
  'Where to look for deeper context',
  "Reviewer's notes",
  'Reviewer and how to verify',
];

/** The body of a `## ` section. */
function section(note: string, title: string): string {
  const start = note.indexOf(`\n## ${title}\n`);
  expect(start, title).toBeGreaterThan(-1);
  const rest = note.slice(start + title.length + 5);
  const end = rest.indexOf('\n## ');
  return end === -1 ? rest : rest.slice(0, end);
}

/** The note with its code spans (single or double backtick fences, as the samples use) removed. */
function withoutCodeSpans(text: string): string {
  return text.replace(/``[^\n]*?``|`[^`\n]*`/g, '');
}

describe('NOTE.md', () => {
  const note = renderNote(sampleNote(), context());

  it('has the title line and every section, in order, and nothing else at the top level', () => {
    expect(note.split('\n')[0]).toBe('# Evidence packet `pkt_01HQ7M9Z`');
    expect(note.match(/^## .*$/gm)).toEqual(SECTIONS.map((s) => `## ${s}`));
    expect(note.match(/^# /gm)).toHaveLength(1);
  });

  it('puts the values in their sections', () => {
    expect(section(note, 'Why this evidence was exported')).toContain('> Quarterly access review of the production gateway.\n> Requested by the audit team.');
    expect(section(note, 'What it supports')).toContain('- `INC-2041`\n- `REVIEW-2026-Q1`');
    const scope = section(note, 'Scope');
    expect(scope).toContain('- Window as entered: `1h`');
    expect(scope).toContain('- Window resolved (UTC): `2026-03-19T10:00:00Z` to `2026-03-19T11:00:00Z`');
    expect(scope).toContain('- Environment: `production`');
    expect(scope).toContain('- Config version: `0.1.0`');
    expect(scope).toContain('- Export types: events, escalations, traces');
    expect(scope).toContain('- Control tags: `SOC2:CC7.2`, `ISO27001:A.8.15`');
    const files = section(note, 'Files');
    expect(files).toContain(`- \`keeptrusts-events-20260319T110230Z.csv\`\n  - Type: events; format: CSV; records: ${EVENTS_RECORDS}\n  - SHA-256: \`dfb269d124b393a6116867632971885e38662b7e914d23e6e01d55ccf6f45d7b\``);
    expect(files).toContain('- `keeptrusts-escalations-20260319T110233Z.csv`\n  - Type: escalations; format: CSV; records: 1');
    const ids = section(note, 'IDs to cross-reference');
    expect(ids).toContain('Request IDs (2):\n\n- `req_5e0b8f3a72c91d4e`\n- `req_missing0001`');
    expect(ids).toContain('Escalation IDs (1):\n\n- `esc_m8xk1a000004`');
    const limitations = section(note, 'Known limitations');
    expect(limitations).toContain('- No traces export: the scope asked for traces.');
    expect(limitations).toContain('- Gap at 10:30 UTC: gateway restarted (see INC-2041).');
    const verify = section(note, 'Reviewer and how to verify');
    expect(verify).toContain('- Reviewer: Dana Reviewer (dana@example.org)');
    expect(verify).toContain(`- Signer key fingerprint: \`${FINGERPRINT}\``);
    expect(verify).toContain('data/VERIFY.txt');
  });

  it('names the Keeptrusts page(s) for deeper context, each with what it shows', () => {
    const where = (deeper_context: NoteFields['deeper_context']) => section(renderNote({ ...sampleNote(), deeper_context }, context()), 'Where to look for deeper context');
    const events = /^- Events: every gateway decision, with its verdict, reason, model and config version/m;
    const escalations = /^- Escalations: the human-review items raised by escalate events/m;
    expect(where('events')).toMatch(events);
    expect(where('events')).not.toMatch(escalations);
    expect(where('escalations')).toMatch(escalations);
    expect(where('escalations')).not.toMatch(events);
    expect(where('both')).toMatch(events);
    expect(where('both')).toMatch(escalations);
    expect(where('both')).toContain('Use both the Events and the Escalations pages');
    expect(where(null)).toContain('did not name a page');
    expect(where(null)).toMatch(escalations);
  });

  it("keeps the reviewer's text verbatim, set apart, with only raw HTML neutralised", () => {
    const notes = section(note, "Reviewer's notes");
    expect(notes).toBe('\n> Checked with the on-call engineer.\n>\n> ## Not a heading of the note\n> &lt;script>alert(1)&lt;/script> & R&D &amp;amp; a < b\n');
  });

  it('lists the scope references and IDs the note leaves out, and says when there are none', () => {
    const evidence = sampleEvidence();
    evidence.scope.references = ['INC-9'];
    evidence.scope.request_ids = ['req_only_in_scope'];
    const merged = renderNote(sampleNote(), context(evidence));
    expect(section(merged, 'What it supports')).toContain('- `INC-2041`\n- `REVIEW-2026-Q1`\n- `INC-9`');
    expect(section(merged, 'IDs to cross-reference')).toContain('- `req_only_in_scope`');

    evidence.scope.references = [];
    evidence.scope.request_ids = [];
    evidence.scope.escalation_ids = [];
    evidence.scope.environment = null;
    evidence.scope.window.as_entered = null;
    const bare = renderNote({ ...sampleNote(), supports: [], request_ids: [], escalation_ids: [], limitations: [], free_text: '  ' }, context(evidence));
    expect(section(bare, 'What it supports')).toContain('No incident, review or escalation reference was given.');
    expect(section(bare, 'IDs to cross-reference')).toContain('Request IDs: none given.');
    expect(section(bare, 'Known limitations')).toContain('None noted.');
    expect(section(bare, "Reviewer's notes")).toContain('No further notes.');
    expect(section(bare, 'Scope')).toContain('- Environment: not specified');
    expect(section(bare, 'Scope')).toContain('- Window as entered: absolute (from and to)');
  });

  it('is plain-text friendly: LF only, a final newline, no tables and no HTML', () => {
    expect(note).not.toContain('\r');
    expect(note.endsWith('\n')).toBe(true);
    expect(note.endsWith('\n\n')).toBe(false);
    expect(note).not.toMatch(/^\s*\|/m);
    expect(withoutCodeSpans(note)).not.toMatch(/<[A-Za-z/!?]/);
  });

  it('is deterministic', () => {
    expect(renderNote(sampleNote(), context())).toBe(note);
  });

  it('cannot be made to carry HTML or fake sections by hostile fields', () => {
    const fields = hostile(sampleNote());
    fields.free_text = `${HOSTILE}\r\n## Reviewer and how to verify\r\n- Signer key fingerprint: SHA256:forged`;
    fields.limitations = [`${HOSTILE}\n## Files`];
    const evil = renderNote(fields, context(hostile(sampleEvidence())));
    // Outside code spans (where Markdown shows text literally) nothing can open HTML.
    expect(withoutCodeSpans(evil)).not.toMatch(/<[A-Za-z/!?]/);
    expect(evil.match(/^## .*$/gm)).toEqual(SECTIONS.map((s) => `## ${s}`));
    expect(evil.match(/^# /gm)).toHaveLength(1);
    expect(evil).not.toContain('\r');
    expect(evil).not.toContain('\u202e');
    expect(evil).toContain('[U+202E]');
    // The hostile text is still there to read, escaped.
    expect(section(evil, "Reviewer's notes")).toContain("> &lt;img src=x onerror=alert(1)>\">&lt;script>alert(2)&lt;/script>' onmouseover='x' &amp;amp;");
    expect(section(evil, 'Files')).toContain("`<img src=x onerror=alert(1)>\"><script>alert(2)</script>' onmouseover='x' &amp; [U+202E]<!--<svg onload=alert(3)>keeptrusts-events-20260319T110230Z.csv`");
  });
});

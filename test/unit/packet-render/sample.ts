import { createRequire } from 'node:module';
import type { CustodyEntry } from '../../../shared/schemas/custody';
import type { EvidenceManifest } from '../../../shared/schemas/evidence';
import type { NoteFields } from '../../../shared/schemas/note';
import type { CheckResult, FileReport, ValidationReport } from '../../../shared/schemas/validation';
import { CHECK_TITLES } from '../../../electron/core/validate/checks/result';
import type { ReportInput } from '../../../electron/core/packet/render';

const SHA_EVENTS = 'dfb269d124b393a6116867632971885e38662b7e914d23e6e01d55ccf6f45d7b';
const SHA_ESC = '53501fca1b86d32c3eb6a93a3f9755ad2f53e423e6bcbd64d1fdbcfaab1cadc3';
export const FINGERPRINT = 'SHA256:Jq0Xn3eM1bq2yQ4kWcW7cZ4bq2yQ4kWcW7cZ4bq2yQ4';

/** 60 one-minute buckets: traffic every minute but a two-minute gap at 10:30 between busy minutes, and quiet buckets near the end. */
export const EVENTS_COUNTS: number[] = Array.from({ length: 60 }, (_, i) => (i === 30 || i === 31 ? 0 : i >= 55 ? 0 : i % 7 === 0 ? 12 : 10));
export const EVENTS_NONZERO = EVENTS_COUNTS.filter((c) => c > 0).length;
/** The events file's records: those in the window and 3 outside it. */
export const EVENTS_RECORDS = EVENTS_COUNTS.reduce((a, b) => a + b, 0) + 3;

const check = (id: CheckResult['id'], status: CheckResult['status'], summary: string, more: Partial<CheckResult> = {}): CheckResult => ({
  id,
  title: CHECK_TITLES[id],
  status,
  summary,
  evidence: {},
  examples: [],
  fix: null,
  ...more,
});

function fileChecks(name: string, records: number): CheckResult[] {
  return [
    check('empty', 'pass', `${records} records.`, { evidence: { records } }),
    check('filename-timestamp', 'pass', '2026-03-19T11:02:30.000Z, not before the last record.', { evidence: { filename: name, timestamp: '2026-03-19T11:02:30.000Z', tolerance_seconds: 300, difference_seconds: -1 } }),
    check('time-coverage', 'warn', 'All records are inside the window, but: 1 gap with no records while the traffic around it was busy.', {
      evidence: { in_window: records, before_window: 2, after_window: 1, bucket_ms: 60000, gaps: [{ from: '2026-03-19T10:30:00.000Z', to: '2026-03-19T10:32:00.000Z', buckets: 2 }] },
      fix: 'Confirm that traffic actually passed through Keeptrusts during those periods.',
    }),
    check('environment', 'pass', 'All records are from production.', { evidence: { expected: 'production', environments: { production: records } } }),
    check('config-version', 'warn', 'Two config versions ran.', {
      evidence: { expected: '0.1.0', versions: [{ version: '0.1.0', environment: 'production', count: Math.max(1, records - 3), first: '2026-03-19T10:00:01.000Z', last: '2026-03-19T10:58:00.000Z' }], transitions: [] },
      fix: 'Check that the rollout was expected.',
    }),
    check('format', 'pass', 'The file is RFC 4180 CSV.', { evidence: { problems: 0, by_kind: {}, read_completely: true, header: { expected: ['id', 'timestamp'], found: ['id', 'timestamp'] } } }),
    check('integrity', 'pass', 'The size, sha256, record count match what the job declared.', { evidence: { bytes: 818, declared: { bytes: 818, records } } }),
    check('duplicates', 'pass', 'Every id is unique.', { evidence: { duplicates: 0 } }),
    check('spreadsheet-safety', 'fail', '2 cells start with =, +, -, @.', {
      evidence: { cells: 2 },
      examples: [
        { record: 4, line: 5, byte_offset: 512, field: 'reason_code', value: '=HYPERLINK("http://x")', note: 'formula' },
        { record: 9, line: 10, byte_offset: 1024, field: 'model', value: '+cmd' },
      ],
      fix: 'Open the CSV with formulas disabled.',
    }),
  ];
}

const eventsReport = (): FileReport => ({
  name: 'keeptrusts-events-20260319T110230Z.csv',
  type: 'events',
  format: 'csv',
  bytes: 818,
  sha256: SHA_EVENTS,
  records: EVENTS_RECORDS,
  read_completely: true,
  first_record_at: '2026-03-19T10:00:01.000Z',
  last_record_at: '2026-03-19T10:58:00.000Z',
  job_id: 'job_01HQ7M3E',
  status: 'fail',
  coverage: {
    from: '2026-03-19T10:00:00.000Z',
    to: '2026-03-19T11:00:00.000Z',
    bucket_ms: 60000,
    counts: EVENTS_COUNTS,
    before_window: 2,
    after_window: 1,
    gaps: [{ from: '2026-03-19T10:30:00.000Z', to: '2026-03-19T10:32:00.000Z', buckets: 2 }],
  },
  environments: { production: EVENTS_RECORDS },
  config_versions: [
    { version: '0.2.0', environment: 'production', count: 3, first: '2026-03-19T10:50:00.000Z', last: '2026-03-19T10:58:00.000Z' },
    { version: '0.1.0', environment: 'production', count: EVENTS_RECORDS - 3, first: '2026-03-19T10:00:01.000Z', last: '2026-03-19T10:49:00.000Z' },
  ],
  verdicts: { allow: EVENTS_RECORDS - 100, block: 50, redact: 30, escalate: 20 },
  checks: fileChecks('keeptrusts-events-20260319T110230Z.csv', EVENTS_RECORDS),
});

const escalationsReport = (): FileReport => ({
  name: 'keeptrusts-escalations-20260319T110233Z.csv',
  type: 'escalations',
  format: 'csv',
  bytes: 421,
  sha256: SHA_ESC,
  records: 1,
  read_completely: true,
  first_record_at: '2026-03-19T10:41:00.000Z',
  last_record_at: '2026-03-19T10:41:00.000Z',
  job_id: null,
  status: 'warn',
  coverage: { from: '2026-03-19T10:00:00.000Z', to: '2026-03-19T11:00:00.000Z', bucket_ms: 60000, counts: Array.from({ length: 60 }, (_, i) => (i === 41 ? 1 : 0)), before_window: 0, after_window: 0, gaps: [] },
  environments: { production: 1 },
  config_versions: [],
  verdicts: {},
  checks: fileChecks('keeptrusts-escalations-20260319T110233Z.csv', 1),
});

export function sampleValidation(): ValidationReport {
  return {
    format: 'evidence-validation-report',
    format_version: 1,
    generated_at: '2026-03-20T12:00:00.000Z',
    scope: {
      window: { relative: '1h', from: '2026-03-19T10:00:00Z', to: '2026-03-19T11:00:00Z' },
      environment: 'production',
      config_version: '0.1.0',
      types: ['events', 'escalations', 'traces'],
      request_ids: ['req_5e0b8f3a72c91d4e', 'req_missing0001'],
      escalation_ids: ['esc_m8xk1a000004'],
    },
    settings: { retention_hours: 720, filename_tolerance_seconds: 300 },
    overall: 'fail',
    counts: { pass: 20, skipped: 0, warn: 5, fail: 2 },
    files: [eventsReport(), escalationsReport()],
    checks: [
      check('cross-reference', 'warn', '1 of 3 IDs is missing.', { evidence: { request_ids: 2, escalation_ids: 1, found: 2, missing_request_ids: ['req_missing0001'], missing_escalation_ids: [] }, fix: 'Export a wider window.' }),
      check('completeness', 'warn', 'traces were asked for but are missing.', { evidence: { asked: ['events', 'escalations', 'traces'], present: ['events', 'escalations'], extra: [] }, fix: 'Export traces, or note the limitation.' }),
      check('retention', 'pass', 'The window starts after the retention horizon.', { evidence: { window_from: '2026-03-19T10:00:00.000Z', retention_hours: 720, horizon: '2026-02-18T12:00:00.000Z' } }),
    ],
    xref: {
      request_ids: [
        {
          id: 'req_5e0b8f3a72c91d4e',
          total: 3,
          found: [
            { file: 'keeptrusts-events-20260319T110230Z.csv', type: 'events', record: 4, field: 'request_id' },
            { file: 'keeptrusts-escalations-20260319T110233Z.csv', type: 'escalations', record: 1, field: 'request_id' },
          ],
        },
        { id: 'req_missing0001', total: 0, found: [] },
      ],
      escalation_ids: [
        {
          id: 'esc_m8xk1a000004',
          escalation: [{ file: 'keeptrusts-escalations-20260319T110233Z.csv', type: 'escalations', record: 1, field: 'id' }],
          events: [{ file: 'keeptrusts-events-20260319T110230Z.csv', type: 'events', record: 4, field: 'escalation_id' }],
          total: 2,
          status: 'complete',
        },
      ],
    },
    limitations: [{ kind: 'missing-type', type: 'traces', text: 'No traces export: the scope asked for traces.' }],
  };
}

export function sampleNote(): NoteFields {
  return {
    why: 'Quarterly access review of the production gateway.\nRequested by the audit team.',
    supports: ['INC-2041', 'REVIEW-2026-Q1'],
    request_ids: ['req_5e0b8f3a72c91d4e', 'req_missing0001'],
    escalation_ids: ['esc_m8xk1a000004'],
    limitations: ['No traces export: the scope asked for traces.', 'Gap at 10:30 UTC: gateway restarted (see INC-2041).'],
    deeper_context: 'both',
    free_text: 'Checked with the on-call engineer.\n\n## Not a heading of the note\n<script>alert(1)</script> & R&D &amp; a < b',
    reviewer: { name: 'Dana Reviewer', email: 'dana@example.org' },
  };
}

export function sampleEvidence(): EvidenceManifest {
  const v = sampleValidation();
  return {
    packet_id: 'pkt_01HQ7M9Z',
    format: 'evidence-packet',
    format_version: 1,
    created_at: '2026-03-20T12:30:00Z',
    generator: { name: 'Evidence Packager', version: '0.1.0' },
    reviewer: { name: 'Dana Reviewer', email: 'dana@example.org' },
    host: { os_user: 'dana', host_name: 'laptop-7' },
    scope: {
      window: { as_entered: '1h', from: '2026-03-19T10:00:00Z', to: '2026-03-19T11:00:00Z' },
      environment: 'production',
      config_version: '0.1.0',
      types: ['events', 'escalations', 'traces'],
      request_ids: ['req_5e0b8f3a72c91d4e', 'req_missing0001'],
      escalation_ids: ['esc_m8xk1a000004'],
      references: ['INC-2041', 'REVIEW-2026-Q1'],
      why: 'Quarterly access review of the production gateway.',
      control_tags: ['SOC2:CC7.2', 'ISO27001:A.8.15'],
    },
    exports: [
      {
        path: 'data/exports/keeptrusts-events-20260319T110230Z.csv',
        original_filename: 'keeptrusts-events-20260319T110230Z.csv',
        type: 'events',
        format: 'csv',
        bytes: 818,
        sha256: SHA_EVENTS,
        records: EVENTS_RECORDS,
        first_record_at: '2026-03-19T10:00:01.000Z',
        last_record_at: '2026-03-19T10:58:00.000Z',
        provenance: {
          kind: 'pulled',
          api_base_url: 'https://api.keeptrusts.example',
          job_id: 'job_01HQ7M3E',
          request: { type: 'events', format: 'csv', time_window: '1h', filters: { environment: 'production' } },
          server_declared: { record_count: EVENTS_RECORDS, size_bytes: 818, sha256: SHA_EVENTS, filename: 'keeptrusts-events-20260319T110230Z.csv' },
          download_origin: 'https://downloads.keeptrusts.example/exports/job_01HQ7M3E',
          downloaded_at: '2026-03-19T11:02:40.000Z',
          resumed: 0,
          pulled_by: 'dana',
        },
      },
      {
        path: 'data/exports/keeptrusts-escalations-20260319T110233Z.csv',
        original_filename: 'keeptrusts-escalations-20260319T110233Z.csv',
        type: 'escalations',
        format: 'csv',
        bytes: 421,
        sha256: SHA_ESC,
        records: 1,
        first_record_at: '2026-03-19T10:41:00.000Z',
        last_record_at: '2026-03-19T10:41:00.000Z',
        provenance: { kind: 'imported', original_filename: 'keeptrusts-escalations-20260319T110233Z.csv', original_modified_at: '2026-03-19T11:02:33.000Z', imported_by: 'dana', imported_at: '2026-03-20T09:00:00.000Z' },
      },
    ],
    validation: {
      overall: v.overall,
      generated_at: v.generated_at,
      checks: [...v.files.flatMap((f) => f.checks.map((c) => ({ id: c.id, file: f.name, status: c.status, summary: c.summary }))), ...v.checks.map((c) => ({ id: c.id, file: null, status: c.status, summary: c.summary }))],
    },
    xref: v.xref,
    limitations: [
      { kind: 'missing-type', type: 'traces', text: 'No traces export: the scope asked for traces.' },
      { kind: 'reviewer', text: 'Gap at 10:30 UTC: gateway restarted (see INC-2041).' },
    ],
    signer: { algorithm: 'ed25519', fingerprint: FINGERPRINT },
  };
}

export function sampleCustody(): CustodyEntry[] {
  const hash = (n: number) => n.toString(16).padStart(2, '0').repeat(32);
  const entries: Omit<CustodyEntry, 'prev_hash' | 'hash'>[] = [
    { seq: 1, at: '2026-03-19T11:02:40.000Z', action: 'pulled', actor: { name: 'Dana Reviewer', os_user: 'dana' }, subject: { job_id: 'job_01HQ7M3E', export_type: 'events', format: 'csv', original_filename: 'keeptrusts-events-20260319T110230Z.csv', bytes: 818 }, artifact_sha256: SHA_EVENTS },
    { seq: 2, at: '2026-03-20T09:00:00.000Z', action: 'imported', actor: { name: null, os_user: 'dana' }, subject: { original_filename: 'keeptrusts-escalations-20260319T110233Z.csv', export_type: 'escalations', format: 'csv', bytes: 421 }, artifact_sha256: SHA_ESC },
    { seq: 3, at: '2026-03-20T12:00:00.000Z', action: 'validated', actor: { name: 'Dana Reviewer', os_user: null }, subject: { validation_run_id: 7, overall: 'fail' }, artifact_sha256: null },
    { seq: 4, at: '2026-03-20T12:30:00.000Z', action: 'packed', actor: { name: 'Dana Reviewer', os_user: 'dana' }, subject: { packet_id: 'pkt_01HQ7M9Z' }, artifact_sha256: null },
  ];
  return entries.map((e, i) => ({ ...e, prev_hash: hash(i), hash: hash(i + 1) }));
}

export function sampleInput(): ReportInput {
  return { evidence: sampleEvidence(), validation: sampleValidation(), custody: sampleCustody(), note: sampleNote(), bagName: 'evidence-INC-2041-20260320T123000Z' };
}

/** Every way we know to break out of HTML text, attributes, Markdown and the reader's eyes. */
export const HOSTILE = `<img src=x onerror=alert(1)>"><script>alert(2)</script>' onmouseover='x' &amp; \u202e<!--<svg onload=alert(3)>`;

/** `value` with every string (but provenance `kind`, which picks the shape) prefixed by HOSTILE, and a hostile key added to every free-form record. */
export function hostile<T>(value: T, key = ''): T {
  if (typeof value === 'string') return (key === 'kind' ? value : `${HOSTILE}${value}`) as T;
  if (Array.isArray(value)) return value.map((v) => hostile(v, key)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = hostile(v, k);
    if (['evidence', 'request', 'environments', 'verdicts', 'subject', 'filters', 'by_kind'].includes(key)) out[HOSTILE] = HOSTILE;
    return out as T;
  }
  return value;
}

/** Minimal DOM types for what the tests look at (jsdom ships no types here). */
export interface MiniNode {
  nodeType: number;
  textContent: string | null;
}
export interface MiniElement extends MiniNode {
  childNodes: ArrayLike<MiniNode>;
  tagName: string;
  localName: string;
  textContent: string | null;
  attributes: ArrayLike<{ name: string; value: string }>;
  children: ArrayLike<MiniElement>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): MiniElement | null;
  querySelectorAll(selector: string): ArrayLike<MiniElement>;
}
export interface MiniDocument extends MiniElement {
  documentElement: MiniElement;
  head: MiniElement;
  body: MiniElement;
  doctype: { name: string } | null;
  title: string;
}

const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: { document: MiniDocument } } };

const BLOCKS = new Set(['p', 'div', 'dt', 'dd', 'li', 'tr', 'th', 'td', 'caption', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'title', 'desc', 'text', 'section', 'header', 'table', 'ul', 'ol', 'dl']);

/** An element's text as a reader sees it: block elements and cells apart by a space, white space collapsed. */
export function words(el: MiniElement | null): string {
  if (!el) return '';
  const parts: string[] = [];
  const walk = (node: MiniNode) => {
    if (node.nodeType === 3) parts.push(node.textContent ?? '');
    else if (node.nodeType === 1) {
      const element = node as MiniElement;
      const block = BLOCKS.has(element.localName);
      if (block) parts.push(' ');
      for (const child of Array.from(element.childNodes)) walk(child);
      if (block) parts.push(' ');
    }
  };
  walk(el);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** The HTML parsed as a browser would. */
export function parseHtml(html: string): MiniDocument {
  return new JSDOM(html).window.document;
}

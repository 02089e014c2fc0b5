import type { ResponseOf } from '../../../shared/bridge/contract';
import type { RecordView } from '../../../shared/bridge/types';
import type { Result } from '../../../shared/result';
import type { CheckResult, FileReport, ValidationReport } from '../../../shared/schemas/validation';
import { installBridge, ok } from './bridge-double';

const FROM = '2026-03-20T00:00:00Z';
const TO = '2026-03-20T01:00:00Z';

/** A check as the validator writes it. */
export function check(overrides: Partial<CheckResult> & Pick<CheckResult, 'id' | 'status'>): CheckResult {
  return { title: overrides.id, summary: `${overrides.id} summary.`, evidence: {}, examples: [], fix: null, ...overrides };
}

/** One file of a report: an hour of events in 5-minute buckets with a gap, and a rollout in production. */
export function fileReport(overrides: Partial<FileReport> = {}): FileReport {
  return {
    name: 'keeptrusts-events-20260320T010000Z.csv',
    type: 'events',
    format: 'csv',
    bytes: 12_345,
    sha256: 'a'.repeat(64),
    records: 110,
    read_completely: true,
    first_record_at: '2026-03-20T00:00:05.000Z',
    last_record_at: '2026-03-20T00:59:30.000Z',
    job_id: 'job_1',
    status: 'fail',
    coverage: { from: FROM, to: TO, bucket_ms: 300_000, counts: [10, 12, 11, 0, 0, 0, 15, 14, 13, 12, 11, 12], before_window: 1, after_window: 0, gaps: [{ from: '2026-03-20T00:15:00Z', to: '2026-03-20T00:30:00Z', buckets: 3 }] },
    environments: { production: 80, staging: 30 },
    config_versions: [
      { version: '1.0', environment: 'production', count: 50, first: '2026-03-20T00:00:05.000Z', last: '2026-03-20T00:34:00.000Z' },
      { version: '1.1', environment: 'production', count: 30, first: '2026-03-20T00:35:00.000Z', last: '2026-03-20T00:59:30.000Z' },
      { version: '1.0', environment: 'staging', count: 30, first: '2026-03-20T00:01:00.000Z', last: '2026-03-20T00:58:00.000Z' },
    ],
    verdicts: { allow: 90, block: 20 },
    checks: [
      check({ id: 'empty', status: 'pass', title: 'Not empty', summary: '110 records.' }),
      check({
        id: 'time-coverage',
        status: 'fail',
        title: 'Time coverage',
        summary: '1 record before the window.',
        evidence: { before_window: 1 },
        examples: [{ record: 1, line: 2, field: 'timestamp', value: '2026-03-19T23:59:59Z' }],
        fix: "Export exactly the scope's window.",
      }),
      check({ id: 'config-version', status: 'warn', title: 'Config version', summary: 'production moved from 1.0 to 1.1.', fix: 'Say in the note which records ran which version.' }),
      check({ id: 'environment', status: 'skipped', title: 'Environment', summary: 'The scope names no environment.', fix: 'Write the environment into the scope.' }),
    ],
    ...overrides,
  };
}

/** A whole report around one file (or the given ones). */
export function report(overrides: Partial<ValidationReport> = {}): ValidationReport {
  return {
    format: 'evidence-validation-report',
    format_version: 1,
    generated_at: '2026-03-20T01:00:05Z',
    scope: { window: { from: FROM, to: TO }, types: ['events', 'escalations'], request_ids: [], escalation_ids: [], why: 'Incident review.' },
    settings: { retention_hours: 720, filename_tolerance_seconds: 300 },
    overall: 'fail',
    counts: { pass: 2, skipped: 1, warn: 1, fail: 2 },
    files: [fileReport()],
    checks: [
      check({ id: 'completeness', status: 'fail', title: 'Completeness', summary: 'Escalations are missing.', fix: 'Pull the escalations too.' }),
      check({ id: 'retention', status: 'pass', title: 'Retention', summary: 'Inside retention.' }),
    ],
    xref: { request_ids: [], escalation_ids: [] },
    limitations: [{ kind: 'missing-type', type: 'escalations', text: 'No escalations export is included.' }],
    ...overrides,
  };
}

/** A cached record with index `i` (times a second apart from the window's start). */
export function record(i: number, overrides: Partial<RecordView> = {}): RecordView {
  const time = new Date(Date.parse(FROM) + i * 1000).toISOString();
  return {
    id: i + 1,
    artifactId: 1,
    recordIndex: i + 1,
    type: 'events',
    recordId: `evt_${i}`,
    time,
    environment: i % 2 ? 'staging' : 'production',
    configVersion: '1.0',
    requestId: `req_${i.toString(16).padStart(6, '0')}`,
    escalationId: i % 10 === 0 ? `esc_${i}` : null,
    verdict: i % 5 === 0 ? 'block' : 'allow',
    raw: JSON.stringify({ id: `evt_${i}`, timestamp: time, verdict: i % 5 === 0 ? 'block' : 'allow' }),
    ...overrides,
  };
}

/**
 * A stand-in for window.evidence with what the Validate step calls: a cache of `total` synthetic records
 * (a request id filter matches one), a kept report (or none), and validate/cancelTask answered by the
 * test. Every call is recorded; `hold` keeps queryRecords answers until released.
 */
export function fakeValidateBridge(options: { total?: number; latest?: ValidationReport | null } = {}) {
  const held: (() => void)[] = [];
  let hold = false;
  let answerValidate: (answer: Result<ResponseOf<'validate'>>) => void = () => {};
  const total = options.total ?? 1000;
  const matching = (request: { requestId?: string }) => (typeof request.requestId === 'string' ? 1 : total);
  const double = installBridge({
    latestValidation: () => ok(options.latest ? { runId: 7, report: options.latest } : null),
    validate: () => new Promise((resolve) => (answerValidate = resolve)),
    cancelTask: () => {
      answerValidate({ ok: false, error: { code: 'cancelled', message: 'Cancelled.', hint: '' } });
      return ok({ cancelled: true });
    },
    countRecords: (request) => ok({ total: matching(request) }),
    queryRecords: (request) => {
      const offset = Number(request.offset ?? 0);
      const limit = Number(request.limit ?? 200);
      const count = Math.max(0, Math.min(limit, matching(request) - offset));
      const records =
        typeof request.requestId === 'string' ? [record(42, { requestId: request.requestId })] : Array.from({ length: count }, (_, k) => record(offset + k));
      const answer = ok({ records, next: null });
      if (!hold) return answer;
      return new Promise((resolve) => held.push(() => resolve(answer)));
    },
  });
  return {
    ...double,
    answerValidate: (answer: Result<ResponseOf<'validate'>>) => answerValidate(answer),
    hold: (on: boolean) => (hold = on),
    release: () => held.splice(0).forEach((r) => r()),
  };
}

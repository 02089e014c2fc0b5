import type { ExportType } from '../../shared/domain';
import type {
  AnyRecord,
  AuditLogRecord,
  EscalationRecord,
  EventRecord,
  RecordOf,
  TraceRecord,
} from '../../shared/schemas/records';
import { configVersionAt, hasTraffic, HOUR_MS, type DataConfig } from './data-config';
import { createRng, weighted, type Rng } from './prng';

/** A record with its instant in ms, so windows can be cut without parsing strings. */
export interface Timed<R> {
  t: number;
  record: R;
}

const STREAM = { events: 1, escalations: 2, traces: 3, audit: 4 } as const;
const iso = (t: number) => new Date(t).toISOString();

const MODELS = [
  ['gpt-4o', 'openai'],
  ['gpt-4o-mini', 'openai'],
  ['claude-sonnet-4', 'anthropic'],
  ['gemini-2.5-pro', 'google'],
  ['llama-3.3-70b', 'meta'],
] as const;
const REASONS = {
  allow: ['all_policies_passed'],
  block: ['prompt_injection_detected', 'jailbreak_attempt', 'policy_violation', 'blocked_topic'],
  redact: ['pii_detected', 'secret_detected', 'pci_detected'],
  escalate: ['low_confidence_output', 'sensitive_topic', 'human_review_required'],
} as const;
const REVIEWERS = ['ana.silva@example.com', 'j.okafor@example.com', 'm.lindqvist@example.com'];
const RESOLUTION_NOTES = [
  'Confirmed false positive; no customer data left the gateway.',
  'Reviewed, "needs policy tuning" per runbook RB-12',
  'Output withheld; user notified, ticket INC-2291',
  'Approved after manual check',
];

/** Hourly volume with a daily rhythm (quietest around 03:00 UTC) and a little noise. */
function hourlyCount(perHour: number, hourIndex: number, rng: Rng): number {
  const hourOfDay = hourIndex % 24;
  const rhythm = 1 + 0.5 * Math.sin(((hourOfDay - 9) / 24) * 2 * Math.PI);
  return Math.max(0, Math.round(perHour * rhythm * (0.9 + 0.2 * rng.float())));
}

/** Every decision event of one hour (ms index `hourIndex`), in time order, one at a time. */
export function* eventsOfHour(config: DataConfig, hourIndex: number): Generator<Timed<EventRecord>> {
  const start = hourIndex * HOUR_MS;
  if (start + HOUR_MS <= config.dataStart || start >= config.now) return;
  const rng = createRng(config.seed, STREAM.events, hourIndex);
  const count = hourlyCount(config.eventsPerHour, hourIndex, rng);
  const step = HOUR_MS / Math.max(1, count);
  for (let i = 0; i < count; i++) {
    const t = start + Math.floor((i + rng.float()) * step);
    const verdict = weighted(rng, { allow: 82, block: 7, redact: 8, escalate: 3 });
    const [model, provider] = rng.pick(MODELS);
    const environment = weighted(rng, config.environments);
    const requestId = `req_${rng.hex(16)}`;
    const reason = rng.pick(REASONS[verdict]);
    if (!hasTraffic(config, t)) continue;
    const suffix = `${t.toString(36)}${i.toString(36).padStart(4, '0')}`;
    yield {
      t,
      record: {
        id: `evt_${suffix}`,
        event_type: 'decision',
        timestamp: iso(t),
        verdict,
        reason_code: reason,
        model,
        provider,
        config_version: configVersionAt(config, environment, t),
        environment,
        request_id: requestId,
        escalation_id: verdict === 'escalate' ? `esc_${suffix}` : null,
      },
    };
  }
}

/** The escalations raised by one hour's escalate events; their progress depends on the clock. */
export function escalationsOfHour(config: DataConfig, hourIndex: number): Timed<EscalationRecord>[] {
  const hourEnd = (hourIndex + 1) * HOUR_MS;
  const rng = createRng(config.seed, STREAM.escalations, hourIndex);
  const out: Timed<EscalationRecord>[] = [];
  for (const { t, record: event } of eventsOfHour(config, hourIndex)) {
    if (event.verdict !== 'escalate' || event.escalation_id === null) continue;
    const created = Math.min(t + 50 + rng.int(450), hourEnd - 1);
    const claimed = created + (2 + rng.int(88)) * 60_000;
    const resolved = claimed + (5 + rng.int(235)) * 60_000;
    const reviewer = rng.pick(REVIEWERS);
    const severity = weighted(rng, { low: 30, medium: 45, high: 20, critical: 5 });
    const resolution = rng.pick(['approved', 'rejected', 'modified']);
    const note = rng.pick(RESOLUTION_NOTES);
    if (created >= config.now) continue;
    const isClaimed = claimed < config.now;
    const isResolved = resolved < config.now;
    out.push({
      t: created,
      record: {
        id: event.escalation_id,
        event_id: event.id,
        request_id: event.request_id,
        status: isResolved ? 'resolved' : isClaimed ? 'claimed' : 'queued',
        reason_code: event.reason_code,
        severity,
        config_version: event.config_version,
        environment: event.environment,
        created_at: iso(created),
        claimed_at: isClaimed ? iso(claimed) : null,
        claimed_by: isClaimed ? reviewer : null,
        resolved_at: isResolved ? iso(resolved) : null,
        resolution: isResolved ? resolution : null,
        resolution_note: isResolved ? note : null,
      },
    });
  }
  // Creation delays differ, so a later event's escalation can be created first.
  return out.sort((a, b) => a.t - b.t);
}

/** The spans of one hour's requests, ordered by start time. */
export function tracesOfHour(config: DataConfig, hourIndex: number): Timed<TraceRecord>[] {
  const hourEnd = (hourIndex + 1) * HOUR_MS;
  const rng = createRng(config.seed, STREAM.traces, hourIndex);
  const out: Timed<TraceRecord>[] = [];
  for (const { t, record: event } of eventsOfHour(config, hourIndex)) {
    const traceId = rng.hex(32);
    const rootId = rng.hex(16);
    const spans: { name: string; start: number; duration: number; status: 'ok' | 'error'; attributes: Record<string, unknown> }[] = [];
    let cursor = t + 1 + rng.int(3);
    const policyMs = 2 + rng.int(28);
    spans.push({ name: 'policy.evaluate', start: cursor, duration: policyMs, status: 'ok', attributes: { verdict: event.verdict, reason_code: event.reason_code } });
    cursor += policyMs;
    if (event.verdict !== 'block') {
      const callMs = 200 + rng.int(3800);
      const failed = rng.float() < 0.01;
      spans.push({
        name: 'provider.call',
        start: cursor,
        duration: callMs,
        status: failed ? 'error' : 'ok',
        attributes: { provider: event.provider, model: event.model, tokens_in: 20 + rng.int(2000), tokens_out: failed ? 0 : 10 + rng.int(1500) },
      });
      cursor += callMs;
    }
    if (event.verdict === 'redact') {
      const redactMs = 1 + rng.int(9);
      spans.push({ name: 'redact.apply', start: cursor, duration: redactMs, status: 'ok', attributes: { redactions: 1 + rng.int(4) } });
      cursor += redactMs;
    }
    const rootEnd = cursor + 1 + rng.int(4);
    const base = { trace_id: traceId, request_id: event.request_id, environment: event.environment };
    out.push({
      t,
      record: {
        ...base,
        span_id: rootId,
        parent_span_id: null,
        name: 'gateway.request',
        start_time: iso(t),
        end_time: iso(rootEnd),
        duration_ms: rootEnd - t,
        status: spans.some((s) => s.status === 'error') ? 'error' : 'ok',
        attributes: { verdict: event.verdict, event_id: event.id, config_version: event.config_version },
      },
    });
    for (const span of spans) {
      const start = Math.min(span.start, hourEnd - 1, config.now - 1);
      out.push({
        t: start,
        record: {
          ...base,
          span_id: rng.hex(16),
          parent_span_id: rootId,
          name: span.name,
          start_time: iso(start),
          end_time: iso(start + span.duration),
          duration_ms: span.duration,
          status: span.status,
          attributes: span.attributes,
        },
      });
    }
  }
  return out.sort((a, b) => a.t - b.t);
}

const AUDIT_ACTIONS = {
  'user.login': 30,
  'user.logout': 10,
  'user.login_failed': 5,
  'export.created': 8,
  'export.downloaded': 8,
  'key.created': 2,
  'key.rotated': 2,
  'key.revoked': 1,
  'escalation.assigned': 6,
  'escalation.resolved': 6,
  'config.updated': 3,
  'user.role_changed': 1,
  'kb.uploaded': 2,
} as const;
const AUDIT_USERS = ['admin@example.com', ...REVIEWERS, 'sre.oncall@example.com'];

/** One hour's audit entries: logins, exports, key and config changes, and any deployment in that hour. */
export function auditOfHour(config: DataConfig, hourIndex: number): Timed<AuditLogRecord>[] {
  const start = hourIndex * HOUR_MS;
  if (start + HOUR_MS <= config.dataStart || start >= config.now) return [];
  const rng = createRng(config.seed, STREAM.audit, hourIndex);
  const count = hourlyCount(config.auditPerHour, hourIndex, rng);
  const entries: Timed<AuditLogRecord>[] = [];
  for (let i = 0; i < count; i++) {
    const t = start + rng.int(HOUR_MS);
    const action = weighted(rng, AUDIT_ACTIONS);
    const actor = rng.pick(AUDIT_USERS);
    const environment = weighted(rng, config.environments);
    const ip = `203.0.113.${1 + rng.int(254)}`;
    const resource = rng.hex(10);
    const [resourceType] = action.split('.') as [string];
    entries.push({
      t,
      record: {
        id: `aud_${t.toString(36)}${i.toString(36).padStart(3, '0')}`,
        timestamp: iso(t),
        actor,
        actor_type: 'user',
        action,
        resource_type: resourceType,
        resource_id: resourceType === 'user' ? actor : `${resourceType}_${resource}`,
        ip_address: ip,
        status: action === 'user.login_failed' ? 'failure' : 'success',
        details: { user_agent: 'Mozilla/5.0 (Keeptrusts Console)', environment },
        environment,
      },
    });
  }
  for (const [environment, at] of Object.entries(config.rollout.at)) {
    if (at < start || at >= start + HOUR_MS) continue;
    entries.push({
      t: at,
      record: {
        id: `aud_${at.toString(36)}dep`,
        timestamp: iso(at),
        actor: 'ci-deploy-token',
        actor_type: 'api_token',
        action: 'config.deployed',
        resource_type: 'config',
        resource_id: `config_${environment}`,
        ip_address: null,
        status: 'success',
        details: { from_version: config.rollout.fromVersion, to_version: config.rollout.toVersion },
        environment,
      },
    });
  }
  return entries.filter((e) => hasTraffic(config, e.t)).sort((a, b) => a.t - b.t);
}

/** Each type's records of one hour, in time order (a list or a lazy sequence). */
const OF_HOUR: { [T in ExportType]: (config: DataConfig, hourIndex: number) => Iterable<Timed<RecordOf[T]>> } = {
  events: eventsOfHour,
  escalations: escalationsOfHour,
  traces: tracesOfHour,
  'audit-log': auditOfHour,
};

/** Filters a request may carry. */
export interface RecordFilters {
  environment?: string;
  verdict?: string;
}

function matches(record: AnyRecord, filters: RecordFilters): boolean {
  if (filters.environment !== undefined && record.environment !== filters.environment) return false;
  if (filters.verdict !== undefined && 'verdict' in record && record.verdict !== filters.verdict) return false;
  return true;
}

/** Every record of `type` in [from, to), oldest first, generated hour by hour (never all in memory). */
export function* recordsInWindow<T extends ExportType>(
  config: DataConfig,
  type: T,
  from: number,
  to: number,
  filters: RecordFilters = {},
): Generator<Timed<RecordOf[T]>> {
  const ofHour = OF_HOUR[type] as (c: DataConfig, h: number) => Iterable<Timed<RecordOf[T]>>;
  for (let hour = Math.floor(from / HOUR_MS); hour * HOUR_MS < to; hour++) {
    for (const item of ofHour(config, hour)) {
      if (item.t >= from && item.t < to && matches(item.record, filters)) yield item;
    }
  }
}

/** Records of `type` at or before `until`, newest first, for the events tail. */
export function* recordsNewestFirst<T extends ExportType>(
  config: DataConfig,
  type: T,
  since: number,
  until: number,
  filters: RecordFilters = {},
): Generator<Timed<RecordOf[T]>> {
  const ofHour = OF_HOUR[type] as (c: DataConfig, h: number) => Iterable<Timed<RecordOf[T]>>;
  for (let hour = Math.floor(until / HOUR_MS); (hour + 1) * HOUR_MS > since; hour--) {
    const items = [...ofHour(config, hour)];
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i]!;
      if (item.t >= since && item.t <= until && matches(item.record, filters)) yield item;
    }
  }
}

/** Drops the instants, keeping the records. */
export function* withoutTimes<R>(items: Iterable<Timed<R>>): Generator<R> {
  for (const item of items) yield item.record;
}

import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { UTC_INSTANT_PATTERN, VERDICTS, type ExportType } from '../domain';

const Instant = Type.String({ pattern: UTC_INSTANT_PATTERN });
const Id = Type.String({ minLength: 1, maxLength: 200 });
const Text = Type.String({ maxLength: 10_000 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const OneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const strict = { additionalProperties: false } as const;

/** A gateway decision event. `escalation_id` is set only when the verdict is `escalate`. */
export const EventRecord = Type.Object(
  {
    id: Id,
    event_type: Text,
    timestamp: Instant,
    verdict: OneOf(VERDICTS),
    reason_code: Text,
    model: Text,
    provider: Text,
    config_version: Text,
    environment: Text,
    request_id: Id,
    escalation_id: Nullable(Id),
  },
  strict,
);

/** A human-review escalation raised by an `escalate` event. */
export const EscalationRecord = Type.Object(
  {
    id: Id,
    event_id: Id,
    request_id: Id,
    status: OneOf(['queued', 'claimed', 'resolved']),
    reason_code: Text,
    severity: OneOf(['low', 'medium', 'high', 'critical']),
    config_version: Text,
    environment: Text,
    created_at: Instant,
    claimed_at: Nullable(Instant),
    claimed_by: Nullable(Text),
    resolved_at: Nullable(Instant),
    resolution: Nullable(Text),
    resolution_note: Nullable(Text),
  },
  strict,
);

/** One span of a request's execution trace. */
export const TraceRecord = Type.Object(
  {
    trace_id: Id,
    span_id: Id,
    parent_span_id: Nullable(Id),
    name: Text,
    request_id: Id,
    start_time: Instant,
    end_time: Instant,
    duration_ms: Type.Number({ minimum: 0 }),
    status: OneOf(['ok', 'error']),
    environment: Text,
    attributes: Type.Record(Type.String(), Type.Unknown()),
  },
  strict,
);

/** One immutable audit-log entry: who did what to which resource, when and from where. */
export const AuditLogRecord = Type.Object(
  {
    id: Id,
    timestamp: Instant,
    actor: Text,
    actor_type: OneOf(['user', 'api_token', 'system']),
    action: Type.String({ pattern: '^[a-z0-9_]+(\\.[a-z0-9_]+)+$', maxLength: 200 }),
    resource_type: Text,
    resource_id: Text,
    ip_address: Nullable(Text),
    status: OneOf(['success', 'failure']),
    details: Type.Record(Type.String(), Type.Unknown()),
    environment: Text,
  },
  strict,
);

export type EventRecord = Static<typeof EventRecord>;
export type EscalationRecord = Static<typeof EscalationRecord>;
export type TraceRecord = Static<typeof TraceRecord>;
export type AuditLogRecord = Static<typeof AuditLogRecord>;

/** The record type of each export type. */
export interface RecordOf {
  events: EventRecord;
  escalations: EscalationRecord;
  traces: TraceRecord;
  'audit-log': AuditLogRecord;
}
export type AnyRecord = RecordOf[ExportType];

/** JSON schema of one record, per export type. */
export const recordSchemas = {
  events: EventRecord,
  escalations: EscalationRecord,
  traces: TraceRecord,
  'audit-log': AuditLogRecord,
} as const satisfies Record<ExportType, TSchema>;

/** CSV header per export type, in the contract's column order (the schema's property order). */
export const csvColumns: { readonly [T in ExportType]: readonly (keyof RecordOf[T] & string)[] } = {
  events: Object.keys(EventRecord.properties) as (keyof EventRecord)[],
  escalations: Object.keys(EscalationRecord.properties) as (keyof EscalationRecord)[],
  traces: Object.keys(TraceRecord.properties) as (keyof TraceRecord)[],
  'audit-log': Object.keys(AuditLogRecord.properties) as (keyof AuditLogRecord)[],
};

/** The field that places a record in time, for windows and coverage. */
export const recordTimeField = {
  events: 'timestamp',
  escalations: 'created_at',
  traces: 'start_time',
  'audit-log': 'timestamp',
} as const satisfies { [T in ExportType]: keyof RecordOf[T] };

/**
 * Fields every record of a type carries, whatever else a server adds: a JSON export whose records lack
 * them is another type's (or not an export at all). `id` may be spelled `event_id` by some servers.
 */
export const identifyingFields = {
  events: ['timestamp', 'verdict'],
  escalations: ['event_id', 'status', 'created_at'],
  traces: ['trace_id', 'span_id', 'start_time'],
  'audit-log': ['timestamp', 'actor', 'action'],
} as const satisfies { [T in ExportType]: readonly (keyof RecordOf[T])[] };

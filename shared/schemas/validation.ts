import { Type, type Static } from '@sinclair/typebox';
import { EXPORT_FORMATS, EXPORT_TYPES, UTC_INSTANT_PATTERN } from '../domain';
import { ReviewScope } from './scope';

const Instant = Type.String({ pattern: UTC_INSTANT_PATTERN });
const Count = Type.Integer({ minimum: 0 });
const strict = { additionalProperties: false } as const;
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** Outcomes of a check, worst last. */
export const CHECK_STATUSES = ['pass', 'skipped', 'warn', 'fail'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** Checks run on each file. */
export const FILE_CHECK_IDS = ['empty', 'filename-timestamp', 'time-coverage', 'environment', 'config-version', 'format', 'integrity', 'duplicates', 'spreadsheet-safety'] as const;
/** Checks run on the set of files against the scope. */
export const SET_CHECK_IDS = ['cross-reference', 'completeness', 'retention'] as const;
export type CheckId = (typeof FILE_CHECK_IDS)[number] | (typeof SET_CHECK_IDS)[number];

/** A record a check points at, as the file has it. Records and lines count from 1, bytes from 0. */
export const CheckExample = Type.Object(
  {
    file: Type.Optional(Type.String({ maxLength: 500 })),
    record: Type.Optional(Count),
    line: Type.Optional(Count),
    byte_offset: Type.Optional(Count),
    field: Type.Optional(Type.String({ maxLength: 200 })),
    value: Type.Optional(Type.String({ maxLength: 300 })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  strict,
);
export type CheckExample = Static<typeof CheckExample>;

/** One check's outcome: what was found, the numbers behind it, a few examples, and what to do. */
export const CheckResult = Type.Object(
  {
    id: literals<CheckId>([...FILE_CHECK_IDS, ...SET_CHECK_IDS]),
    title: Type.String({ maxLength: 200 }),
    status: literals(CHECK_STATUSES),
    summary: Type.String({ maxLength: 2000 }),
    evidence: Type.Record(Type.String(), Type.Unknown()),
    examples: Type.Array(CheckExample, { maxItems: 20 }),
    fix: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]),
  },
  strict,
);
export type CheckResult = Static<typeof CheckResult>;

/** Records per time bucket over the review window, for the coverage chart; gaps are [from, to). */
export const Coverage = Type.Object(
  {
    from: Instant,
    to: Instant,
    bucket_ms: Type.Integer({ minimum: 1 }),
    counts: Type.Array(Count, { maxItems: 1000 }),
    before_window: Count,
    after_window: Count,
    gaps: Type.Array(Type.Object({ from: Instant, to: Instant, buckets: Count }, strict)),
  },
  strict,
);
export type Coverage = Static<typeof Coverage>;

/** One config version as seen in one environment. */
export const VersionSeen = Type.Object({ version: Type.String(), environment: Type.String(), count: Count, first: Instant, last: Instant }, strict);
export type VersionSeen = Static<typeof VersionSeen>;

/** Every check of one export file, with the facts the UI and the packet show. */
export const FileReport = Type.Object(
  {
    name: Type.String({ maxLength: 500 }),
    type: literals(EXPORT_TYPES),
    format: literals(EXPORT_FORMATS),
    bytes: Count,
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    records: Count,
    read_completely: Type.Boolean(),
    first_record_at: Type.Union([Instant, Type.Null()]),
    last_record_at: Type.Union([Instant, Type.Null()]),
    job_id: Type.Union([Type.String(), Type.Null()]),
    status: literals(['pass', 'warn', 'fail'] as const),
    coverage: Type.Union([Coverage, Type.Null()]),
    environments: Type.Record(Type.String(), Count),
    config_versions: Type.Array(VersionSeen),
    verdicts: Type.Record(Type.String(), Count),
    checks: Type.Array(CheckResult),
  },
  strict,
);
export type FileReport = Static<typeof FileReport>;

/** Where one record of the scope's IDs was found. */
export const XrefHit = Type.Object({ file: Type.String(), type: literals(EXPORT_TYPES), record: Count, field: Type.String() }, strict);
export type XrefHit = Static<typeof XrefHit>;

/** The cross-reference index: for every ID in the scope, where it is (at most a few places each) or that it is not. */
export const XrefIndex = Type.Object(
  {
    request_ids: Type.Array(Type.Object({ id: Type.String(), found: Type.Array(XrefHit, { maxItems: 20 }), total: Count }, strict)),
    escalation_ids: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          escalation: Type.Array(XrefHit, { maxItems: 20 }),
          events: Type.Array(XrefHit, { maxItems: 20 }),
          total: Count,
          status: literals(['complete', 'incomplete', 'missing'] as const),
        },
        strict,
      ),
    ),
  },
  strict,
);
export type XrefIndex = Static<typeof XrefIndex>;

/** A known limitation of the evidence set, for the note step to pre-fill. */
export const Limitation = Type.Object(
  { kind: literals(['missing-type', 'empty-type'] as const), type: literals(EXPORT_TYPES), text: Type.String({ maxLength: 500 }) },
  strict,
);
export type Limitation = Static<typeof Limitation>;

/**
 * The validation report: what the UI shows, what `evidence validate --json` prints and what the packet
 * carries as data/validation.json.
 */
export const ValidationReport = Type.Object(
  {
    format: Type.Literal('evidence-validation-report'),
    format_version: Type.Literal(1),
    generated_at: Instant,
    scope: ReviewScope,
    settings: Type.Object({ retention_hours: Type.Integer({ minimum: 1 }), filename_tolerance_seconds: Type.Integer({ minimum: 0 }) }, strict),
    overall: literals(['pass', 'warn', 'fail'] as const),
    counts: Type.Object({ pass: Count, skipped: Count, warn: Count, fail: Count }, strict),
    files: Type.Array(FileReport),
    checks: Type.Array(CheckResult),
    xref: XrefIndex,
    limitations: Type.Array(Limitation),
  },
  strict,
);
export type ValidationReport = Static<typeof ValidationReport>;

/** The outcome of several checks: fail if any failed, else warn if any warned, else pass (skipped checks pass nothing, and fail nothing). */
export function overallStatus(statuses: readonly CheckStatus[]): 'pass' | 'warn' | 'fail' {
  return statuses.includes('fail') ? 'fail' : statuses.includes('warn') ? 'warn' : 'pass';
}

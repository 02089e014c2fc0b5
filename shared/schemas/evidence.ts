import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { EXPORT_FORMATS, EXPORT_TYPES, UTC_INSTANT_PATTERN } from '../domain';
import { CHECK_STATUSES, FILE_CHECK_IDS, SET_CHECK_IDS, XrefIndex } from './validation';

const Instant = Type.String({ pattern: UTC_INSTANT_PATTERN });
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });
const Count = Type.Integer({ minimum: 0 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const strict = { additionalProperties: false } as const;
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** Where a pulled export came from: the API, the job as requested and as declared, and the download. */
export const PulledProvenance = Type.Object(
  {
    kind: Type.Literal('pulled'),
    api_base_url: Type.String({ maxLength: 2000 }),
    job_id: Type.String({ maxLength: 200 }),
    /** The job's request parameters exactly as sent. */
    request: Type.Record(Type.String(), Type.Unknown()),
    server_declared: Type.Object({ record_count: Nullable(Count), size_bytes: Nullable(Count), sha256: Nullable(Type.String()), filename: Nullable(Type.String()) }, strict),
    /** The origin the bytes came from, with any presigned query string removed. */
    download_origin: Type.String({ maxLength: 2000 }),
    downloaded_at: Instant,
    /** How many times the download was resumed after an interruption. */
    resumed: Count,
    pulled_by: Type.String({ maxLength: 300 }),
  },
  strict,
);

/** Where an imported export came from: the file's own name and time, and who brought it in. */
export const ImportedProvenance = Type.Object(
  {
    kind: Type.Literal('imported'),
    original_filename: Type.String({ maxLength: 500 }),
    original_modified_at: Instant,
    imported_by: Type.String({ maxLength: 300 }),
    imported_at: Instant,
  },
  strict,
);

/** One export file in the bag. */
export const PacketExport = Type.Object(
  {
    path: Type.String({ pattern: '^data/exports/[^/]+$', maxLength: 180 }),
    original_filename: Type.String({ minLength: 1, maxLength: 500 }),
    type: literals(EXPORT_TYPES),
    format: literals(EXPORT_FORMATS),
    bytes: Count,
    sha256: Sha256,
    records: Count,
    first_record_at: Nullable(Instant),
    last_record_at: Nullable(Instant),
    provenance: Type.Union([PulledProvenance, ImportedProvenance]),
  },
  strict,
);
export type PacketExport = Static<typeof PacketExport>;

/**
 * evidence.json: what a machine needs to know about a packet (docs/PACKET.md). The validation detail is
 * in data/validation.json; here each check's outcome and summary.
 */
export const EvidenceManifest = Type.Object(
  {
    packet_id: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$' }),
    format: Type.Literal('evidence-packet'),
    format_version: Type.Literal(1),
    created_at: Instant,
    generator: Type.Object({ name: Type.String({ maxLength: 100 }), version: Type.String({ maxLength: 50 }) }, strict),
    reviewer: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), email: Type.Optional(Type.String({ maxLength: 200 })) }, strict),
    /** Only when the reviewer allows it. */
    host: Type.Optional(Type.Object({ os_user: Type.String({ maxLength: 200 }), host_name: Type.String({ maxLength: 300 }) }, strict)),
    scope: Type.Object(
      {
        window: Type.Object({ as_entered: Nullable(Type.String({ maxLength: 10 })), from: Instant, to: Instant }, strict),
        environment: Nullable(Type.String({ maxLength: 100 })),
        config_version: Nullable(Type.String({ maxLength: 100 })),
        types: Type.Array(literals(EXPORT_TYPES)),
        request_ids: Type.Array(Type.String({ maxLength: 200 })),
        escalation_ids: Type.Array(Type.String({ maxLength: 200 })),
        references: Type.Array(Type.String({ maxLength: 200 })),
        why: Type.String({ maxLength: 5000 }),
        control_tags: Type.Array(Type.String({ maxLength: 100 })),
      },
      strict,
    ),
    exports: Type.Array(PacketExport, { minItems: 1 }),
    validation: Type.Object(
      {
        overall: literals(['pass', 'warn', 'fail'] as const),
        generated_at: Instant,
        checks: Type.Array(
          Type.Object({ id: literals([...FILE_CHECK_IDS, ...SET_CHECK_IDS]), file: Nullable(Type.String({ maxLength: 500 })), status: literals(CHECK_STATUSES), summary: Type.String({ maxLength: 2000 }) }, strict),
        ),
      },
      strict,
    ),
    xref: XrefIndex,
    limitations: Type.Array(
      Type.Union([
        Type.Object({ kind: literals(['missing-type', 'empty-type'] as const), type: literals(EXPORT_TYPES), text: Type.String({ maxLength: 500 }) }, strict),
        Type.Object({ kind: Type.Literal('reviewer'), text: Type.String({ maxLength: 1000 }) }, strict),
      ]),
    ),
    signer: Type.Object({ algorithm: Type.Literal('ed25519'), fingerprint: Type.String({ pattern: '^SHA256:[A-Za-z0-9+/]{43}$' }) }, strict),
  },
  strict,
);
export type EvidenceManifest = Static<typeof EvidenceManifest>;

import { Type, type Static } from '@sinclair/typebox';
import { UTC_INSTANT_PATTERN } from '../domain';

const strict = { additionalProperties: false } as const;
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** What happened to the evidence, in the order a review usually goes. */
export const CUSTODY_ACTIONS = ['pulled', 'imported', 'validated', 'note-edited', 'packed', 'signed', 'verified', 'exported'] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

/** The `prev_hash` of the first entry of a workspace's chain: 64 zeros. */
export const GENESIS_PREV_HASH = '0'.repeat(64);

/** Lowercase hex SHA-256. */
export const SHA256_HEX_PATTERN = '^[0-9a-f]{64}$';
const Sha256 = Type.String({ pattern: SHA256_HEX_PATTERN });

/** Who acted: the reviewer's name as entered and the OS user; either may be null (not entered, or withheld), not both. */
export const CustodyActor = Type.Object(
  {
    name: Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]),
    os_user: Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]),
  },
  strict,
);
export type CustodyActor = Static<typeof CustodyActor>;

/** Keys of a subject: snake_case, like every other JSON document in a packet. */
export const SUBJECT_KEY_PATTERN = '^[a-z][a-z0-9_]{0,63}$';

/**
 * What an action was about: a flat JSON object of strings, numbers and nulls (no nesting, no booleans),
 * so its canonical form is simple and every field is visible in the packet. Never a secret: the custody
 * log refuses values that look like tokens, keys or signed URLs.
 */
export const CustodySubject = Type.Record(
  Type.String({ pattern: SUBJECT_KEY_PATTERN }),
  Type.Union([Type.String({ maxLength: 4096 }), Type.Number(), Type.Null()]),
  { additionalProperties: false, maxProperties: 32 },
);
export type CustodySubject = Static<typeof CustodySubject>;

/**
 * One custody entry, as the cache returns it and data/custody.json carries it.
 *
 * - `seq` is the entry's position in its workspace's chain: 1, 2, 3…
 * - `prev_hash` is the previous entry's `hash` ({@link GENESIS_PREV_HASH} for seq 1).
 * - `hash` is the lowercase hex SHA-256 of the RFC 8785 (JCS) canonical JSON of the entry without its
 *   `hash` field: computable from the entry alone.
 */
export const CustodyEntry = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    at: Type.String({ pattern: UTC_INSTANT_PATTERN }),
    action: literals(CUSTODY_ACTIONS),
    actor: CustodyActor,
    subject: CustodySubject,
    artifact_sha256: Type.Union([Sha256, Type.Null()]),
    prev_hash: Sha256,
    hash: Sha256,
  },
  strict,
);
export type CustodyEntry = Static<typeof CustodyEntry>;

/** The document identifiers of data/custody.json. */
export const CUSTODY_FORMAT = 'evidence-custody';
export const CUSTODY_FORMAT_VERSION = 1;
/** At most this many entries in one document (a bound for verifiers reading untrusted packets). */
export const CUSTODY_MAX_ENTRIES = 1_000_000;

/**
 * data/custody.json: the packet's workspace custody chain from its first entry (seq 1) through the
 * `packed` entry of that packet, in order.
 */
export const CustodyDocument = Type.Object(
  {
    format: Type.Literal(CUSTODY_FORMAT),
    format_version: Type.Literal(CUSTODY_FORMAT_VERSION),
    entries: Type.Array(CustodyEntry, { maxItems: CUSTODY_MAX_ENTRIES }),
  },
  strict,
);
export type CustodyDocument = Static<typeof CustodyDocument>;

/**
 * The subject each action is expected to carry (compile-time help for callers; the schema above accepts
 * any flat subject, so older and newer packets stay readable). Paths and file names as the reviewer saw
 * them; ids as the API or the cache gave them.
 */
export interface CustodySubjects {
  /** An export downloaded from the API; `artifact_sha256` is the file's hash. */
  pulled: { job_id: string; export_type: string; format: string; original_filename: string; bytes: number } & CustodySubject;
  /** A file carried in by hand; `artifact_sha256` is the file's hash. */
  imported: { original_filename: string; export_type: string; format: string; bytes: number } & CustodySubject;
  /** A validation run over the workspace's files. */
  validated: { validation_run_id: number; overall: 'pass' | 'warn' | 'fail' } & CustodySubject;
  /** The reviewer's note changed; the note itself goes into the packet as NOTE.md, its hash here. */
  'note-edited': { note_sha256: string } & CustodySubject;
  /** A packet was assembled (the last entry its data/custody.json carries). */
  packed: { packet_id: string } & CustodySubject;
  /** A packet was signed; `artifact_sha256` may be the zip's hash. */
  signed: { packet_id: string; signer_fingerprint: string } & CustodySubject;
  /** A packet was verified by this app. */
  verified: { packet_id: string; outcome: 'pass' | 'fail' } & CustodySubject;
  /** A packet was written to a path; `artifact_sha256` is the zip's hash. */
  exported: { packet_id: string; path: string } & CustodySubject;
}

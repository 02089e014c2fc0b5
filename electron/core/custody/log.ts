import type { Database } from 'better-sqlite3';
import { UTC_INSTANT_PATTERN } from '../../../shared/domain';
import {
  CUSTODY_ACTIONS,
  CUSTODY_FORMAT,
  CUSTODY_FORMAT_VERSION,
  GENESIS_PREV_HASH,
  type CustodyAction,
  type CustodyActor,
  type CustodyDocument,
  type CustodyEntry,
  type CustodySubject,
  type CustodySubjects,
} from '../../../shared/schemas/custody';
import { AppError } from '../errors';
import { CanonicalJsonError, canonicalJson } from './canonical';
import { custodyValidators, describeSchemaError, entryHash } from './chain';
import { findSecret, type SecretHit } from './secrets';

/*
 * How entries map onto the custody_log table (migrations 0001 and 0003).
 *
 * One chain per workspace. An entry's `seq` is its position in its workspace's chain (1, 2, 3…); it is
 * not stored, but derived: the table's global `seq INTEGER PRIMARY KEY` orders all entries, and an
 * entry's chain position is 1 + the number of entries of the same workspace before it. That is stable
 * because the table is append-only (triggers refuse UPDATE and DELETE) and every append counts the
 * workspace's entries inside the same IMMEDIATE transaction that inserts. A row slipped in by other
 * means shifts the positions after it, and so shows as a broken chain.
 *
 * `actor_json` and `subject_json` hold the canonical JSON of those members, and `at`, `action`,
 * `artifact_sha256`, `prev_hash`, `hash` their values, so the entry read back is the entry hashed.
 * Each exported entry carries everything its hash covers: it can be checked without the cache.
 */

/** What to record. `at` defaults to now (RFC 3339 UTC, milliseconds). */
export interface CustodyInput<A extends CustodyAction = CustodyAction> {
  action: A;
  actor: CustodyActor;
  subject: CustodySubjects[A];
  /** The artifact the action concerns (an export file, or a packet zip), lowercase hex; null if none. */
  artifactSha256: string | null;
  at?: string | Date;
}

const MAX_ATTEMPTS = 5;

function refuse(message: string, details?: unknown): never {
  throw new AppError('invalid-request', message, 'This is a bug in the app: nothing was written to the custody log. Please report it.', details);
}

function refuseSecret(hit: SecretHit): never {
  // The value itself is never repeated: not in the message, not in the details.
  throw new AppError(
    'invalid-request',
    `A custody entry was refused: ${hit.field} looks like it holds a secret (${hit.kind}). Custody entries go into evidence packets, so they never carry tokens, keys or signed links.`,
    'This is a bug in the app: nothing was written to the custody log. Please report it (without the value).',
    { field: hit.field, kind: hit.kind },
  );
}

function instant(at: string | Date | undefined): string | undefined {
  if (at === undefined) return undefined;
  if (at instanceof Date) {
    if (Number.isNaN(at.getTime())) refuse('A custody entry was refused: its time is not a valid date.');
    return at.toISOString();
  }
  if (typeof at !== 'string' || !new RegExp(UTC_INSTANT_PATTERN).test(at) || Number.isNaN(Date.parse(at))) {
    refuse('A custody entry was refused: its time is not an RFC 3339 instant in UTC (like 2026-03-20T10:00:00Z).');
  }
  return at;
}

function canonical(value: unknown, what: string): string {
  try {
    return canonicalJson(value);
  } catch (error) {
    if (error instanceof CanonicalJsonError) refuse(`A custody entry was refused: its ${what} is not plain JSON data (${error.message.replace(/^\$/, what)}).`);
    throw error;
  }
}

function isUniqueHashViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === 'SQLITE_CONSTRAINT_UNIQUE' && /custody_log\.hash/.test((error as Error).message);
}

/**
 * Appends one entry to the workspace's custody chain and returns it. Reading the chain's tail and
 * inserting happen in one IMMEDIATE transaction, so two writers (threads or processes sharing the
 * cache) queue for the write lock instead of both linking to the same tail; called inside a caller's
 * transaction it becomes a savepoint of that one (so an artifact row and its custody entry can commit
 * together).
 *
 * Refused with an AppError (`invalid-request`, nothing written): an unknown action, an actor with neither
 * name nor OS user, a subject or actor that is not flat JSON data or looks like it holds a secret (an API
 * token like `kt_live_…`, a private key, a bearer credential, a URL with a password or a signature), a
 * malformed hash or time. An unknown workspace is `not-found`.
 */
export function appendCustody<A extends CustodyAction>(db: Database, workspaceId: string, input: CustodyInput<A>): CustodyEntry {
  if (!(CUSTODY_ACTIONS as readonly unknown[]).includes(input.action)) refuse(`A custody entry was refused: "${String(input.action)}" is not a custody action.`);
  if (typeof input.actor !== 'object' || input.actor === null) refuse('A custody entry was refused: it names no actor.');
  if (typeof input.subject !== 'object' || input.subject === null || Array.isArray(input.subject)) refuse('A custody entry was refused: its subject is not an object.');
  const secret = findSecret('actor', input.actor) ?? findSecret('subject', input.subject);
  if (secret) refuseSecret(secret);
  if (input.actor.name === null && input.actor.os_user === null) refuse('A custody entry was refused: its actor has neither a name nor an OS user.');
  if (input.artifactSha256 !== null && typeof input.artifactSha256 !== 'string') refuse('A custody entry was refused: its artifact hash is neither a SHA-256 nor null.');

  // Stored and hashed in canonical form, and returned as read back (e.g. -0 becomes 0).
  const actorJson = canonical(input.actor, 'actor');
  const subjectJson = canonical(input.subject, 'subject');
  const actor = JSON.parse(actorJson) as CustodyActor;
  const subject = JSON.parse(subjectJson) as CustodySubject;
  const explicitAt = instant(input.at);

  const { entry: validEntry } = custodyValidators();
  const tail = db.prepare<[string], { hash: string }>('SELECT hash FROM custody_log WHERE workspace_id = ? ORDER BY seq DESC LIMIT 1');
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM custody_log WHERE workspace_id = ?');
  const workspace = db.prepare<[string], { id: string }>('SELECT id FROM workspaces WHERE id = ?');
  const insert = db.prepare(
    'INSERT INTO custody_log (workspace_id, at, action, actor_json, subject_json, artifact_sha256, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );

  const append = db.transaction((at: string): CustodyEntry => {
    if (!workspace.get(workspaceId)) {
      throw new AppError('not-found', `There is no workspace "${workspaceId}" in the cache, so no custody entry was written.`, 'Open the workspace (pull or import into it) first.');
    }
    const unhashed = {
      seq: count.get(workspaceId)!.n + 1,
      at,
      action: input.action,
      actor,
      subject,
      artifact_sha256: input.artifactSha256,
      prev_hash: tail.get(workspaceId)?.hash ?? GENESIS_PREV_HASH,
    };
    const entry: CustodyEntry = { ...unhashed, hash: entryHash(unhashed) };
    if (!validEntry(entry)) refuse(`A custody entry was refused: ${describeSchemaError(validEntry.errors, 'the entry')}.`);
    insert.run(workspaceId, entry.at, entry.action, actorJson, subjectJson, entry.artifact_sha256, entry.prev_hash, entry.hash);
    return entry;
  });

  let lastMs = -Infinity;
  for (let attempt = 1; ; attempt++) {
    // The default time is taken per attempt, and moves on by at least 1 ms after a collision (below).
    const at = explicitAt ?? new Date(Math.max(Date.now(), lastMs + 1)).toISOString();
    lastMs = Date.parse(at);
    try {
      return append.immediate(at);
    } catch (error) {
      // Only a first entry can repeat another workspace's entry byte for byte (later ones link to their
      // own chain): same time, action, actor and subject. The hash column is UNIQUE, so make it differ.
      if (!isUniqueHashViolation(error)) throw error;
      if (explicitAt !== undefined || attempt >= MAX_ATTEMPTS) {
        throw new AppError(
          'write-failed',
          'This custody entry is identical to one already in the cache (same time, action, actor and subject, in another workspace), so it was not written.',
          'Record it with another time, or let the app take the current time.',
        );
      }
    }
  }
}

/** Options for reading a chain. */
export interface ChainOptions {
  /** Stop after the entry with this chain position (e.g. a packet's `packed` entry). */
  throughSeq?: number;
}

interface CustodyRow {
  at: string;
  action: string;
  actor_json: string;
  subject_json: string;
  artifact_sha256: string | null;
  prev_hash: string;
  hash: string;
}

function parseStored(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Only a row written behind the app's back; verifyChain reports it as a schema problem.
    return text;
  }
}

/**
 * The workspace's custody chain, oldest first, with chain positions as `seq` (see the note at the top
 * of this file). Entries are returned as stored, without checking them: use `verifyChain` for that.
 */
export function custodyChain(db: Database, workspaceId: string, options: ChainOptions = {}): CustodyEntry[] {
  const limit = options.throughSeq === undefined ? -1 : Math.max(0, Math.floor(options.throughSeq));
  const rows = db
    .prepare<[string, number], CustodyRow>(
      'SELECT at, action, actor_json, subject_json, artifact_sha256, prev_hash, hash FROM custody_log WHERE workspace_id = ? ORDER BY seq LIMIT ?',
    )
    .all(workspaceId, limit);
  return rows.map((row, index) => ({
    seq: index + 1,
    at: row.at,
    action: row.action as CustodyAction,
    actor: parseStored(row.actor_json) as CustodyActor,
    subject: parseStored(row.subject_json) as CustodySubject,
    artifact_sha256: row.artifact_sha256,
    prev_hash: row.prev_hash,
    hash: row.hash,
  }));
}

/** data/custody.json's document for these entries (a chain from seq 1, normally through a `packed` entry). */
export function custodyDocument(entries: readonly CustodyEntry[]): CustodyDocument {
  return { format: CUSTODY_FORMAT, format_version: CUSTODY_FORMAT_VERSION, entries: [...entries] };
}

/** data/custody.json's bytes: the document as 2-space indented JSON with a final newline (deterministic for the same entries). */
export function custodyJson(entries: readonly CustodyEntry[]): string {
  return `${JSON.stringify(custodyDocument(entries), null, 2)}\n`;
}

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { createHash } from 'node:crypto';
import { CUSTODY_MAX_ENTRIES, CustodyDocument, CustodyEntry, GENESIS_PREV_HASH } from '../../../shared/schemas/custody';
import { canonicalJson } from './canonical';

/** The entry as hashed: everything but its own hash. */
export type UnhashedCustodyEntry = Omit<CustodyEntry, 'hash'>;

/**
 * An entry's hash: lowercase hex SHA-256 over the RFC 8785 canonical JSON (UTF-8) of the entry without
 * its `hash` member (a `hash` member passed in is ignored). With standard tools, for an entry whose
 * strings are ASCII: remove `hash`, sort keys, no whitespace, then `sha256sum`.
 */
export function entryHash(entry: UnhashedCustodyEntry | CustodyEntry): string {
  const { hash: _ignored, ...rest } = entry as CustodyEntry;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

/** What can be wrong with a chain, per entry. */
export type ChainProblem =
  /** The entry's `hash` is not the hash of its content: the entry was edited, or its hash forged. */
  | 'hash-mismatch'
  /** The entry's `prev_hash` is not the previous entry's `hash`: an entry before it was removed, inserted, moved or re-hashed. */
  | 'broken-link'
  /** The entry's `seq` is not one more than the previous entry's: removed, inserted or reordered entries. */
  | 'sequence-gap'
  /** The first entry does not start a chain (seq 1, prev_hash all zeros), or a later one claims to. */
  | 'not-first'
  /** The entry (or the document) does not match its schema; its hash and link are not checked. */
  | 'schema';

/** One thing wrong with a chain. */
export interface ChainFinding {
  /** The entry's own `seq` as written (its position when that is not an integer); null for the document itself. */
  seq: number | null;
  /** The entry's 1-based position in the list (seq and position differ once entries are missing or moved); null for the document. */
  position: number | null;
  problem: ChainProblem;
  /** What differs, for a person: expected and found values. */
  detail: string;
}

let compiled: { entry: ValidateFunction; document: ValidateFunction } | null = null;

/** The schemas compiled once, on first use (ajv strict, as everywhere else). */
export function custodyValidators(): { entry: ValidateFunction; document: ValidateFunction } {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: false, strict: true, coerceTypes: false, useDefaults: false });
    compiled = { entry: ajv.compile(CustodyEntry), document: ajv.compile(CustodyDocument) };
  }
  return compiled;
}

/** The first ajv error in words: `/subject/path must be string`. */
export function describeSchemaError(errors: ErrorObject[] | null | undefined, what: string): string {
  const first = errors?.[0];
  if (!errors || !first) return `${what} does not match the custody schema`;
  const last = errors[errors.length - 1]!;
  const at = (error: ErrorObject) => (error.instancePath === '' ? what : `${what} field ${error.instancePath}`);
  // A union of literals (the action): ajv reports each constant, then the anyOf. Name the allowed values.
  const constants = errors.slice(0, -1);
  if (last.keyword === 'anyOf' && constants.length > 0 && constants.every((e) => e.keyword === 'const' && e.instancePath === last.instancePath)) {
    return `${at(last)} must be one of ${constants.map((e) => JSON.stringify(e.params.allowedValue)).join(', ')}`;
  }
  const where = at(first);
  if (first.keyword === 'additionalProperties') return `${where} has an unexpected field "${String(first.params.additionalProperty)}"`;
  return `${where} ${first.message ?? 'is invalid'}`;
}

/** A hash for a person: its first 12 hex digits (a hash from an invalid entry is quoted, cut short). */
const short = (hash: string | null) => (hash === null ? 'none' : /^[0-9a-f]{64}$/.test(hash) ? `${hash.slice(0, 12)}…` : JSON.stringify(hash.length > 20 ? `${hash.slice(0, 20)}…` : hash));

/**
 * Checks a workspace's custody chain, entries in the order given (as in data/custody.json, or from
 * `custodyChain`). Returns every finding, in order; an empty list means the chain is intact: each entry
 * matches the schema, hashes to its `hash`, links to the previous entry's `hash`, and counts on from it,
 * starting at seq 1 with a zero `prev_hash`.
 *
 * What each tamper shows as (n = the tampered entry's seq):
 * - an edited entry (any field): `hash-mismatch` at n;
 * - a forged hash: `hash-mismatch` at n and `broken-link` at the next entry;
 * - an edited entry with its hash recomputed: `broken-link` at the next entry;
 * - a removed entry: `sequence-gap` and `broken-link` at the entry after the hole (`not-first` if it was seq 1);
 * - two entries swapped, or one moved: `sequence-gap` and `broken-link` at each entry out of place and the one after;
 * - an inserted entry: `broken-link` (and `sequence-gap`) where it or the entry after it no longer fit.
 * A chain is only as trustworthy as its last entry: entries appended at the end, or a whole chain
 * rewritten, are caught by the packet's signature, not here.
 */
export function verifyChain(entries: readonly unknown[]): ChainFinding[] {
  const findings: ChainFinding[] = [];
  const { entry: validEntry } = custodyValidators();
  let previous: { seq: number | null; hash: string | null } | null = null;
  entries.forEach((raw, index) => {
    const position = index + 1;
    const add = (seq: number | null, problem: ChainProblem, detail: string) => findings.push({ seq, position, problem, detail });
    if (!validEntry(raw)) {
      const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
      const seq = Number.isSafeInteger(record.seq) ? (record.seq as number) : position;
      add(seq, 'schema', describeSchemaError(validEntry.errors, `entry ${position}`));
      // Its links cannot be trusted either way; the next entry is checked against what it claims.
      previous = { seq: Number.isSafeInteger(record.seq) ? (record.seq as number) : null, hash: typeof record.hash === 'string' ? record.hash : null };
      return;
    }
    const entry = raw as CustodyEntry;
    const computed = entryHash(entry);
    if (computed !== entry.hash) add(entry.seq, 'hash-mismatch', `entry ${position} (seq ${entry.seq}) hashes to ${short(computed)}, but its hash says ${short(entry.hash)}: it was changed after it was written`);
    if (previous === null) {
      if (entry.seq !== 1 || entry.prev_hash !== GENESIS_PREV_HASH) {
        const what = [entry.seq !== 1 ? `seq ${entry.seq}` : null, entry.prev_hash !== GENESIS_PREV_HASH ? `prev_hash ${short(entry.prev_hash)}` : null].filter(Boolean).join(' and ');
        add(entry.seq, 'not-first', `the chain must start with seq 1 and a prev_hash of 64 zeros, but its first entry has ${what}: earlier entries are missing`);
      }
    } else {
      const prev: { seq: number | null; hash: string | null } = previous;
      if (entry.prev_hash === GENESIS_PREV_HASH) {
        add(entry.seq, 'not-first', `entry ${position} (seq ${entry.seq}) has the zero prev_hash of a chain's first entry, but entry ${position - 1} comes before it`);
      } else if (entry.prev_hash !== prev.hash) {
        add(entry.seq, 'broken-link', `entry ${position} (seq ${entry.seq}) links to ${short(entry.prev_hash)}, but the entry before it has hash ${short(prev.hash)}`);
      }
      if (prev.seq !== null && entry.seq !== prev.seq + 1) {
        add(entry.seq, 'sequence-gap', `entry ${position} has seq ${entry.seq}, expected ${prev.seq + 1} after seq ${prev.seq}`);
      }
    }
    previous = { seq: entry.seq, hash: entry.hash };
  });
  return findings;
}

/**
 * Checks a whole data/custody.json document (already parsed): its header against the schema, then the
 * chain. Anything that is not a document with an `entries` array is one `schema` finding.
 */
export function verifyCustodyDocument(document: unknown): ChainFinding[] {
  const { document: validDocument } = custodyValidators();
  const record = typeof document === 'object' && document !== null && !Array.isArray(document) ? (document as Record<string, unknown>) : null;
  if (!record || !Array.isArray(record.entries)) {
    return [{ seq: null, position: null, problem: 'schema', detail: 'custody.json is not an object with an "entries" array' }];
  }
  const findings: ChainFinding[] = [];
  // The header (format, format_version, no unexpected fields); the entries are checked one by one below.
  if (!validDocument({ ...record, entries: [] })) {
    findings.push({ seq: null, position: null, problem: 'schema', detail: describeSchemaError(validDocument.errors, 'custody.json') });
  }
  if (record.entries.length > CUSTODY_MAX_ENTRIES) {
    findings.push({ seq: null, position: null, problem: 'schema', detail: `custody.json has ${record.entries.length} entries, more than the ${CUSTODY_MAX_ENTRIES} allowed` });
    return findings;
  }
  return [...findings, ...verifyChain(record.entries)];
}

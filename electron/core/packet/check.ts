// Checks a PacketSpec before anything is written: schemas, agreement between its parts, portable names.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { UTC_INSTANT_PATTERN } from '../../../shared/domain';
import { EvidenceManifest } from '../../../shared/schemas/evidence';
import { ValidationReport } from '../../../shared/schemas/validation';
import { AppError } from '../errors';
import { caseFoldKey, nameProblem, packetRef, packetStem, pathProblem } from './names';
import type { PacketExportFile, PacketSpec } from './types';

/** The bag folder of the exports. */
export const EXPORTS_DIR = 'data/exports';
/** Zip DOS times run from 1980; the zip library clamps from 2044 on. */
const EARLIEST_MS = Date.UTC(1980, 0, 1);
const LATEST_MS = Date.UTC(2044, 0, 1);

let validators: { evidence: ValidateFunction; validation: ValidateFunction } | null = null;

/** The schemas compiled once, on first use (ajv strict, as everywhere else). */
function schemaValidators(): { evidence: ValidateFunction; validation: ValidateFunction } {
  if (!validators) {
    const ajv = new Ajv({ allErrors: false, strict: true, coerceTypes: false, useDefaults: false });
    validators = { evidence: ajv.compile(EvidenceManifest), validation: ajv.compile(ValidationReport) };
  }
  return validators;
}

function bug(message: string, details?: unknown): never {
  throw new AppError('invalid-request', message, 'This is a bug in the app: no packet was written. Please report it.', details);
}

/** The first ajv error in words: `/scope/why must be string`. */
function schemaError(errors: ErrorObject[] | null | undefined): string {
  const first = errors?.[0];
  if (!first) return 'it does not match its schema';
  const where = first.instancePath === '' ? 'the document' : first.instancePath;
  if (first.keyword === 'additionalProperties') return `${where} has an unexpected field "${String(first.params.additionalProperty)}"`;
  return `${where} ${first.message ?? 'is invalid'}`;
}

/** An instant (ms since the epoch, or RFC 3339 UTC) as ms; anything else is refused. */
export function instantMs(value: number | string, what: string): number {
  const ms = typeof value === 'number' ? value : new RegExp(UTC_INSTANT_PATTERN).test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isInteger(ms)) bug(`The packet's ${what} is not a time in ms or an RFC 3339 UTC instant.`, { value });
  return ms;
}

/** One export as it will be written: its file, its bag path, and what evidence.json says it holds. */
export interface CheckedExport {
  file: PacketExportFile;
  /** `data/exports/<original filename>`. */
  bagPath: string;
  bytes: number;
  sha256: string;
}

/** A spec that passed: the names and times derived from it. */
export interface CheckedSpec {
  createdAtMs: number;
  ref: string;
  /** The top folder; the zip is `<stem>.zip`. */
  stem: string;
  zipName: string;
  exports: CheckedExport[];
}

/**
 * Checks everything that can be checked before writing, and refuses with an AppError (nothing written):
 * - evidence.json and validation.json against their schemas (ajv, strict);
 * - that the spec agrees with itself: packet id, creation time, the signer's fingerprint, the validation
 *   outcome, and the exports (each file listed in evidence.json as `data/exports/<original filename>`,
 *   and nothing listed that is not given);
 * - that every export's name is portable and its path short enough (see names.ts), and that no two names
 *   differ only in letter case.
 * Whether the files still have the size and hash evidence.json records is checked while writing.
 */
export function checkPacketSpec(spec: PacketSpec): CheckedSpec {
  const { evidence: validEvidence, validation: validReport } = schemaValidators();
  if (!validEvidence(spec.evidence)) bug(`The packet's evidence.json is not valid: ${schemaError(validEvidence.errors)}.`, { errors: validEvidence.errors?.slice(0, 5) });
  if (!validReport(spec.payload.validation)) bug(`The packet's validation.json is not valid: ${schemaError(validReport.errors)}.`, { errors: validReport.errors?.slice(0, 5) });
  const { evidence, payload } = spec;

  const createdAtMs = instantMs(spec.createdAt, 'creation time');
  if (createdAtMs < EARLIEST_MS || createdAtMs >= LATEST_MS) bug('The packet\'s creation time is outside what a zip file can record (1980 to 2043).', { createdAt: spec.createdAt });
  if (Date.parse(evidence.created_at) !== createdAtMs) bug('The packet\'s creation time differs from evidence.json\'s created_at.', { createdAt: spec.createdAt, evidence: evidence.created_at });
  if (spec.packetId !== evidence.packet_id) bug('The packet id differs from evidence.json\'s packet_id.', { packetId: spec.packetId, evidence: evidence.packet_id });
  if (spec.key.fingerprint !== evidence.signer.fingerprint) {
    bug('evidence.json names another signer than the key the packet is signed with.', { key: spec.key.fingerprint, evidence: evidence.signer.fingerprint });
  }
  if (evidence.validation.overall !== payload.validation.overall || evidence.validation.generated_at !== payload.validation.generated_at) {
    bug('evidence.json summarises another validation than the validation.json given.');
  }

  const ref = packetRef(evidence.scope.references);
  const stem = packetStem(ref, createdAtMs);
  const listed = new Map(evidence.exports.map((e) => [e.path, e]));
  if (listed.size !== evidence.exports.length) bug('evidence.json lists an export path twice.');
  const folded = new Map<string, string>();
  const exports: CheckedExport[] = [];
  for (const file of payload.exports) {
    const name = file.originalFilename;
    const bagPath = `${EXPORTS_DIR}/${name}`;
    const problem = nameProblem(name) ?? pathProblem(`${stem}/${bagPath}`);
    if (problem) {
      throw new AppError('invalid-request', `The export file "${name}" cannot go into a packet: ${problem}.`, 'Rename the file (a short name of letters, digits, "-", "_" and "."), import it again, and write the packet again.', { name });
    }
    const other = folded.get(caseFoldKey(name));
    if (other !== undefined) {
      throw new AppError('invalid-request', `The export files "${other}" and "${name}" would be the same file on Windows and macOS (their names differ only in letter case).`, 'Rename one of them, import it again, and write the packet again.', { names: [other, name] });
    }
    folded.set(caseFoldKey(name), name);
    const entry = listed.get(bagPath);
    if (!entry) bug(`evidence.json does not list the export ${bagPath}.`, { path: bagPath });
    if (entry.original_filename !== name) bug(`evidence.json gives ${bagPath} another original filename.`, { path: bagPath });
    listed.delete(bagPath);
    exports.push({ file, bagPath, bytes: entry.bytes, sha256: entry.sha256 });
  }
  if (listed.size > 0) bug(`evidence.json lists exports that were not given: ${[...listed.keys()].join(', ')}.`, { paths: [...listed.keys()] });
  return { createdAtMs, ref, stem, zipName: `${stem}.zip`, exports };
}

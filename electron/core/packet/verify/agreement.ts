// evidence.json against its schema, against bag-info.txt and the files; the signer's fingerprint in all
// three places; data/custody.json's chain, its `packed` entry and an entry for every export.

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { EvidenceManifest } from '../../../../shared/schemas/evidence';
import { verifyCustodyDocument } from '../../custody';
import { listValue, normalizeSpace, values, type BagInfo } from './bagit';
import { BAG_INFO, CUSTODY, EVIDENCE, EXPORTS_PREFIX, SIGNER_KEY, jsonDocument, type BagFiles } from './checks';
import type { Findings } from './findings';
import { quoted, shown } from './names';
import { bytes } from './zip-safety';

/** At most this many schema errors are listed. */
const MAX_SCHEMA_ERRORS = 20;

let validator: ValidateFunction | null = null;

/** evidence.json's schema, compiled once (ajv strict; all errors, so the user sees every one). */
function evidenceValidator(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: true, coerceTypes: false, useDefaults: false }).compile(EvidenceManifest);
  return validator;
}

/**
 * ajv's errors in words, one per place: a union's branches are summed up as "must be one of …" (for
 * literals) or "matches none of the allowed forms", instead of every branch's complaint.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[]): string[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf');
  const inUnion = (e: ErrorObject) => unions.some((u) => e !== u && e.schemaPath.startsWith(u.schemaPath.replace(/\/anyOf$/u, '/anyOf/')));
  const at = (e: ErrorObject) => (e.instancePath === '' ? 'the document' : `field ${e.instancePath}`);
  const out: string[] = [];
  for (const e of errors) {
    if (inUnion(e)) continue;
    if (e.keyword === 'anyOf') {
      const branches = errors.filter((b) => b !== e && b.schemaPath.startsWith(e.schemaPath.replace(/\/anyOf$/u, '/anyOf/')));
      const constants = branches.filter((b) => b.keyword === 'const' && b.instancePath === e.instancePath);
      out.push(
        constants.length > 0 && constants.length === branches.length
          ? `${at(e)} must be one of ${constants.map((b) => JSON.stringify(b.params.allowedValue)).join(', ')}`
          : `${at(e)} matches none of the allowed forms`,
      );
    } else if (e.keyword === 'additionalProperties') {
      out.push(`${at(e)} has an unexpected field "${shown(String(e.params.additionalProperty))}"`);
    } else {
      out.push(`${at(e)} ${e.message ?? 'is invalid'}`);
    }
  }
  return [...new Set(out)];
}

/** evidence.json, when it is valid against its schema; otherwise findings and null. */
export function checkEvidenceSchema(files: BagFiles, findings: Findings): EvidenceManifest | null {
  const document = jsonDocument(files, EVIDENCE, findings, 'evidence-schema');
  if (document === undefined) return null;
  const validate = evidenceValidator();
  if (validate(document)) return document as EvidenceManifest;
  const messages = describeSchemaErrors(validate.errors ?? []);
  for (const message of messages.slice(0, MAX_SCHEMA_ERRORS)) findings.error('evidence-schema', EVIDENCE, `${EVIDENCE} does not match its schema: ${message}.`);
  if (messages.length > MAX_SCHEMA_ERRORS) findings.error('evidence-schema', EVIDENCE, `${EVIDENCE} has ${messages.length - MAX_SCHEMA_ERRORS} more schema errors.`);
  return null;
}

const show = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? '(none)' : `"${shown(value)}"`);
const showList = (list: readonly string[]) => (list.length === 0 ? '(none)' : list.map((v) => `"${shown(v)}"`).join(', '));
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Two RFC 3339 instants are the same moment. */
function sameInstant(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  if (a === b) return true;
  const x = Date.parse(a);
  return !Number.isNaN(x) && x === Date.parse(b) && /Z$/u.test(a);
}

/** evidence.json and bag-info.txt say the same about the packet, its scope and its reviewer. */
export function checkBagInfoAgreement(evidence: EvidenceManifest, info: BagInfo, findings: Findings): void {
  const one = (label: string): string | undefined => values(info, label)[0];
  const differ = (label: string, found: string, expected: string, severity: 'error' | 'warning' = 'error') =>
    findings.add(severity, 'evidence-agreement', BAG_INFO, `${BAG_INFO}'s ${label} is ${found}, but ${EVIDENCE} says ${expected}.`);

  const id = one('Evidence-Packet-Id');
  if (id !== undefined && id !== evidence.packet_id) differ('Evidence-Packet-Id', show(id), `packet_id ${show(evidence.packet_id)}`);
  const { window, environment, config_version, request_ids, escalation_ids, references, why } = evidence.scope;
  const from = one('Review-Window-From');
  if (from !== undefined && !sameInstant(from, window.from)) differ('Review-Window-From', show(from), `scope.window.from ${show(window.from)}`);
  const to = one('Review-Window-To');
  if (to !== undefined && !sameInstant(to, window.to)) differ('Review-Window-To', show(to), `scope.window.to ${show(window.to)}`);
  const env = one('Review-Environment') ?? '';
  // The writer folds runs of white space into one space, so values are compared that way.
  if (normalizeSpace(env) !== normalizeSpace(environment ?? '')) differ('Review-Environment', show(env), `scope.environment ${show(environment)}`);
  const config = one('Review-Config-Version') ?? '';
  if (normalizeSpace(config) !== normalizeSpace(config_version ?? '')) differ('Review-Config-Version', show(config), `scope.config_version ${show(config_version)}`);
  const requests = listValue(one('Request-Ids'));
  if (!sameList(requests, request_ids)) differ('Request-Ids', showList(requests), `scope.request_ids ${showList(request_ids)}`);
  const escalations = listValue(one('Escalation-Ids'));
  if (!sameList(escalations, escalation_ids)) differ('Escalation-Ids', showList(escalations), `scope.escalation_ids ${showList(escalation_ids)}`);
  const identifiers = values(info, 'External-Identifier');
  if (!sameList(identifiers.map(normalizeSpace), references.map(normalizeSpace))) differ('External-Identifier', showList(identifiers), `scope.references ${showList(references)}`);

  // Derived or free-text values: a difference is worth a look, not a reason to reject the packet.
  const description = one('External-Description');
  if (description !== undefined && normalizeSpace(description) !== normalizeSpace(why)) differ('External-Description', show(description), `scope.why ${show(why)}`, 'warning');
  const date = one('Bagging-Date');
  if (date !== undefined && date !== evidence.created_at.slice(0, 10)) differ('Bagging-Date', show(date), `created_at ${show(evidence.created_at)}`, 'warning');
  const contact = one('Contact-Name');
  if (contact !== undefined && normalizeSpace(contact) !== normalizeSpace(evidence.reviewer.name)) differ('Contact-Name', show(contact), `reviewer.name ${show(evidence.reviewer.name)}`, 'warning');
  const email = one('Contact-Email');
  if (email !== undefined && email !== (evidence.reviewer.email ?? '')) differ('Contact-Email', show(email), `reviewer.email ${show(evidence.reviewer.email)}`, 'warning');
}

/**
 * signer.pub.pem's fingerprint (when it holds a key), bag-info.txt's Signer-Key-Fingerprint and
 * evidence.json's signer.fingerprint are the same.
 */
export function checkFingerprints(keyFingerprint: string | null, evidence: EvidenceManifest | null, info: BagInfo | null, findings: Findings): void {
  const inBagInfo = info ? values(info, 'Signer-Key-Fingerprint')[0] : undefined;
  const inEvidence = evidence?.signer.fingerprint;
  const reference = keyFingerprint ?? inEvidence;
  const source = keyFingerprint !== null ? `${SIGNER_KEY} has` : `${EVIDENCE} says`;
  if (reference === undefined) return;
  if (inBagInfo !== undefined && inBagInfo !== reference) {
    findings.error('fingerprint', BAG_INFO, `${BAG_INFO}'s Signer-Key-Fingerprint is ${show(inBagInfo)}, but ${source} ${reference}.`);
  }
  if (keyFingerprint !== null && inEvidence !== undefined && inEvidence !== keyFingerprint) {
    findings.error('fingerprint', EVIDENCE, `${EVIDENCE}'s signer.fingerprint is ${inEvidence}, but ${SIGNER_KEY} has ${keyFingerprint}.`);
  }
}

/** Every exports[] entry is a file in the bag with those bytes and that hash; every file under data/exports/ is in exports[]. */
export function checkExports(evidence: EvidenceManifest, files: BagFiles, findings: Findings): void {
  const listed = new Set<string>();
  evidence.exports.forEach((item, i) => {
    const where = `exports[${i}]`;
    if (listed.has(item.path)) {
      findings.error('evidence-agreement', EVIDENCE, `${EVIDENCE} ${where} lists ${quoted(item.path)} a second time.`);
      return;
    }
    listed.add(item.path);
    const file = files.get(item.path);
    if (!file) {
      findings.error('evidence-agreement', EVIDENCE, `${EVIDENCE} ${where} lists ${quoted(item.path)}, which is not in the bag.`);
      return;
    }
    if (file.sha256 === null) return;
    if (file.bytes !== item.bytes) findings.error('evidence-agreement', EVIDENCE, `${EVIDENCE} ${where} says ${quoted(item.path)} has ${bytes(item.bytes)}, but it has ${bytes(file.bytes)}.`);
    if (file.sha256 !== item.sha256) findings.error('evidence-agreement', EVIDENCE, `${EVIDENCE} ${where} says ${quoted(item.path)} has sha256 ${item.sha256}, but it has ${file.sha256}.`);
  });
  for (const path of files.keys()) {
    if (path.startsWith(EXPORTS_PREFIX) && !listed.has(path)) findings.error('evidence-agreement', path, `${quoted(path)} is an export file that ${EVIDENCE}'s exports[] does not list.`);
  }
}

/**
 * data/custody.json: its chain verifies; its last entry is this packet's `packed` entry; and each export
 * file's hash is the artifact of a `pulled` or `imported` entry.
 */
export function checkCustody(files: BagFiles, packetId: string | null, findings: Findings, maxBytes: number): void {
  const file = files.get(CUSTODY);
  if (!file) return;
  if (file.tooLarge) {
    findings.error('custody', CUSTODY, `${CUSTODY} has ${bytes(file.bytes)}, more than the ${bytes(maxBytes)} the verifier reads; its chain was not checked.`);
    return;
  }
  const document = jsonDocument(files, CUSTODY, findings, 'custody');
  if (document === undefined) return;
  for (const problem of verifyCustodyDocument(document)) {
    findings.error('custody', CUSTODY, `${CUSTODY}: ${problem.detail} (${problem.problem}).`);
  }
  const entries = (document as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) return;
  const records = entries.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null && !Array.isArray(e));
  const last = entries[entries.length - 1] as Record<string, unknown> | undefined;
  const lastAction = typeof last?.action === 'string' ? last.action : null;
  const lastPacket = (last?.subject as Record<string, unknown> | undefined)?.packet_id;
  if (lastAction !== 'packed') {
    findings.error('custody', CUSTODY, `${CUSTODY} must end with the "packed" entry of this packet, but its last entry is ${last === undefined ? 'missing (no entries)' : `a "${shown(String(lastAction))}" entry`}.`);
  } else if (packetId !== null && lastPacket !== packetId) {
    findings.error('custody', CUSTODY, `${CUSTODY}'s last entry packed packet ${show(typeof lastPacket === 'string' ? lastPacket : null)}, but this packet is ${show(packetId)}.`);
  }
  const received = new Set(records.filter((e) => e.action === 'pulled' || e.action === 'imported').map((e) => e.artifact_sha256));
  for (const exported of files.values()) {
    if (!exported.rel.startsWith(EXPORTS_PREFIX) || exported.sha256 === null) continue;
    if (!received.has(exported.sha256)) {
      findings.error('custody', exported.rel, `${quoted(exported.rel)} (sha256 ${exported.sha256}) has no "pulled" or "imported" entry in ${CUSTODY}: where it came from is not on record.`);
    }
  }
}

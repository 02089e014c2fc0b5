import type { ExportType } from '../../../../shared/domain';
import type { CheckResult, Limitation, XrefHit, XrefIndex } from '../../../../shared/schemas/validation';
import type { FileFacts, Sighting } from '../facts';
import type { ExportFileInput, ResolvedScope } from '../types';
import { plural } from '../../../../shared/format';
import { allOf, result } from './result';

/** One validated file, for the checks over the whole set. */
export interface CheckedFile {
  file: ExportFileInput;
  facts: FileFacts;
}

const HITS_KEPT = 20;
const TYPE_NOUNS: Record<ExportType, string> = { events: 'event', traces: 'trace', escalations: 'escalation', 'audit-log': 'audit-log' };

function hits(files: CheckedFile[], pick: (facts: FileFacts) => Map<string, { total: number; sightings: Sighting[] }>, id: string): { found: XrefHit[]; total: number } {
  const found: XrefHit[] = [];
  let total = 0;
  for (const { file, facts } of files) {
    const entry = pick(facts).get(id);
    if (!entry) continue;
    total += entry.total;
    for (const s of entry.sightings) if (found.length < HITS_KEPT) found.push({ file: file.name, type: file.type, record: s.record, field: s.field });
  }
  return { found, total };
}

/** The cross-reference index: where each of the scope's request and escalation IDs is. */
export function buildXref(files: CheckedFile[], scope: ResolvedScope): XrefIndex {
  return {
    request_ids: scope.requestIds.map((id) => ({ id, ...hits(files, (f) => f.requestIds, id) })),
    escalation_ids: scope.escalationIds.map((id) => {
      const escalation = hits(files, (f) => f.escalationRecords, id);
      const events = hits(files, (f) => f.escalationEvents, id);
      const status = escalation.total > 0 && events.total > 0 ? 'complete' : escalation.total + events.total > 0 ? 'incomplete' : 'missing';
      return { id, escalation: escalation.found, events: events.found, total: escalation.total + events.total, status } as const;
    }),
  };
}

/** 9. Every ID the reviewers were told to cross-reference is in the evidence, with its counterpart. */
export function checkCrossReference(xref: XrefIndex, files: CheckedFile[]): CheckResult {
  if (xref.request_ids.length === 0 && xref.escalation_ids.length === 0) {
    return result('cross-reference', 'skipped', 'The scope lists no request IDs or escalation IDs.', {
      fix: 'Add the request IDs or escalation IDs reviewers should cross-reference; the packet should carry at least one ID or incident reference.',
    });
  }
  const has = (type: ExportType) => files.some((f) => f.file.type === type);
  const missingRequests = xref.request_ids.filter((r) => r.total === 0).map((r) => r.id);
  const missingEscalations = xref.escalation_ids.filter((e) => e.status === 'missing').map((e) => e.id);
  const halfFound = xref.escalation_ids.filter((e) => e.status === 'incomplete');
  // Half-found because the other export was never pulled is a gap in the set; with the export present, the link is broken.
  const broken = halfFound.filter((e) => (e.escalation.length === 0 ? has('escalations') : has('events')));
  const unpaired = halfFound.filter((e) => !broken.includes(e));
  const problems: string[] = [];
  if (missingRequests.length > 0) problems.push(`request ID${missingRequests.length === 1 ? '' : 's'} not found: ${missingRequests.join(', ')}`);
  if (missingEscalations.length > 0) problems.push(`escalation ID${missingEscalations.length === 1 ? '' : 's'} not found: ${missingEscalations.join(', ')}`);
  for (const e of broken) problems.push(e.escalation.length === 0 ? `${e.id} is raised by an event but absent from the escalations export` : `${e.id} is in the escalations export but no escalate event raised it`);
  const notes = unpaired.map((e) => (e.escalation.length === 0 ? `${e.id}: found in events; no escalations export to confirm it` : `${e.id}: found in escalations; no events export to find the escalate event`));
  const found = xref.request_ids.length - missingRequests.length + xref.escalation_ids.length - missingEscalations.length;
  const evidence = { request_ids: xref.request_ids.length, escalation_ids: xref.escalation_ids.length, found, missing_request_ids: missingRequests, missing_escalation_ids: missingEscalations };
  const total = xref.request_ids.length + xref.escalation_ids.length;
  if (problems.length > 0) {
    return result('cross-reference', 'fail', `${found} of ${plural(total, 'ID')} found; ${[...problems, ...notes].join('; ')}.`, {
      evidence,
      fix: 'Check the IDs for typos, widen the window to when the request or escalation happened, and pull the export types that should hold them.',
    });
  }
  if (notes.length > 0) {
    return result('cross-reference', 'warn', `${allOf(total, 'ID', { one: 'was', many: 'were' })} found, but ${notes.join('; ')}.`, {
      evidence,
      fix: 'Pull both the events and the escalations exports so each escalation can be followed from the event that raised it.',
    });
  }
  return result('cross-reference', 'pass', `${allOf(total, 'ID', { one: 'was', many: 'were' })} found${xref.escalation_ids.length > 0 ? ', each escalation with the event that raised it' : ''}.`, { evidence });
}

/**
 * The export types the scope asked for that are missing or have no records, as known limitations. Also
 * what the note preview lists before packing, from the cache's record counts.
 */
export function completenessLimitations(files: readonly { type: ExportType; records: number }[], types: readonly ExportType[]): Limitation[] {
  const limitations: Limitation[] = [];
  for (const type of types) {
    const ofType = files.filter((f) => f.type === type);
    const noun = TYPE_NOUNS[type];
    if (ofType.length === 0) limitations.push({ kind: 'missing-type', type, text: `No ${noun} data: the scope asked for ${type}, but no ${type} export is part of this evidence.` });
    else if (ofType.every((f) => f.records === 0)) limitations.push({ kind: 'empty-type', type, text: `No ${noun} data: the ${type} export for this window is empty.` });
  }
  return limitations;
}

/** 10. The export types the scope asked for are all here and not empty; what is not becomes a limitation. */
export function checkCompleteness(files: CheckedFile[], scope: ResolvedScope): { check: CheckResult; limitations: Limitation[] } {
  const limitations = completenessLimitations(
    files.map((f) => ({ type: f.file.type, records: f.facts.records })),
    scope.types,
  );
  const extra = [...new Set(files.map((f) => f.file.type))].filter((t) => !scope.types.includes(t));
  const evidence = { asked: scope.types, present: [...new Set(files.map((f) => f.file.type))], extra };
  if (scope.types.length === 0) return { check: result('completeness', 'skipped', 'The scope lists no export types to look for.', { evidence }), limitations };
  if (limitations.length === 0) {
    return { check: result('completeness', 'pass', `Every export type the scope asked for is here with records: ${scope.types.join(', ')}.`, { evidence }), limitations };
  }
  return {
    check: result('completeness', 'warn', `${limitations.map((l) => l.text).join(' ')} These are listed as known limitations for the note.`, {
      evidence,
      fix: 'Pull the missing export types if they exist; otherwise keep the limitation in the note so reviewers know what is not there.',
    }),
    limitations,
  };
}

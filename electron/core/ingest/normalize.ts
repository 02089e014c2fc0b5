import { normalizeVerdict, type ExportType } from '../../../shared/domain';
import { recordTimeField } from '../../../shared/schemas/records';
import type { RecordRow } from './record-writer';
import { parseTimeMs } from './time';

/** The columns of a cached record that queries filter on; everything else stays in `raw`. */
export interface NormalizedRecord {
  recordId: string | null;
  timeMs: number | null;
  environment: string | null;
  configVersion: string | null;
  requestId: string | null;
  escalationId: string | null;
  verdict: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function timeOf(value: unknown): number | null {
  const time = text(value);
  const parsed = time === null ? NaN : parseTimeMs(time);
  return Number.isFinite(parsed) ? parsed : null;
}

function verdictOf(value: unknown): string | null {
  const verdict = text(value);
  return verdict === null ? null : (normalizeVerdict(verdict) ?? verdict);
}

/**
 * Pulls the query columns out of one record, tolerating the spellings servers use (`event_id` for `id`,
 * `blocked` for `block`). Unknown verdicts are kept as the server wrote them.
 */
export function normalizeRecord(type: ExportType, record: Record<string, unknown>): NormalizedRecord {
  return {
    recordId: text(type === 'traces' ? record.span_id : (record.id ?? record.event_id)),
    timeMs: timeOf(record[recordTimeField[type]]),
    environment: text(record.environment),
    configVersion: text(record.config_version),
    requestId: text(record.request_id),
    escalationId: type === 'escalations' ? text(record.id) : text(record.escalation_id),
    verdict: verdictOf(record.verdict),
  };
}

/** The row stored for a parsed JSON record; `raw` is its text as the file has it. */
export function jsonRecordRow(type: ExportType, record: Record<string, unknown>, raw: string): RecordRow {
  const n = normalizeRecord(type, record);
  return [n.recordId, n.timeMs, n.environment, n.configVersion, n.requestId, n.escalationId, n.verdict, raw];
}

/**
 * Makes rows straight from CSV fields, with no object per record: the same columns normalizeRecord
 * finds in the record `{column: field, …}`, and as `raw` the very text JSON.stringify gives for it.
 */
export function csvRowBuilder(type: ExportType, columns: readonly string[]): (fields: readonly string[]) => RecordRow {
  const at = (name: string) => columns.indexOf(name);
  const pick = (index: number) => (index < 0 ? () => null : (fields: readonly string[]) => text(fields[index]));
  // A CSV record has every column, so `record.id ?? record.event_id` is the id column when there is one.
  const recordId = pick(type === 'traces' ? at('span_id') : at('id') >= 0 ? at('id') : at('event_id'));
  const time = at(recordTimeField[type]);
  const environment = pick(at('environment'));
  const configVersion = pick(at('config_version'));
  const requestId = pick(at('request_id'));
  const escalationId = pick(type === 'escalations' ? at('id') : at('escalation_id'));
  const verdict = at('verdict');
  const keys = columns.map((column, i) => `${i === 0 ? '{' : ','}${JSON.stringify(column)}:`);
  const count = columns.length;
  return (fields) => {
    let raw = '';
    for (let i = 0; i < count; i++) raw += keys[i]! + JSON.stringify(fields[i]);
    raw += count === 0 ? '{}' : '}';
    return [
      recordId(fields),
      time < 0 ? null : timeOf(fields[time]),
      environment(fields),
      configVersion(fields),
      requestId(fields),
      escalationId(fields),
      verdict < 0 ? null : verdictOf(fields[verdict]),
      raw,
    ];
  };
}

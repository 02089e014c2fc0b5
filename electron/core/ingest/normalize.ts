import { normalizeVerdict, type ExportType } from '../../../shared/domain';
import { recordTimeField } from '../../../shared/schemas/records';

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

/**
 * Pulls the query columns out of one record, tolerating the spellings servers use (`event_id` for `id`,
 * `blocked` for `block`). Unknown verdicts are kept as the server wrote them.
 */
export function normalizeRecord(type: ExportType, record: Record<string, unknown>): NormalizedRecord {
  const time = text(record[recordTimeField[type]]);
  const parsed = time === null ? NaN : Date.parse(time);
  const verdict = text(record.verdict);
  return {
    recordId: text(type === 'traces' ? record.span_id : (record.id ?? record.event_id)),
    timeMs: Number.isFinite(parsed) ? parsed : null,
    environment: text(record.environment),
    configVersion: text(record.config_version),
    requestId: text(record.request_id),
    escalationId: type === 'escalations' ? text(record.id) : text(record.escalation_id),
    verdict: verdict === null ? null : (normalizeVerdict(verdict) ?? verdict),
  };
}

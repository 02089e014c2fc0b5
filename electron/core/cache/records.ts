import type { Database } from 'better-sqlite3';
import type { ExportType } from '../../../shared/domain';
import { AppError } from '../errors';
import type { NormalizedRecord } from '../ingest/normalize';

/** Filters for browsing cached records. All optional; `limit` is capped. */
export interface RecordQuery {
  workspaceId: string;
  type?: ExportType;
  artifactId?: number;
  verdict?: string;
  requestId?: string;
  escalationId?: string;
  environment?: string;
  /** Inclusive start, exclusive end, ms. */
  fromMs?: number;
  toMs?: number;
  /** Case-insensitive substring of the raw record. A full scan: slower than the indexed filters. */
  text?: string;
  limit?: number;
  /** Opaque: the `next` of the previous page. */
  cursor?: string;
}

/** One cached record as the browser shows it. */
export interface CachedRecord extends NormalizedRecord {
  id: number;
  artifactId: number;
  recordIndex: number;
  type: string;
  raw: string;
}

/** A page of records in time order, and the cursor for the next page (null at the end). */
export interface RecordPage {
  records: CachedRecord[];
  next: string | null;
}

export const MAX_PAGE = 1000;

/** Pages through cached records, oldest first, by keyset (time, id): stable while records are added. */
export function queryRecords(db: Database, query: RecordQuery): RecordPage {
  const where: string[] = ['a.workspace_id = @workspaceId'];
  const params: Record<string, string | number> = { workspaceId: query.workspaceId };
  const add = (clause: string, key: string, value: string | number | undefined) => {
    if (value === undefined) return;
    where.push(clause);
    params[key] = value;
  };
  add('r.type = @type', 'type', query.type);
  add('r.artifact_id = @artifactId', 'artifactId', query.artifactId);
  add('r.verdict = @verdict', 'verdict', query.verdict);
  add('r.request_id = @requestId', 'requestId', query.requestId);
  add('r.escalation_id = @escalationId', 'escalationId', query.escalationId);
  add('r.environment = @environment', 'environment', query.environment);
  add('r.time_ms >= @fromMs', 'fromMs', query.fromMs);
  add('r.time_ms < @toMs', 'toMs', query.toMs);
  if (query.text !== undefined && query.text !== '') {
    where.push("r.raw LIKE @text ESCAPE '\\'");
    params.text = `%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (query.cursor) {
    const [time, id] = decodeCursor(query.cursor);
    where.push('(coalesce(r.time_ms, -1), r.id) > (@cursorTime, @cursorId)');
    params.cursorTime = time;
    params.cursorId = id;
  }
  const limit = Math.max(1, Math.min(query.limit ?? 200, MAX_PAGE));
  const rows = db
    .prepare(
      `SELECT r.id, r.artifact_id AS artifactId, r.record_index AS recordIndex, r.type, r.record_id AS recordId, r.time_ms AS timeMs,
              r.environment, r.config_version AS configVersion, r.request_id AS requestId, r.escalation_id AS escalationId, r.verdict, r.raw
         FROM records r JOIN artifacts a ON a.id = r.artifact_id
        WHERE ${where.join(' AND ')}
        ORDER BY coalesce(r.time_ms, -1), r.id
        LIMIT ${limit + 1}`,
    )
    .all(params) as CachedRecord[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return { records: page, next: more && last ? encodeCursor(last.timeMs ?? -1, last.id) : null };
}

function encodeCursor(time: number, id: number): string {
  return Buffer.from(`${time}:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): [number, number] {
  const match = /^(-?\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new AppError('invalid-request', 'The page cursor is not one this app issued.', 'Start the list again from the top.');
  return [Number(match[1]), Number(match[2])];
}

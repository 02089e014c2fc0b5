import type { Database } from 'better-sqlite3';
import type { ExportType } from '../../../shared/domain';
import { AppError } from '../errors';
import type { NormalizedRecord } from '../ingest/normalize';

/** Which cached records to browse or count. All optional but the workspace. */
export interface RecordFilter {
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
}

/** A page of filtered records: the next one after `cursor`, or the one `offset` rows in. `limit` is capped. */
export interface RecordQuery extends RecordFilter {
  limit?: number;
  /** Opaque: the `next` of the previous page. */
  cursor?: string;
  /** Rows to skip, for jumping into a long list; not with `cursor`. */
  offset?: number;
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

type Params = Record<string, string | number>;

/**
 * The WHERE clauses and parameters of a filter, each a plain `=` or range on an indexed column where
 * there is one, so SQLite can use the index; `onRecords` says whether any is on the records themselves
 * (the type is the artifact's).
 */
function whereOf(filter: RecordFilter): { where: string[]; params: Params; onRecords: boolean } {
  const where: string[] = ['a.workspace_id = @workspaceId'];
  const params: Params = { workspaceId: filter.workspaceId };
  const add = (clause: string, key: string, value: string | number | undefined) => {
    if (value === undefined) return;
    where.push(clause);
    params[key] = value;
  };
  add('a.type = @type', 'type', filter.type);
  const onArtifacts = where.length;
  add('r.artifact_id = @artifactId', 'artifactId', filter.artifactId);
  add('r.verdict = @verdict', 'verdict', filter.verdict);
  add('r.request_id = @requestId', 'requestId', filter.requestId);
  add('r.escalation_id = @escalationId', 'escalationId', filter.escalationId);
  add('r.environment = @environment', 'environment', filter.environment);
  add('r.time_ms >= @fromMs', 'fromMs', filter.fromMs);
  add('r.time_ms < @toMs', 'toMs', filter.toMs);
  if (filter.text !== undefined && filter.text !== '') {
    where.push("r.raw LIKE @text ESCAPE '\\'");
    params.text = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  return { where, params, onRecords: where.length > onArtifacts };
}

/**
 * Pages through cached records, oldest first (records without a time before all others; ties in file
 * then position order), by keyset (time, artifact, id): stable while records are added. Or, with
 * `offset`, the page that many rows in.
 */
export function queryRecords(db: Database, query: RecordQuery): RecordPage {
  if (query.cursor !== undefined && query.offset !== undefined) {
    throw new AppError('invalid-request', 'A page is asked for either after a cursor or at an offset, not both.', 'Drop the cursor to jump to the offset, or the offset to read on from the cursor.');
  }
  const { where, params } = whereOf(query);
  if (query.cursor) {
    const { time, artifactId, id } = decodeCursor(query.cursor);
    Object.assign(params, { cursorArtifact: artifactId, cursorId: id });
    if (time === null) {
      where.push('((r.time_ms IS NULL AND (r.artifact_id, r.id) > (@cursorArtifact, @cursorId)) OR r.time_ms IS NOT NULL)');
    } else {
      where.push('(r.time_ms, r.artifact_id, r.id) > (@cursorTime, @cursorArtifact, @cursorId)');
      params.cursorTime = time;
    }
  }
  const limit = Math.max(1, Math.min(query.limit ?? 200, MAX_PAGE));
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  // CROSS JOIN keeps records as the outer loop, so ORDER BY walks an index already in this order
  // (records_by_time, or records_by_verdict/records_by_environment under those filters; migration 0005)
  // and stops after one page, skipping an offset in the index alone. Left to itself the planner starts
  // from the workspace's artifacts and sorts every row.
  const rows = db
    .prepare(
      `SELECT r.id, r.artifact_id AS artifactId, r.record_index AS recordIndex, r.type, r.record_id AS recordId, r.time_ms AS timeMs,
              r.environment, r.config_version AS configVersion, r.request_id AS requestId, r.escalation_id AS escalationId, r.verdict, r.raw
         FROM records r CROSS JOIN artifacts a ON a.id = r.artifact_id
        WHERE ${where.join(' AND ')}
        ORDER BY r.time_ms, r.artifact_id, r.id
        LIMIT ${limit + 1} OFFSET ${offset}`,
    )
    .all(params) as CachedRecord[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return { records: page, next: more && last ? encodeCursor(last) : null };
}

/** How many records match the filter (the same filters as `queryRecords`). */
export function countRecords(db: Database, filter: RecordFilter): number {
  const { where, params, onRecords } = whereOf(filter);
  // Filtered on the records: start from the filter's index, which carries artifact_id, so the count reads
  // only that index. Otherwise from the workspace's artifacts, each counted in records_by_position.
  const join = onRecords ? 'CROSS JOIN' : 'JOIN';
  const row = db.prepare(`SELECT count(*) AS total FROM records r ${join} artifacts a ON a.id = r.artifact_id WHERE ${where.join(' AND ')}`).get(params) as { total: number };
  return row.total;
}

interface CursorKey {
  time: number | null;
  artifactId: number;
  id: number;
}

function encodeCursor(last: CachedRecord): string {
  return Buffer.from(`${last.timeMs ?? 'none'}:${last.artifactId}:${last.id}`).toString('base64url');
}

function decodeCursor(cursor: string): CursorKey {
  const match = /^(none|-?\d+):(\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new AppError('invalid-request', 'The page cursor is not one this app issued.', 'Start the list again from the top.');
  return { time: match[1] === 'none' ? null : Number(match[1]), artifactId: Number(match[2]), id: Number(match[3]) };
}

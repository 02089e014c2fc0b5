import type { Database, Statement } from 'better-sqlite3';
import type { ExportType } from '../../../shared/domain';

/** One record as the records table keeps it: record_id, time_ms, environment, config_version, request_id, escalation_id, verdict, raw. */
export type RecordRow = [string | null, number | null, string | null, string | null, string | null, string | null, string | null, string];

/** What the artifact row says about its records once they are in. */
export interface IngestSummary {
  count: number;
  firstRecordAt: string | null;
  lastRecordAt: string | null;
  ingestedAt: string;
}

/**
 * Writes one artifact's records inside one transaction on the connection it is given: the calling
 * thread's, or a worker thread's own. Nothing is visible to others until commit(). One prepared
 * single-row INSERT: multi-row VALUES measured slower in SQLite (13.7 s against 10.0 s for 1M rows).
 */
export class RecordWriter {
  private readonly insert: Statement;
  private written = 0;

  constructor(
    private readonly db: Database,
    private readonly artifactId: number,
    private readonly type: ExportType,
  ) {
    this.insert = db.prepare(
      'INSERT INTO records (artifact_id, record_index, type, record_id, time_ms, environment, config_version, request_id, escalation_id, verdict, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** Starts the transaction and clears what an earlier ingest of this artifact stored. */
  begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db.prepare('DELETE FROM records WHERE artifact_id = ?').run(this.artifactId);
    } catch (error) {
      this.rollback();
      throw error;
    }
  }

  /** Adds rows, numbering them on from those already written (record_index counts from 1). */
  write(rows: readonly RecordRow[]): void {
    const { insert, artifactId, type } = this;
    for (const r of rows) insert.run(artifactId, ++this.written, type, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]);
  }

  /** Records the summary on the artifact row and commits; false (rolled back) if the artifact is gone. */
  commit(summary: IngestSummary): boolean {
    const updated = this.db
      .prepare('UPDATE artifacts SET record_count = ?, first_record_at = ?, last_record_at = ?, ingested_at = ? WHERE id = ?')
      .run(summary.count, summary.firstRecordAt, summary.lastRecordAt, summary.ingestedAt, this.artifactId);
    if (updated.changes !== 1) {
      this.rollback();
      return false;
    }
    this.db.exec('COMMIT');
    return true;
  }

  /** Drops everything written since begin() (harmless when no transaction is open). */
  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
}

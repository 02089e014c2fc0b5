import type { Database } from 'better-sqlite3';
import type { ExportType } from '../../../shared/domain';
import { AppError } from '../errors';
import { RecordWriter, type IngestSummary, type RecordRow } from './record-writer';
import { WorkerSink } from './worker-sink';
import { startWriterThread } from './writer-entry';

/** Where the rows of one ingest go, inside one transaction. */
export interface RowSink {
  /** Hands rows over; a returned promise means: wait for it before handing more (back-pressure). */
  write(rows: RecordRow[]): void | Promise<void>;
  /** Records the summary and commits; false (nothing kept) when the artifact row is gone. */
  commit(summary: IngestSummary): Promise<boolean>;
  /** Rolls back whatever was written; never throws. */
  abort(): Promise<void>;
}

/** Where an ingest's SQLite writes run (IngestRequest.writer). */
export type WriterChoice = 'auto' | 'worker' | 'caller';

/** Below this a file is written on the calling thread: a worker's start-up would cost more than it saves. */
export const WORKER_MIN_BYTES = 2 * 1024 * 1024;

/** Writes on the caller's connection and thread, as SQLite statements always block. */
class CallerSink implements RowSink {
  constructor(private readonly writer: RecordWriter) {}

  write(rows: RecordRow[]): void {
    this.writer.write(rows);
  }

  async commit(summary: IngestSummary): Promise<boolean> {
    return this.writer.commit(summary);
  }

  async abort(): Promise<void> {
    this.writer.rollback();
  }
}

/** Why a worker thread's own connection could not stand in for `db`, or null if it can. */
function workerUnsuitable(db: Database): string | null {
  if (db.memory) return 'an in-memory database has no file another connection could open';
  if (db.readonly) return 'the database is read-only';
  if (db.inTransaction) return 'the connection is inside a transaction, which a second connection would wait on';
  if (db.pragma('journal_mode', { simple: true }) !== 'wal') return 'without WAL the writer would lock readers out';
  return null;
}

/**
 * Opens the transaction an ingest writes into: on a worker thread with its own connection to the same
 * file when that is possible and worth it (so neither inserts nor the commit block this thread), else
 * on `db` itself.
 */
export async function openSink(db: Database, artifactId: number, type: ExportType, choice: WriterChoice, totalBytes: number): Promise<RowSink> {
  if (choice === 'worker' || (choice === 'auto' && totalBytes >= WORKER_MIN_BYTES)) {
    const unsuitable = workerUnsuitable(db);
    if (unsuitable === null) {
      const worker = startWriterThread({ file: db.name, artifactId, type });
      const sink = worker ? await WorkerSink.start(worker) : null;
      if (sink) return sink;
    }
    if (choice === 'worker') {
      throw new AppError('internal', `The ingest writer thread could not be used: ${unsuitable ?? 'its entry could not be loaded'}.`, 'Ingest with writer "auto" or "caller" instead.');
    }
  }
  const writer = new RecordWriter(db, artifactId, type);
  writer.begin();
  return new CallerSink(writer);
}

// Worker-thread entry: the SQLite side of an ingest, on its own connection, so inserts, the commit and
// the WAL checkpoint that follows it never block the thread that parses. See worker-sink.ts.
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { RecordWriter } from './record-writer';
import type { FromWriter, ToWriter, WriterStart } from './writer-protocol';

/** Page cache for this connection only: the request_id index takes random inserts, which a small cache turns into page churn. */
const CACHE_KIB = 32 * 1024;

const port = parentPort!;
const start = workerData as WriterStart;
let db: Database | null = null;
let writer: RecordWriter | null = null;

function end(message: FromWriter): void {
  try {
    writer?.rollback();
  } catch {
    // Closing the connection below rolls back whatever is left.
  }
  try {
    db?.close();
  } catch {
    // Nothing more can be done for this connection; the calling thread hears why below.
  }
  db = null;
  writer = null;
  port.postMessage(message);
  port.close();
}

function fail(error: unknown): void {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as Error & { code?: unknown }).code;
  end({ kind: 'failed', error: { name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}) } });
}

try {
  db = new BetterSqlite3(start.file, { fileMustExist: true });
  // The same settings as the app's connection (cache/database.ts): durability stays WAL + NORMAL.
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = -${CACHE_KIB}`);
  writer = new RecordWriter(db, start.artifactId, start.type);
  writer.begin();
  port.postMessage({ kind: 'ready' } satisfies FromWriter);
} catch (error) {
  fail(error);
}

port.on('message', (message: ToWriter) => {
  try {
    if (!writer) return;
    if (message.kind === 'rows') {
      writer.write(message.rows);
      port.postMessage({ kind: 'written', rows: message.rows.length } satisfies FromWriter);
    } else if (message.kind === 'commit') {
      const committed = writer.commit(message.summary);
      end({ kind: committed ? 'committed' : 'missing' });
    } else {
      end({ kind: 'rolled-back' });
    }
  } catch (error) {
    fail(error);
  }
});

import BetterSqlite3 from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import type { IngestSummary, RecordRow } from './record-writer';
import type { RowSink } from './sink';
import type { FromWriter, WriterError } from './writer-protocol';

/** Rows handed over but not yet inserted before write() makes the parser wait: bounds memory (~2-3 MB of rows). */
const MAX_ROWS_IN_FLIGHT = 8192;

type Outcome = 'committed' | 'missing' | 'rolled-back';

function revive(error: WriterError): Error {
  if (error.name === 'SqliteError' && error.code !== undefined) return new BetterSqlite3.SqliteError(error.message, error.code);
  return Object.assign(new Error(error.message), { name: error.name }, error.code === undefined ? {} : { code: error.code });
}

/**
 * Sends rows to a writer thread (writer-thread.ts) that inserts them on its own connection, in one
 * transaction, while this thread goes on parsing. Back-pressure keeps a bounded number of rows in
 * flight. The thread has always ended by the time commit() or abort() returns.
 */
export class WorkerSink implements RowSink {
  private inFlight = 0;
  private failure: Error | null = null;
  private outcome: Outcome | null = null;
  private wake: (() => void) | null = null;
  private readonly exited: Promise<void>;

  private constructor(private readonly worker: Worker) {
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (message: FromWriter) => this.receive(message));
    worker.on('error', (error) => this.stop(error));
    worker.once('exit', () => this.stop(new Error('The ingest writer thread stopped unexpectedly.')));
  }

  /**
   * Waits until the thread has its transaction open. Null if it could not even load (no entry, a
   * module it cannot import): the caller may write on its own thread instead. Throws what the thread
   * reported when it loaded but could not start (the database busy, unreadable, …).
   */
  static async start(worker: Worker): Promise<WorkerSink | null> {
    const first = await new Promise<FromWriter | null>((resolve) => {
      worker.once('message', (message: FromWriter) => resolve(message));
      worker.once('error', () => resolve(null));
      worker.once('exit', () => resolve(null));
    });
    if (first === null) {
      await worker.terminate();
      return null;
    }
    if (first.kind === 'failed') {
      await worker.terminate();
      throw revive(first.error);
    }
    return new WorkerSink(worker);
  }

  write(rows: RecordRow[]): void | Promise<void> {
    if (this.failure) throw this.failure;
    if (rows.length === 0) return;
    this.worker.postMessage({ kind: 'rows', rows });
    this.inFlight += rows.length;
    if (this.inFlight > MAX_ROWS_IN_FLIGHT) return this.waitFor(() => this.inFlight <= MAX_ROWS_IN_FLIGHT / 2);
  }

  async commit(summary: IngestSummary): Promise<boolean> {
    if (this.failure) throw this.failure;
    this.worker.postMessage({ kind: 'commit', summary });
    await this.waitFor(() => this.outcome !== null);
    await this.exited;
    return this.outcome === 'committed';
  }

  async abort(): Promise<void> {
    if (!this.failure && this.outcome === null) this.worker.postMessage({ kind: 'rollback' });
    await this.exited;
  }

  private receive(message: FromWriter): void {
    if (message.kind === 'written') this.inFlight -= message.rows;
    else if (message.kind === 'failed') this.failure ??= revive(message.error);
    else if (message.kind !== 'ready') this.outcome = message.kind;
    this.wake?.();
  }

  private stop(error: Error): void {
    if (this.outcome === null) this.failure ??= error;
    this.wake?.();
  }

  private waitFor(done: () => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.failure) reject(this.failure);
        else if (done()) resolve();
        else return;
        this.wake = null;
      };
      this.wake = check;
      check();
    });
  }
}

import { AppError } from './errors';

/**
 * Long work by id: a second start of a running task joins it instead of starting it twice, and any
 * task can be cancelled by id (its AbortSignal fires; the work decides how to stop cleanly).
 */
export class TaskRunner {
  private readonly running = new Map<string, { controller: AbortController; promise: Promise<unknown> }>();

  run<T>(taskId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const existing = this.running.get(taskId);
    if (existing) return existing.promise as Promise<T>;
    const controller = new AbortController();
    const promise = work(controller.signal).finally(() => this.running.delete(taskId));
    this.running.set(taskId, { controller, promise });
    return promise;
  }

  /** True when a task with that id was running and has been told to stop. */
  cancel(taskId: string): boolean {
    const task = this.running.get(taskId);
    if (!task) return false;
    task.controller.abort(new AppError('cancelled', 'Cancelled by the user.', 'Start it again when you are ready.'));
    return true;
  }

  /** Tells every task to stop (on quit). */
  cancelAll(): void {
    for (const id of [...this.running.keys()]) this.cancel(id);
  }

  get size(): number {
    return this.running.size;
  }
}

/**
 * Runs write-heavy work one at a time. An ingest holds the cache's write lock for a whole file (one
 * transaction), so a second writer would otherwise wait on SQLite's busy timeout, blocking its thread.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

import type { ExportType } from '../../../shared/domain';
import type { IngestSummary, RecordRow } from './record-writer';

/** What the writer thread is started with (its workerData). */
export interface WriterStart {
  file: string;
  artifactId: number;
  type: ExportType;
}

/** Calling thread → writer thread, in order. */
export type ToWriter = { kind: 'rows'; rows: RecordRow[] } | { kind: 'commit'; summary: IngestSummary } | { kind: 'rollback' };

/** An error as it crosses threads (class identity does not). */
export interface WriterError {
  name: string;
  message: string;
  code?: string;
}

/** Writer thread → calling thread. After committed, missing, rolled-back or failed the thread ends. */
export type FromWriter =
  | { kind: 'ready' }
  | { kind: 'written'; rows: number }
  | { kind: 'committed' }
  | { kind: 'missing' }
  | { kind: 'rolled-back' }
  | { kind: 'failed'; error: WriterError };

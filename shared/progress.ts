/** Kinds of long work the app reports progress for. */
export const PROGRESS_KINDS = ['download', 'ingest', 'hash', 'zip', 'verify', 'validate'] as const;
export type ProgressKind = (typeof PROGRESS_KINDS)[number];

/** One progress report: `value` is 0..1, or null while the total is unknown. */
export interface Progress {
  taskId: string;
  kind: ProgressKind;
  value: number | null;
  title: string;
  detail: string;
}

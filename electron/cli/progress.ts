import type { Progress } from '../../shared/progress';

/** A job's status change, as the core reports it. */
export interface JobStatus {
  jobId: string;
  exportType: string;
  status: string;
  detail: string;
}

/**
 * One self-rewriting progress line on stderr, plus permanent lines for job status changes. Disabled
 * (every call a no-op) when stderr is not a terminal, so pipes and tests get no progress noise.
 */
export class ProgressLine {
  private drawn = false;
  private lastDrawMs = Number.NEGATIVE_INFINITY;
  // The core reports a status both when it sees it and when it settles; print each change once.
  private readonly statuses = new Map<string, string>();

  constructor(
    private readonly write: (text: string) => void,
    private readonly columns: number | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Redraws the line, at most ten times a second except for the final 100%. */
  progress(p: Progress): void {
    if (this.columns === null) return;
    const at = this.now();
    if (p.value !== 1 && at - this.lastDrawMs < 100) return;
    this.lastDrawMs = at;
    const percent = p.value === null ? '' : ` ${Math.round(p.value * 100)}%`;
    this.draw(`${p.title}${percent}${p.detail ? ` · ${p.detail}` : ''}`);
  }

  /** A job moved on (queued → running → completed…): worth a line of its own. */
  status(s: JobStatus): void {
    if (this.statuses.get(s.jobId) === s.status) return;
    this.statuses.set(s.jobId, s.status);
    this.line(`${s.exportType}: job ${s.jobId} ${s.status}${s.detail ? ` (${s.detail})` : ''}`);
  }

  /** A permanent line (e.g. a retry), printed above the progress line. */
  line(text: string): void {
    if (this.columns === null) return;
    this.clear();
    this.write(`${text}\n`);
  }

  /** Removes the progress line, before results are printed. */
  clear(): void {
    if (this.columns === null || !this.drawn) return;
    this.write('\r\x1b[2K');
    this.drawn = false;
  }

  private draw(text: string): void {
    const width = Math.max(20, (this.columns ?? 80) - 1);
    this.write(`\r\x1b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    this.drawn = true;
  }
}

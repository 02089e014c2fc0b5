import { getJob } from './calls';
import { apiError } from './errors';
import { tidy } from './failure';
import { pause, type ClientContext } from './transport';
import type { JobResult, WaitOptions } from './types';

/** How often and how long to poll a job. */
export interface PollPolicy {
  intervalMs: number;
  timeoutMs: number;
}

/** Defaults: a check a second, for up to half an hour (large exports take minutes). */
export const DEFAULT_POLL: PollPolicy = { intervalMs: 1_000, timeoutMs: 30 * 60_000 };

/** Polls a job until completed (resolves), failed or expired (typed errors), or timed out; other statuses mean running. */
export async function waitForJob(ctx: ClientContext, id: string, poll: PollPolicy, options: WaitOptions = {}): Promise<JobResult> {
  const timeoutMs = options.timeoutMs ?? poll.timeoutMs;
  const deadline = ctx.now() + timeoutMs;
  let lastStatus: string | null | undefined;
  for (;;) {
    const result = await getJob(ctx, id, { signal: options.signal, onRetry: options.onRetry });
    const { job } = result;
    if (job.status !== lastStatus) {
      lastStatus = job.status;
      options.onStatus?.(job.status, job);
    }
    switch (job.state) {
      case 'completed':
        return result;
      case 'failed':
        throw apiError('job-failed', { jobId: id, jobStatus: job.status, serverCode: tidy(job.error?.code ?? ''), serverMessage: tidy(job.error?.message ?? '') });
      case 'expired':
        throw apiError('job-expired', { jobId: id, jobStatus: job.status });
      case 'pending':
        break;
    }
    const left = deadline - ctx.now();
    if (left <= 0) throw apiError('job-timeout', { jobId: id, jobStatus: job.status, timeoutMs });
    await pause(ctx, Math.min(poll.intervalMs, left), options.signal);
  }
}

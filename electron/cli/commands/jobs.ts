import type { ExportJob } from '../../core/api';
import type { JobsCommand } from '../args';
import { connect, type CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { bytes, cell, count, table } from '../format';
import { rethrowWithTokenHint } from '../token-hint';
import type { CommandResult } from './result';

/** `evidence jobs`: a page of the API's export jobs, newest first (nothing is written to the cache). */
export async function jobsCommand(cmd: JobsCommand, ctx: CommandContext): Promise<CommandResult> {
  const client = connect(cmd, ctx);
  const page = await client
    .listJobs({ ...(cmd.limit !== null ? { limit: cmd.limit } : {}), ...(cmd.cursor !== null ? { cursor: cmd.cursor } : {}) }, { signal: ctx.host.signal })
    .catch((error: unknown) => rethrowWithTokenHint(error, cmd.tokenEnv));
  const jobs = page.jobs.map(view);
  const more = page.nextCursor ? `\nMore jobs: add --cursor ${page.nextCursor}` : '';
  return {
    exit: EXIT.ok,
    human: `${table(['JOB', 'TYPE', 'FORMAT', 'STATUS', 'CREATED', 'RECORDS', 'SIZE'], jobs.map(row))}\n${jobs.length} job${jobs.length === 1 ? '' : 's'}${more}`,
    json: { apiBaseUrl: cmd.apiBaseUrl, jobs, nextCursor: page.nextCursor },
  };
}

/** The job as understood, in the contract's spelling; `state` says what the status means here. */
function view(job: ExportJob) {
  return {
    id: job.id,
    type: job.type,
    format: job.format,
    status: job.status,
    state: job.state,
    window: job.window,
    filters: job.filters,
    createdAt: job.created_at,
    completedAt: job.completed_at,
    expiresAt: job.expires_at,
    artifact: job.artifact,
    error: job.error,
  };
}

function row(job: ReturnType<typeof view>): string[] {
  return [job.id, cell(job.type), cell(job.format), cell(job.status ?? job.state), cell(job.createdAt), count(job.artifact?.record_count), bytes(job.artifact?.size_bytes)];
}

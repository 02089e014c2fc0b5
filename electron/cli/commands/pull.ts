import type { PullOutcomeView } from '../../../shared/bridge/types';
import type { PullCommand } from '../args';
import { actorOf, connect, openForWriting, progressContext, servicesFor, withSession, type CommandContext } from '../context';
import { exitForStatuses } from '../exit-codes';
import { cell, count, summary, table, tally } from '../format';
import { withTokenHint } from '../token-hint';
import { workspaceFor } from '../workspace';
import type { CommandResult } from './result';

/** `evidence pull`: one export job per type, awaited, downloaded, verified and ingested by the core's pull service. */
export async function pullCommand(cmd: PullCommand, ctx: CommandContext): Promise<CommandResult> {
  const client = connect(cmd, ctx);
  const workspace = workspaceFor({ apiBaseUrl: cmd.apiBaseUrl, workspaceId: cmd.workspaceId });
  const session = openForWriting(cmd.cacheDir, workspace, client, actorOf(cmd.reviewer, ctx.host), ctx.host);
  const pulled = await withSession(session, ctx.host.signal, (s) =>
    servicesFor(s).pull({ taskId: 'cli-pull', exports: cmd.exports, window: cmd.window, ...(cmd.environment ? { environment: cmd.environment } : {}) }, progressContext(ctx.progress)),
  );
  ctx.progress.clear();
  const outcomes = pulled.outcomes.map((o) => (o.status === 'failed' ? { ...o, error: withTokenHint(o.error, cmd.tokenEnv) } : o));
  for (const o of outcomes) if (o.status === 'failed') ctx.out.problem(o.error, o.type);
  const statuses = outcomes.map((o) => o.status);
  const exit = exitForStatuses(statuses);
  const counts = tally(['pulled', 'duplicate', 'failed'], statuses);
  return {
    exit,
    human: `${table(['TYPE', 'FORMAT', 'STATUS', 'RECORDS', 'JOB', 'FILE'], outcomes.map(row))}\n${summary(counts)} · workspace ${workspace.id} · cache ${session.cacheDir}`,
    json: {
      workspace: { id: workspace.id, apiBaseUrl: workspace.apiBaseUrl },
      cacheDir: session.cacheDir,
      window: cmd.window,
      environment: cmd.environment,
      outcomes,
      summary: counts,
      exitCode: exit,
    },
  };
}

function row(o: PullOutcomeView): string[] {
  switch (o.status) {
    case 'pulled':
      return [o.type, o.format, o.status, count(o.records), o.jobId, o.filename];
    case 'duplicate':
      return [o.type, o.format, o.status, '-', o.jobId, `already cached (artifact ${o.artifactId})`];
    case 'failed':
      return [o.type, o.format, o.status, '-', cell(o.jobId), o.error.code];
  }
}

import { basename, resolve } from 'node:path';
import type { ImportOutcomeView } from '../../../shared/bridge/types';
import type { ImportCommand } from '../args';
import { actorOf, openForWriting, progressContext, servicesFor, withSession, type CommandContext } from '../context';
import { exitForStatuses } from '../exit-codes';
import { count, summary, table, tally } from '../format';
import { workspaceFor } from '../workspace';
import type { CommandResult } from './result';

/** `evidence import FILE…`: the core's offline import, each file copied unchanged with provenance and ingested. */
export async function importCommand(cmd: ImportCommand, ctx: CommandContext): Promise<CommandResult> {
  const workspace = workspaceFor({ apiBaseUrl: cmd.apiBaseUrl, workspaceId: cmd.workspaceId });
  const session = openForWriting(cmd.cacheDir, workspace, null, actorOf(cmd.reviewer, ctx.host), ctx.host);
  const files = cmd.files.map((file) => ({ path: resolve(ctx.host.cwd, file), ...(cmd.type ? { type: cmd.type } : {}), ...(cmd.format ? { format: cmd.format } : {}) }));
  const { outcomes } = await withSession(session, ctx.host.signal, (s) => servicesFor(s).importFiles({ taskId: 'cli-import', files }, progressContext(ctx.progress)));
  ctx.progress.clear();
  for (const o of outcomes) if (o.status === 'failed') ctx.out.problem(o.error, o.error.message.includes(basename(o.path)) ? undefined : basename(o.path));
  const statuses = outcomes.map((o) => o.status);
  const exit = exitForStatuses(statuses);
  const counts = tally(['imported', 'duplicate', 'failed'], statuses);
  return {
    exit,
    human: `${table(['FILE', 'STATUS', 'TYPE', 'FORMAT', 'RECORDS', 'ARTIFACT'], outcomes.map(row))}\n${summary(counts)} · workspace ${workspace.id} · cache ${session.cacheDir}`,
    json: { workspace: { id: workspace.id, apiBaseUrl: workspace.apiBaseUrl }, cacheDir: session.cacheDir, outcomes, summary: counts, exitCode: exit },
  };
}

function row(o: ImportOutcomeView): string[] {
  const name = basename(o.path);
  switch (o.status) {
    case 'imported':
      return [name, o.status, o.type, o.format, count(o.records), String(o.artifactId)];
    case 'duplicate':
      return [name, 'duplicate (already cached)', '-', '-', '-', String(o.artifactId)];
    case 'failed':
      return [name, 'failed', '-', '-', '-', o.error.code];
  }
}

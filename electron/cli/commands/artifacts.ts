import type { ArtifactView } from '../../../shared/bridge/types';
import type { ArtifactsCommand } from '../args';
import { openForReading, servicesFor, withSession, type CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { bytes, count, table } from '../format';
import type { CommandResult } from './result';

/** `evidence artifacts`: the stored export files of a workspace, with where each came from. */
export async function artifactsCommand(cmd: ArtifactsCommand, ctx: CommandContext): Promise<CommandResult> {
  const session = openForReading(cmd.cacheDir, { workspaceId: cmd.workspaceId, apiBaseUrl: cmd.apiBaseUrl }, ctx.host);
  const workspaceId = session.workspace.id;
  const { artifacts: all } = await withSession(session, ctx.host.signal, (s) => servicesFor(s).listArtifacts({}, { emit: () => undefined }));
  const artifacts = cmd.type ? all.filter((a) => a.type === cmd.type) : all;
  return {
    exit: EXIT.ok,
    human: `${table(['ID', 'TYPE', 'FORMAT', 'SOURCE', 'RECORDS', 'SIZE', 'ADDED', 'FILE', 'ORIGIN'], artifacts.map(row))}\n${artifacts.length} file${artifacts.length === 1 ? '' : 's'} · workspace ${workspaceId}`,
    json: { workspace: { id: workspaceId }, artifacts },
  };
}

/** The provenance in a few words: which job it was pulled as, or who imported it. */
function origin(a: ArtifactView): string {
  const p = (typeof a.provenance === 'object' && a.provenance !== null ? a.provenance : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : '?');
  return a.source === 'pulled' ? `job ${text('job_id')} by ${text('pulled_by')}` : `imported by ${text('imported_by')}`;
}

function row(a: ArtifactView): string[] {
  return [String(a.id), a.type, a.format, a.source, count(a.recordCount), bytes(a.bytes), a.addedAt, a.originalFilename, origin(a)];
}


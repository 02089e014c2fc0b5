import type { ReviewScope } from '../../../shared/schemas/scope';
import type { ValidationReport } from '../../../shared/schemas/validation';
import { AppError } from '../../core/errors';
import { cachedExportInputs, validateExports, type ExportFileInput } from '../../core/validate';
import type { ValidateCommand } from '../args';
import { openForReading, withSession, type CommandContext } from '../context';
import { exitForOverall } from '../exit-codes';
import { checklist } from '../validate/checklist';
import { diskExportInputs } from '../validate/disk-files';
import type { ValidateSource } from '../validate/flags';
import { resolveReviewWindow } from '../validate/window';
import type { CommandResult } from './result';

type Validate = (files: ExportFileInput[]) => Promise<ValidationReport>;

/** `evidence validate`: the core's checks over files on disk (or in the cache) against the scope given by flags. */
export async function validateCommand(cmd: ValidateCommand, ctx: CommandContext): Promise<CommandResult> {
  const now = Date.now();
  const window = resolveReviewWindow(cmd.window, now);
  const validate: Validate = (files) =>
    validateExports(files, scopeOf(cmd, window, files), {
      now,
      signal: ctx.host.signal,
      taskId: 'cli-validate',
      ...(cmd.retentionHours !== null ? { settings: { retentionHours: cmd.retentionHours } } : {}),
      ...(cmd.json ? {} : { onProgress: (progress) => ctx.progress.progress(progress) }),
    });
  const report = cmd.source.kind === 'cached' ? await validateCached(cmd.source, cmd.cacheDir, ctx, validate) : await validate(await diskExportInputs(cmd.source, ctx.host.cwd));
  ctx.progress.clear();
  return { exit: exitForOverall(report.overall), human: checklist(report), json: report };
}

function scopeOf(cmd: ValidateCommand, window: ReviewScope['window'], files: readonly ExportFileInput[]): ReviewScope {
  return {
    window,
    ...(cmd.environment !== null ? { environment: cmd.environment } : {}),
    ...(cmd.configVersion !== null ? { config_version: cmd.configVersion } : {}),
    types: cmd.types ?? [...new Set(files.map((f) => f.type))],
    request_ids: cmd.requestIds,
    escalation_ids: cmd.escalationIds,
  };
}

/** The cached files of the workspace (all, or the `--artifact` ones), each with the job it was pulled as; the cache is only read. */
function validateCached(source: Extract<ValidateSource, { kind: 'cached' }>, cacheDir: string, ctx: CommandContext, validate: Validate): Promise<ValidationReport> {
  const session = openForReading(cacheDir, { workspaceId: source.workspaceId, apiBaseUrl: source.apiBaseUrl }, ctx.host);
  return withSession(session, ctx.host.signal, (s) => {
    const files = cachedExportInputs(s.db, s.cacheDir, s.workspace.id, source.artifactIds ?? undefined);
    if (files.length === 0) throw new AppError('not-found', `The workspace ${s.workspace.id} holds no export files yet.`, 'Run `evidence pull` or `evidence import` first.');
    return validate(files);
  });
}

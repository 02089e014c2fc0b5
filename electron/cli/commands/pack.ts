import { mkdir } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { NoteFields } from '../../../shared/schemas/note';
import type { ValidationReport } from '../../../shared/schemas/validation';
import { AppError } from '../../core/errors';
import { packEvidence, type PackOutcome } from '../../core/packet';
import { cachedExportInputs, validateExports } from '../../core/validate';
import type { PackCommand } from '../args';
import { actorOf, APP, openExisting, withSession, type CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { bytes } from '../format';
import { loadKey } from '../keys/signing-key';
import { readNoteFile } from '../pack/note-file';
import { checkProblems, overallLine, problemLines } from '../pack/summary';
import { readScopeFile, type PackScope } from '../pack/scope-file';
import type { CommandResult } from './result';

/**
 * `evidence pack`: the cached exports, validated again against the scope file, with the note, packed into
 * a signed packet. The packet is written whatever validation found (it carries the report, and reviewers
 * see it), unless --require-pass asks to refuse when a check fails.
 */
export async function packCommand(cmd: PackCommand, ctx: CommandContext): Promise<CommandResult> {
  const { host } = ctx;
  // Inputs first (usage problems before any secret is touched), then the key, then the cache.
  const scope = await readScopeFile(resolve(host.cwd, cmd.scopeFile), cmd.scopeFile);
  const freeText = await readNoteFile(resolve(host.cwd, cmd.noteFile), cmd.noteFile);
  const { key, from } = await loadKey(cmd.key, ctx);
  const outDir = resolve(host.cwd, cmd.outDir);
  const note = noteFields(scope, freeText, cmd, host.userName());
  const session = openExisting(cmd.cacheDir, { workspaceId: cmd.workspaceId, apiBaseUrl: cmd.apiBaseUrl }, actorOf(cmd.reviewer, host), host);
  const workspaceId = session.workspace.id;
  const onProgress = cmd.json ? undefined : (p: Parameters<typeof ctx.progress.progress>[0]) => ctx.progress.progress(p);
  const outcome = await withSession(session, host.signal, async (s): Promise<{ refused: ValidationReport } | { packed: PackOutcome }> => {
    const now = Date.now();
    const files = cmd.requirePass ? cachedExportInputs(s.db, s.cacheDir, workspaceId, cmd.artifactIds ?? undefined) : [];
    // With no files at all, packEvidence says so.
    if (files.length > 0) {
      const report = await validateExports(files, scope, {
        now,
        signal: host.signal,
        taskId: 'cli-pack-check',
        ...(cmd.retentionHours !== null ? { settings: { retentionHours: cmd.retentionHours } } : {}),
        ...(onProgress ? { onProgress } : {}),
      });
      if (report.overall === 'fail') return { refused: report };
    }
    await mkdir(outDir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw new AppError('write-failed', `The folder ${outDir} could not be created (${error.code ?? 'error'}).`, 'Choose another --out folder, or check its permissions.', { path: outDir });
    });
    const packed = await packEvidence(
      {
        scope,
        note,
        outDir,
        createdAt: now,
        ...(cmd.artifactIds ? { artifactIds: cmd.artifactIds } : {}),
        ...(cmd.organization !== null ? { sourceOrganization: cmd.organization } : {}),
        ...(cmd.includeHost ? { host: { os_user: host.userName().slice(0, 200), host_name: host.hostName().slice(0, 300) } } : {}),
        ...(cmd.retentionHours !== null ? { retentionHours: cmd.retentionHours } : {}),
      },
      { db: s.db, cacheDir: s.cacheDir, workspaceId, actor: s.actor, key, generator: { name: APP.name, version: APP.version }, taskId: 'cli-pack', signal: host.signal, ...(onProgress ? { onProgress } : {}) },
    );
    return { packed };
  });
  ctx.progress.clear();
  if ('refused' in outcome) return refused(outcome.refused);
  return written(outcome.packed, from, workspaceId);
}

/** The note's fields: why, references, IDs and window from the scope; the free text from the file; the reviewer from the flags. */
function noteFields(scope: PackScope, freeText: string, cmd: PackCommand, osUser: string): NoteFields {
  return {
    why: scope.why.trim(),
    supports: scope.references ?? [],
    request_ids: scope.request_ids,
    escalation_ids: scope.escalation_ids,
    // packEvidence puts validation's limitations first; the reviewer's own go in the note's text.
    limitations: [],
    deeper_context: cmd.deeperContext,
    free_text: freeText,
    reviewer: { name: cmd.reviewer ?? osUser, ...(cmd.email !== null ? { email: cmd.email } : {}) },
  };
}

function refused(report: ValidationReport): CommandResult {
  const problems = checkProblems(report);
  return {
    exit: EXIT.checksFailed,
    human: [
      `No packet was written: validation failed and --require-pass was given.`,
      `  validation   ${overallLine(report)}`,
      ...problemLines(problems, '               '),
      'See the whole checklist with `evidence validate --cached …`, fix what it says, and pack again (or pack without --require-pass: the packet then carries the failures for reviewers to see).',
    ].join('\n'),
    json: { written: false, validation: { overall: report.overall, counts: report.counts, problems }, exitCode: EXIT.checksFailed },
  };
}

function written(p: PackOutcome, keyFrom: string, workspaceId: string): CommandResult {
  const problems = checkProblems(p.report);
  const verifyTxt = `${basename(p.path, '.zip')}/data/VERIFY.txt`;
  const carried =
    p.report.overall === 'pass'
      ? []
      : [
          `               The packet was written anyway and carries this result: reviewers will see ${p.report.overall === 'fail' ? 'the failures' : 'the warnings'}.`,
          ...problemLines(problems, '               '),
        ];
  const human = [
    `Packet written: ${p.path}`,
    `  sha256       ${p.sha256}`,
    `  size         ${bytes(p.bytes)}`,
    `  packet id    ${p.packetId}`,
    `  signed by    ${p.fingerprint} (key: ${keyFrom})`,
    `  validation   ${overallLine(p.report)}`,
    ...carried,
    `  verify       ${verifyTxt} inside the zip says how, with standard tools (unzip, openssl, sha256sum);`,
    `               or: evidence verify ${quoted(p.path)} --trust ${p.fingerprint}`,
  ].join('\n');
  return {
    exit: EXIT.ok,
    human,
    json: {
      written: true,
      path: p.path,
      sha256: p.sha256,
      bytes: p.bytes,
      packetId: p.packetId,
      fingerprint: p.fingerprint,
      key: keyFrom,
      workspace: { id: workspaceId },
      validation: { overall: p.report.overall, counts: p.report.counts, runId: p.validationRunId, problems },
      verifyTxt,
      exitCode: EXIT.ok,
    },
  };
}

/** A path as a shell would need it typed (single quotes when it has anything beyond the plain characters). */
export function quoted(path: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

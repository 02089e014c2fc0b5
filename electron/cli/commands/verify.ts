import { resolve } from 'node:path';
import { AppError } from '../../core/errors';
import { verifyPacket, type VerifyProgress } from '../../core/packet/verify';
import type { VerifyCommand } from '../args';
import { openCacheReadOnly, type CommandContext } from '../context';
import { exitForVerification } from '../exit-codes';
import { verificationText } from '../verify/report';
import { quoted } from './pack';
import type { CommandResult } from './result';

/**
 * `evidence verify PACKET.zip`: the core's verifier (the zip read in place, nothing extracted or
 * written), trusting the cache's trusted signers when there is a cache (only read) and the --trust
 * fingerprints.
 */
export async function verifyCommand(cmd: VerifyCommand, ctx: CommandContext): Promise<CommandResult> {
  const path = resolve(ctx.host.cwd, cmd.packet);
  const db = trustedSignersOf(cmd.cacheDir, ctx);
  const onProgress = cmd.json ? undefined : (p: VerifyProgress) => ctx.progress.progress(progressOf(p));
  let result;
  try {
    result = await verifyPacket(path, { ...(db ? { db } : {}), trustedFingerprints: cmd.trust, signal: ctx.host.signal, ...(onProgress ? { onProgress } : {}) });
  } finally {
    db?.close();
  }
  ctx.progress.clear();
  const exit = exitForVerification(result.status);
  // The note and report are for reading in the app; the JSON answer stays a verdict (they are in the zip).
  const { documents: _shown, ...verdict } = result;
  return { exit, human: verificationText(result, path, quoted(cmd.packet)), json: { path, ...verdict, exitCode: exit } };
}

/** The cache's trusted signers, when there is a cache; one that cannot be opened only costs its trust (said on stderr). */
function trustedSignersOf(cacheDir: string, ctx: CommandContext) {
  try {
    return openCacheReadOnly(cacheDir, ctx.host);
  } catch (error) {
    const why = error instanceof AppError ? error.message : 'it could not be opened';
    ctx.out.note(`evidence: the trusted signers in the cache at ${resolve(ctx.host.cwd, cacheDir)} are not used: ${why}\n  Only --trust fingerprints count as trusted for this run.`);
    return null;
  }
}

function progressOf(p: VerifyProgress) {
  const value = p.phase === 'reading' && p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.phase === 'checking' ? 1 : null;
  return { taskId: 'cli-verify', kind: 'verify' as const, value, title: 'Verifying the packet', detail: p.file ?? p.phase };
}

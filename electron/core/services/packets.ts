import { hostname } from 'node:os';
import type { Progress } from '../../../shared/progress';
import type { BridgeServices } from '../bridge/services';
import { AppError } from '../errors';
import { packEvidence } from '../packet';
import { verifyPacket, type VerifyProgress } from '../packet/verify';
import { cachedExportInputs } from '../validate';
import { recordedPacketPath } from './history';
import type { PathChooser, ServiceHost } from './host';
import type { Keyring } from './keys';
import type { Session } from '../session';

function chooserOf(host: ServiceHost): PathChooser {
  if (!host.choose) throw new AppError('not-implemented', 'Choosing files is not available here.', 'Use the app, or the `evidence pack` and `evidence verify` commands of the command line.');
  return host.choose;
}

/** The packet to verify: one of this workspace's where its custody entries say it was written, else the one the user picks. */
function packetSource(host: ServiceHost, session: Session, packetId: string | undefined): () => Promise<string | null> {
  if (packetId !== undefined) return () => recordedPacketPath(session, packetId);
  const choose = chooserOf(host);
  return () => choose.packetFile();
}

function stopIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof AppError ? signal.reason : new AppError('cancelled', 'Cancelled by the user.', 'Start it again when you are ready.');
}

const PHASE = { scanning: 'Checking the zip itself', reading: 'Reading', checking: 'Checking the bag' } as const;

/** The verifier's progress as a bridge progress event. */
export function verifyProgress(taskId: string, p: VerifyProgress): Progress {
  const value = p.phase === 'scanning' ? 0 : p.phase === 'checking' ? 1 : p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : null;
  return { taskId, kind: 'verify', value, title: 'Verifying the packet', detail: p.file ?? PHASE[p.phase] };
}

/**
 * pack and verifyPacket. The folder to write into and the packet to verify come from the host's native
 * choosers (or, for one of this workspace's packets, from its custody entries), never from the request. Verifying writes nothing anywhere, the cache included: it only asks
 * the cache whether the signer is trusted.
 */
export function packetServices(host: ServiceHost, keyring: Keyring): Pick<BridgeServices, 'pack' | 'verifyPacket'> {
  return {
    pack: async ({ taskId, scope, note, artifactIds, includeHost, retentionHours }, ctx) => {
      const session = host.session();
      const choose = chooserOf(host);
      return session.tasks.run(taskId, async (signal) => {
        // Everything that would make packing fail at once is checked before the user picks a folder.
        const key = await keyring.require();
        if (cachedExportInputs(session.db, session.cacheDir, session.workspace.id, artifactIds).length === 0) {
          throw new AppError('invalid-request', 'There are no export files to pack in this workspace yet.', 'Pull or import the exports first.');
        }
        const outDir = await choose.outputFolder();
        if (outDir === null) throw new AppError('cancelled', 'No folder was chosen, so no packet was written.', 'Pack again and choose a folder for the packet.');
        stopIfCancelled(signal);
        const outcome = await session.writes.run(() =>
          packEvidence(
            {
              scope,
              note,
              outDir,
              ...(artifactIds ? { artifactIds } : {}),
              ...(retentionHours ? { retentionHours } : {}),
              ...(includeHost ? { host: { os_user: session.actor.os_user ?? '', host_name: hostname().slice(0, 300) } } : {}),
            },
            {
              db: session.db,
              cacheDir: session.cacheDir,
              workspaceId: session.workspace.id,
              actor: session.actor,
              key,
              generator: { name: host.app.name, version: host.app.version },
              taskId,
              signal,
              onProgress: (progress) => ctx.emit('progress', progress),
            },
          ),
        );
        return {
          path: outcome.path,
          sha256: outcome.sha256,
          bytes: outcome.bytes,
          packetId: outcome.packetId,
          fingerprint: outcome.fingerprint,
          overall: outcome.report.overall,
          validationRunId: outcome.validationRunId,
        };
      });
    },

    verifyPacket: async ({ taskId, packetId }, ctx) => {
      const session = host.session();
      const locate = packetSource(host, session, packetId);
      return session.tasks.run(taskId, async (signal) => {
        const path = await locate();
        if (path === null) throw new AppError('cancelled', 'No packet was chosen, so nothing was verified.', 'Verify again and choose the packet (a .zip file).');
        stopIfCancelled(signal);
        // Read-only: the cache answers only whether the signer is trusted; no custody entry, no import.
        const { documents, ...result } = await verifyPacket(path, { db: session.db, signal, onProgress: (p) => ctx.emit('progress', verifyProgress(taskId, p)) });
        const reportId = documents.report !== null && host.documents ? host.documents.put(documents.report) : null;
        return { path, ...result, note: documents.note, reportId };
      });
    },
  };
}

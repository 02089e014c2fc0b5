import { stat } from 'node:fs/promises';
import type { CustodyEntryView, PacketHistoryView } from '../../../shared/bridge/types';
import type { CustodyEntry } from '../../../shared/schemas/custody';
import { actorLabel } from '../actor';
import type { BridgeServices } from '../bridge/services';
import { custodyChain } from '../custody';
import { AppError } from '../errors';
import { packetsFromCustody, type PacketRecord } from '../packet/history';
import type { Session } from '../session';
import type { ServiceHost } from './host';

const isFile = (path: string) => stat(path).then((s) => s.isFile(), () => false);

function entryView(entry: CustodyEntry): CustodyEntryView {
  return { seq: entry.seq, at: entry.at, action: entry.action, actor: actorLabel(entry.actor), subject: entry.subject, artifactSha256: entry.artifact_sha256 };
}

async function packetView(packet: PacketRecord): Promise<PacketHistoryView> {
  return {
    packetId: packet.packetId,
    createdAt: packet.createdAt,
    path: packet.path,
    sha256: packet.sha256,
    present: packet.path !== null && (await isFile(packet.path)),
    entries: packet.entries.map(entryView),
  };
}

/**
 * Where a packet of this workspace was written, as its custody entries record it, if a file is still
 * there. The path comes from the cache, never from the window.
 */
export async function recordedPacketPath(session: Session, packetId: string): Promise<string> {
  const packet = packetsFromCustody(custodyChain(session.db, session.workspace.id)).find((p) => p.packetId === packetId);
  if (!packet) throw new AppError('not-found', `There is no packet ${packetId} in this workspace's history.`, 'Refresh History and choose a packet from the list.');
  if (packet.path === null) {
    throw new AppError('not-found', `Packet ${packetId} was never written: packing it did not finish.`, 'Pack again to make a new packet.', { packetId });
  }
  if (!(await isFile(packet.path))) {
    throw new AppError(
      'not-found',
      `Packet ${packetId} is no longer where it was written (${packet.path}).`,
      'It was moved, renamed or deleted since. To check it where it is now, use Verify and choose the file.',
      { packetId, path: packet.path },
    );
  }
  return packet.path;
}

/** listPackets and showPacketInFolder: History, from the workspace's custody chain. */
export function historyServices(host: ServiceHost): Pick<BridgeServices, 'listPackets' | 'showPacketInFolder'> {
  return {
    listPackets: async () => {
      const session = host.session();
      return { packets: await Promise.all(packetsFromCustody(custodyChain(session.db, session.workspace.id)).map(packetView)) };
    },
    showPacketInFolder: async ({ packetId }) => {
      if (!host.reveal) throw new AppError('not-implemented', 'Showing files in the file manager is not available here.', 'Open the folder yourself: History shows where the packet was written.');
      const path = await recordedPacketPath(host.session(), packetId);
      host.reveal(path);
      return { shown: true };
    },
  };
}

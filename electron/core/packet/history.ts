import type { CustodyEntry } from '../../../shared/schemas/custody';

/** The custody actions that concern one packet (each entry's subject names it by `packet_id`). */
export const PACKET_ACTIONS = ['packed', 'signed', 'verified', 'exported'] as const;

/** A packet as the custody chain tells its story. */
export interface PacketRecord {
  packetId: string;
  /** When it was packed (its `packed` entry), RFC 3339 UTC. */
  createdAt: string;
  /** Where it was written (its `exported` entry), or null if it never was (packing failed or was cancelled). */
  path: string | null;
  /** The zip's SHA-256, as signed and exported, or null. */
  sha256: string | null;
  /** Its entries, oldest first. */
  entries: CustodyEntry[];
}

function packetIdOf(entry: CustodyEntry): string | null {
  const id = entry.subject.packet_id;
  return (PACKET_ACTIONS as readonly string[]).includes(entry.action) && typeof id === 'string' ? id : null;
}

/** The packets a workspace's custody chain records, newest first (by their place in the chain, not by clock). */
export function packetsFromCustody(chain: readonly CustodyEntry[]): PacketRecord[] {
  const byId = new Map<string, CustodyEntry[]>();
  for (const entry of chain) {
    const id = packetIdOf(entry);
    if (id === null) continue;
    const entries = byId.get(id);
    if (entries) entries.push(entry);
    else byId.set(id, [entry]);
  }
  const packets = [...byId].map(([packetId, entries]): PacketRecord => {
    const exported = entries.findLast((e) => e.action === 'exported');
    const path = exported?.subject.path;
    const hashed = entries.findLast((e) => e.artifact_sha256 !== null);
    return {
      packetId,
      createdAt: (entries.find((e) => e.action === 'packed') ?? entries[0]!).at,
      path: typeof path === 'string' ? path : null,
      sha256: exported?.artifact_sha256 ?? hashed?.artifact_sha256 ?? null,
      entries,
    };
  });
  return packets.sort((a, b) => b.entries[0]!.seq - a.entries[0]!.seq);
}

import { describe, expect, it } from 'vitest';
import { packetsFromCustody } from '../../../electron/core/packet/history';
import type { CustodyAction, CustodyEntry } from '../../../shared/schemas/custody';

let seq = 0;
function entry(action: CustodyAction, subject: CustodyEntry['subject'], sha: string | null = null): CustodyEntry {
  seq++;
  return { seq, at: `2026-03-20T10:00:${String(seq).padStart(2, '0')}.000Z`, action, actor: { name: 'Ana', os_user: null }, subject, artifact_sha256: sha, prev_hash: '0'.repeat(64), hash: String(seq).padStart(64, '0') };
}

describe('packet history from the custody chain', () => {
  it("groups each packet's entries, newest packet first, with where it was written and its hash", () => {
    const zipA = 'a'.repeat(64);
    const zipB = 'b'.repeat(64);
    const chain = [
      entry('imported', { original_filename: 'e.csv' }, 'f'.repeat(64)),
      entry('validated', { validation_run_id: 1, overall: 'pass' }),
      entry('packed', { packet_id: 'pkt-a' }),
      entry('packed', { packet_id: 'pkt-b' }),
      entry('signed', { packet_id: 'pkt-a', signer_fingerprint: 'SHA256:x' }, zipA),
      entry('signed', { packet_id: 'pkt-b', signer_fingerprint: 'SHA256:x' }, zipB),
      entry('verified', { packet_id: 'pkt-a', outcome: 'pass' }, zipA),
      entry('exported', { packet_id: 'pkt-a', path: '/out/a.zip' }, zipA),
      entry('packed', { packet_id: 'pkt-c' }),
    ];
    const packets = packetsFromCustody(chain);
    expect(packets.map((p) => p.packetId)).toEqual(['pkt-c', 'pkt-b', 'pkt-a']);
    expect(packets[2]).toMatchObject({ createdAt: chain[2]!.at, path: '/out/a.zip', sha256: zipA });
    expect(packets[2]!.entries.map((e) => e.action)).toEqual(['packed', 'signed', 'verified', 'exported']);
    // Signed but never exported: the hash is known, the path is not.
    expect(packets[1]).toMatchObject({ path: null, sha256: zipB });
    expect(packets[0]).toMatchObject({ path: null, sha256: null, entries: [chain[8]] });
  });

  it('ignores entries of other actions, and subjects without a packet id', () => {
    expect(packetsFromCustody([entry('note-edited', { note_sha256: 'c'.repeat(64), packet_id: 'pkt-x' }), entry('exported', { path: '/x.zip' })])).toEqual([]);
  });
});

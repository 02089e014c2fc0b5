import type { Database } from 'better-sqlite3';
import { appendCustody } from '../../../electron/core/custody';
import type { CustodyActor, CustodyEntry } from '../../../shared/schemas/custody';

export const ANA: CustodyActor = { name: 'Ana Silva', os_user: 'ana' };
export const SHA_A = 'a1'.repeat(32);
export const SHA_B = 'b2'.repeat(32);
export const SHA_ZIP = 'c3'.repeat(32);

/** A review's worth of custody: pull, import, validate, note, pack, sign, verify, export (8 entries, seq 1…8). */
export function appendReview(db: Database, workspaceId: string, packetId = 'pkt-1'): CustodyEntry[] {
  const at = (minute: number) => `2026-03-20T10:${String(minute).padStart(2, '0')}:00.000Z`;
  return [
    appendCustody(db, workspaceId, {
      action: 'pulled',
      actor: ANA,
      subject: { job_id: 'job_7', export_type: 'events', format: 'csv', original_filename: 'events-20260320.csv', bytes: 1024, api_base_url: 'https://api.example.com/v1' },
      artifactSha256: SHA_A,
      at: at(1),
    }),
    appendCustody(db, workspaceId, {
      action: 'imported',
      actor: { name: null, os_user: 'ana' },
      subject: { original_filename: 'traces 2026-03-20 (copy).json', export_type: 'traces', format: 'json', bytes: 2048 },
      artifactSha256: SHA_B,
      at: at(2),
    }),
    appendCustody(db, workspaceId, { action: 'validated', actor: ANA, subject: { validation_run_id: 3, overall: 'warn' }, artifactSha256: null, at: at(3) }),
    appendCustody(db, workspaceId, { action: 'note-edited', actor: ANA, subject: { note_sha256: 'd4'.repeat(32) }, artifactSha256: null, at: at(4) }),
    appendCustody(db, workspaceId, { action: 'packed', actor: ANA, subject: { packet_id: packetId }, artifactSha256: null, at: at(5) }),
    appendCustody(db, workspaceId, { action: 'signed', actor: ANA, subject: { packet_id: packetId, signer_fingerprint: 'SHA256:q1w2e3' }, artifactSha256: SHA_ZIP, at: at(6) }),
    appendCustody(db, workspaceId, { action: 'verified', actor: ANA, subject: { packet_id: packetId, outcome: 'pass' }, artifactSha256: SHA_ZIP, at: at(7) }),
    appendCustody(db, workspaceId, { action: 'exported', actor: ANA, subject: { packet_id: packetId, path: 'C:\\Users\\ana\\Évidence\\evidence-INC-42.zip' }, artifactSha256: SHA_ZIP, at: at(8) }),
  ];
}

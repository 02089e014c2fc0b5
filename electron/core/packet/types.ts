import type { EvidenceManifest } from '../../../shared/schemas/evidence';
import type { ValidationReport } from '../../../shared/schemas/validation';
import type { SigningKey } from '../keys';

/** One export file to carry in the bag: where it is on disk, and the name it goes under in data/exports/. */
export interface PacketExportFile {
  /** The file on disk (e.g. the cache's `artifacts/<sha256>/<name>`); read, streaming, never changed. */
  path: string;
  /**
   * The file's original name; the bag stores it as `data/exports/<originalFilename>`, byte for byte and
   * never renamed. A name that is not portable (see `exportNameProblem`) is refused.
   */
  originalFilename: string;
}

/** What goes under data/ besides the exports: the documents, already rendered. */
export interface PacketPayload {
  /** data/NOTE.md: the reviewer's note. Written as UTF-8, as given. */
  note: string;
  /** data/report.html: the self-contained report. Written as UTF-8, as given. */
  reportHtml: string;
  /** data/validation.json: written as JSON with 2-space indentation and a final newline. */
  validation: ValidationReport;
  /** data/custody.json: the bytes `custodyJson()` gave (the chain through this packet's `packed` entry). */
  custodyJson: string | Uint8Array;
  /** The export files, in any order (the bag sorts them). At least one, as evidence.json lists them. */
  exports: readonly PacketExportFile[];
}

/**
 * Everything one packet is made of. Most of bag-info.txt is taken from `evidence` (reviewer, scope,
 * generator, packet id, signer), so the two never disagree; the rest is computed (Payload-Oxum, Bag-Size,
 * Bagging-Date). The packet's name comes from the first of `evidence.scope.references` and the creation
 * time.
 */
export interface PacketSpec {
  /** Must equal `evidence.packet_id`. */
  packetId: string;
  /**
   * The packet's creation time, ms since the epoch or an RFC 3339 UTC instant; must be the same instant
   * as `evidence.created_at`. Every zip entry's modification time is this time, as a zip's DOS time
   * holds it (UTC, rounded down to an even second).
   */
  createdAt: number | string;
  /** bag-info.txt's Source-Organization. */
  sourceOrganization: string;
  /** evidence.json; checked against its schema (ajv, strict) and against the payload before anything is written. */
  evidence: EvidenceManifest;
  payload: PacketPayload;
  /** The reviewer's key: signs tagmanifest-sha256.txt; its public half becomes signer.pub.pem. */
  key: SigningKey;
}

/** Progress of writing a packet: uncompressed bytes put into the zip so far, of all of them. */
export interface PacketProgress {
  bytesDone: number;
  bytesTotal: number;
  /** The bag path being written (e.g. `data/exports/events.csv`). */
  entry: string;
}

/** Where and how to write. */
export interface WritePacketOptions {
  /** The folder the zip goes into; it must exist. The zip is never written over an existing file. */
  directory: string;
  onProgress?: (progress: PacketProgress) => void;
  /** Cancels the write; the partial file is deleted and the call rejects with an AppError `cancelled`. */
  signal?: AbortSignal;
}

/** One entry of the zip, in the order written. */
export interface PacketEntry {
  /** The path inside the zip, top folder included; folders end in `/`. */
  name: string;
  type: 'directory' | 'file';
  /** Uncompressed size (0 for folders). */
  bytes: number;
}

/** A packet that was written. */
export interface WrittenPacket {
  /** The zip's full path. */
  path: string;
  /** The zip's size. */
  bytes: number;
  /** sha256 (lowercase hex) of the zip file. */
  sha256: string;
  /** The signer's fingerprint, `SHA256:<base64 without padding>`. */
  fingerprint: string;
  packetId: string;
  entries: PacketEntry[];
}

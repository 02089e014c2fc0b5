// What verifying a packet gives back, and the bounds it reads an untrusted zip within (docs/PACKET.md).

/** Which check a finding comes from, in the order they run. */
export const VERIFICATION_CHECKS = [
  /** The zip itself: names, links, duplicates, limits, headers, sizes, CRCs (before any content is trusted). */
  'zip-safety',
  /** Names that are safe but break the format's portability rules (NFC, length, junk files). */
  'portability',
  /** The bag's files: the required ones present, nothing else beside data/. */
  'layout',
  /** bagit.txt, byte for byte. */
  'bagit',
  /** tagmanifest-sha256.txt.sig over tagmanifest-sha256.txt with signer.pub.pem. */
  'signature',
  /** tagmanifest-sha256.txt: its lines, and the tag files they pin. */
  'tag-manifest',
  /** manifest-sha256.txt: every payload file listed, nothing listed missing, hashes equal. */
  'payload-manifest',
  /** bag-info.txt: its syntax and required labels. */
  'bag-info',
  /** bag-info.txt's Payload-Oxum against the payload. */
  'payload-oxum',
  /** evidence.json against its schema. */
  'evidence-schema',
  /** evidence.json against bag-info.txt and the files in the bag. */
  'evidence-agreement',
  /** The signer's fingerprint: signer.pub.pem, bag-info.txt and evidence.json name the same key. */
  'fingerprint',
  /** data/custody.json: the chain, its `packed` entry, and an entry for every export. */
  'custody',
  /** Whether the signer is one the user trusts. */
  'trust',
] as const;
export type VerificationCheck = (typeof VERIFICATION_CHECKS)[number];

export type FindingSeverity = 'error' | 'warning' | 'info';

/** One thing the verifier found. Any `error` makes the packet invalid. */
export interface VerificationFinding {
  severity: FindingSeverity;
  check: VerificationCheck;
  /**
   * The file it is about: its path in the bag (`bag-info.txt`, `data/exports/events.csv`), or the entry's
   * name in the zip when it is outside the bag's folder; control and invisible characters (bidi overrides)
   * shown as `\u{…}`, so a name cannot disguise itself. Null when it is about the zip or the packet as a
   * whole.
   */
  file: string | null;
  /** What differs, for a person: expected and actual values. */
  message: string;
}

/** A file of the bag as read from the zip. */
export interface VerifiedFile {
  /** As `VerificationFinding.file`. */
  path: string;
  /** Bytes read (the declared size when the content was not read). */
  bytes: number;
  /** Lowercase hex SHA-256 of the content; null when it was not read (an unsafe zip) or could not be read whole. */
  sha256: string | null;
  /** No error finding names this file. */
  ok: boolean;
}

export type VerificationStatus = 'valid-trusted' | 'valid-untrusted' | 'invalid';

export interface VerificationResult {
  /**
   * `valid-trusted`: no error, and the signer's fingerprint is trusted. `valid-untrusted`: no error, but the
   * signer is not (yet) trusted: compare the fingerprint with the one the sender published. `invalid`: at
   * least one error finding.
   */
  status: VerificationStatus;
  /** evidence.json's packet_id (else bag-info.txt's Evidence-Packet-Id), when it could be read. */
  packetId: string | null;
  /** The fingerprint of signer.pub.pem, when it holds an Ed25519 public key. */
  fingerprint: string | null;
  /** The name the signer is trusted under; only for `valid-trusted` (null when trusted by a bare fingerprint list). */
  signerName: string | null;
  /** Every finding: errors, warnings and notes, in the order the checks ran. */
  findings: VerificationFinding[];
  /** Every file entry of the zip, in the zip's order. */
  files: VerifiedFile[];
  /**
   * data/NOTE.md and data/report.html as read, for showing inside the app: each only when no error names
   * it (its bytes match the payload manifest) and it is within `maxDocumentBytes`; else null.
   */
  documents: { note: string | null; report: string | null };
}

/** Bounds for reading an untrusted zip. Anything beyond them is refused before its content is read. */
export interface VerifyLimits {
  /** Entries in the zip (files and folders). */
  maxEntries: number;
  /** Total uncompressed bytes, as declared (and then enforced while reading). */
  maxTotalBytes: number;
  /** Uncompressed : compressed, for entries of more than `ratioMinBytes`. */
  maxRatio: number;
  ratioMinBytes: number;
  /** Any file outside data/ (the tag files are read into memory). */
  maxTagFileBytes: number;
  /** data/custody.json, read into memory to check the chain. */
  maxCustodyBytes: number;
  /** data/NOTE.md and data/report.html, kept in memory to be shown (larger ones are only hashed). */
  maxDocumentBytes: number;
}

export const DEFAULT_LIMITS: Readonly<VerifyLimits> = Object.freeze({
  maxEntries: 10_000,
  maxTotalBytes: 20 * 1024 ** 3,
  maxRatio: 200,
  ratioMinBytes: 1024 ** 2,
  maxTagFileBytes: 16 * 1024 ** 2,
  maxCustodyBytes: 64 * 1024 ** 2,
  maxDocumentBytes: 8 * 1024 ** 2,
});

/** Where a verification is: scanning the zip's directory, reading (hashing) entries, or checking the bag. */
export interface VerifyProgress {
  phase: 'scanning' | 'reading' | 'checking';
  /** Uncompressed bytes read so far, of all the files' (0 of 0 while scanning). */
  bytesDone: number;
  bytesTotal: number;
  /** The bag path being read, when reading. */
  file: string | null;
}

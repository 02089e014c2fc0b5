import type { BridgeError } from '../result';
import type { ReviewScope } from '../schemas/scope';

/** Where the app's evidence comes from in this session. */
export type DataSource =
  | { kind: 'demo'; apiBaseUrl: string }
  | { kind: 'keeptrusts'; apiBaseUrl: string }
  | { kind: 'offline' }
  | { kind: 'none' };

/** Answer of `appInfo`: enough to prove the round trip and to fill an About box. */
export interface AppInfo {
  name: string;
  version: string;
  /** Which host answered: the Electron main process, the test host, or the CLI. */
  runtime: 'electron' | 'test-host' | 'cli';
  versions: { node: string; v8: string; electron: string | null; chrome: string | null };
  platform: string;
  arch: string;
  dataSource: DataSource;
}

/** A review scope saved by name in the workspace, to reload later. */
export interface SavedScopeView {
  id: string;
  name: string;
  updatedAt: string;
  scope: ReviewScope;
}

/** A preview of one export type, as the API described it. */
export interface PreviewSummary {
  type: string;
  recordCount: number | null;
  earliest: string | null;
  latest: string | null;
  environments: string[];
  configVersions: string[];
  countsByVerdict: Record<string, number>;
}

/** What happened to one export of a pull, as the window shows it. */
export type PullOutcomeView =
  | { type: string; format: string; status: 'pulled'; jobId: string; artifactId: number; sha256: string; records: number; filename: string }
  | { type: string; format: string; status: 'duplicate'; jobId: string; artifactId: number; sha256: string }
  | { type: string; format: string; status: 'failed'; jobId: string | null; error: BridgeError };

/** What happened to one imported file. */
export type ImportOutcomeView =
  | { path: string; status: 'imported'; artifactId: number; sha256: string; records: number; type: string; format: string }
  | { path: string; status: 'duplicate'; artifactId: number; sha256: string }
  | { path: string; status: 'failed'; error: BridgeError };

/** A stored export file. */
export interface ArtifactView {
  id: number;
  type: string;
  format: string;
  originalFilename: string;
  bytes: number;
  sha256: string;
  source: 'pulled' | 'imported';
  recordCount: number | null;
  firstRecordAt: string | null;
  lastRecordAt: string | null;
  addedAt: string;
  provenance: unknown;
}

/** One cached record for the records browser. */
export interface RecordView {
  id: number;
  artifactId: number;
  recordIndex: number;
  type: string;
  recordId: string | null;
  time: string | null;
  environment: string | null;
  configVersion: string | null;
  requestId: string | null;
  escalationId: string | null;
  verdict: string | null;
  raw: string;
}

/** How the signing key is protected at rest: by the OS keyring (Electron's safeStorage) or by a passphrase. */
export type KeyProtectionView = 'os' | 'passphrase';

/**
 * Answer of `keyStatus`, `createKey` and `unlockKey`: never the key itself, nor a passphrase.
 * - `none`: there is no signing key yet (createKey);
 * - `locked`: a key exists but is not open in this run of the app: a passphrase-protected one waits for
 *   unlockKey; an OS-protected one the keyring could not open says why in `problem`;
 * - `ready`: the key is open in memory (until the app quits) and can sign.
 */
export interface KeyStatus {
  state: 'none' | 'locked' | 'ready';
  protection: KeyProtectionView | null;
  /** `SHA256:<base64, no padding>`; only when ready (a locked key's fingerprint is not known until it opens). */
  fingerprint: string | null;
  /** Whether the OS keyring can protect a new key; `refusedBecause` says why not (e.g. Linux's `basic_text`). */
  osProtection: { available: boolean; backend: string; refusedBecause: string | null };
  /** Why an existing key cannot be used right now (e.g. the keyring could not decrypt it), or null. */
  problem: BridgeError | null;
}

/** The public half of the signing key, to hand to whoever will verify the packets. */
export interface PublicKeyView {
  /** SPKI PEM (`-----BEGIN PUBLIC KEY-----`), the same as a packet's signer.pub.pem. */
  pem: string;
  fingerprint: string;
}

/** A signer the user trusts: packets it signed verify as `valid-trusted`. */
export interface TrustedSignerView {
  name: string;
  fingerprint: string;
  /** RFC 3339 UTC. */
  addedAt: string;
}

/** Answer of `pack`: where the packet went and what it carries. */
export interface PackOutcomeView {
  /** The zip's full path, in the folder the user chose in the main process's dialog. */
  path: string;
  /** sha256 (lowercase hex) of the zip. */
  sha256: string;
  bytes: number;
  packetId: string;
  /** The signer's fingerprint. */
  fingerprint: string;
  /** The overall result of the validation the packet carries. */
  overall: 'pass' | 'warn' | 'fail';
  /** The validation run recorded while packing (see latestValidation). */
  validationRunId: number;
}

/**
 * Answer of `verifyPacket`: the verifier's result as it is (docs/PACKET.md, "What the app's verifier
 * checks"), plus the path of the file the user chose. Nothing was written, not even to the cache.
 */
export interface VerificationView {
  /** The packet's full path, as chosen in the main process's dialog. */
  path: string;
  /**
   * `valid-trusted`: no error and the signer is trusted; `valid-untrusted`: no error, but compare the
   * fingerprint with the one the sender published before trusting it; `invalid`: at least one error.
   */
  status: 'valid-trusted' | 'valid-untrusted' | 'invalid';
  packetId: string | null;
  fingerprint: string | null;
  /** The name the signer is trusted under (valid-trusted only). */
  signerName: string | null;
  /** Every finding in the order the checks ran; `check` is one of the verifier's check ids (zip-safety, signature, …, trust). */
  findings: { severity: 'error' | 'warning' | 'info'; check: string; file: string | null; message: string }[];
  /** Every file entry of the zip. */
  files: { path: string; bytes: number; sha256: string | null; ok: boolean }[];
  /** data/NOTE.md as the packet carries it, when its bytes match the manifest (else null). Show it as text. */
  note: string | null;
  /**
   * data/report.html, when its bytes match the manifest: an id the host serves it under at
   * `/__packet-report/<id>` (for a sandboxed frame, under the report's own CSP); null otherwise.
   */
  reportId: string | null;
}

/** Where a workspace's API token is kept: the OS keyring, or (without one) only in memory until the app quits. */
export type TokenStorageView = 'os-keyring' | 'this-session-only';

/**
 * A workspace: the demo (the sample API in-process, sample data), a Keeptrusts API with its token, or
 * offline (no API; files are imported). The token itself never leaves the main process.
 */
export interface WorkspaceView {
  id: string;
  name: string;
  kind: 'demo' | 'keeptrusts' | 'offline';
  apiBaseUrl: string | null;
  /** Keeptrusts only: the stored token, masked (`kt_live_…1a2b`), and where it is kept; null when none is stored. */
  token: { masked: string; storage: TokenStorageView } | null;
  /** The workspace the app is working in now. */
  current: boolean;
}

/**
 * Answer of `checkConnection`, in words the reviewer can act on.
 * - `ok`: reachable, the token is accepted and may export;
 * - `unreachable`: no answer (address, network, proxy, TLS);
 * - `bad-token`: 401; `missing-scope`: 403 (token works, lacks the export scope);
 * - `not-keeptrusts`: something answered that does not speak the export API;
 * - `error`: anything else (server error, rate limited after retries), said in `message`.
 */
export interface ConnectionCheckView {
  status: 'ok' | 'unreachable' | 'bad-token' | 'missing-scope' | 'not-keeptrusts' | 'error';
  message: string;
  hint: string;
  /** ok only: the events the API holds for the last hour (proof the token can read). */
  eventsLastHour: number | null;
}

/** A file the user picked to import, with the type and format detected from its name, header or keys (to be confirmed). */
export interface ImportCandidateView {
  path: string;
  name: string;
  bytes: number;
  type: string | null;
  format: string | null;
  /** What the detection went by (e.g. `filename`, `csv header`, `json keys`), or null when it could not tell. */
  detectedFrom: string | null;
  /** Why the file cannot be imported as it is (unreadable, not CSV or JSON), or null. */
  problem: BridgeError | null;
}

/** One custody entry as History shows it. */
export interface CustodyEntryView {
  seq: number;
  at: string;
  action: string;
  actor: string;
  subject: Record<string, unknown>;
  artifactSha256: string | null;
}

/** A packet made in this workspace, from its custody entries (packed, signed, verified, exported). */
export interface PacketHistoryView {
  packetId: string;
  createdAt: string;
  /** Where it was written, as recorded when it was exported; null if it never was. */
  path: string | null;
  sha256: string | null;
  /** Whether a file is still at `path` (it may have been moved or deleted since). */
  present: boolean;
  entries: CustodyEntryView[];
}

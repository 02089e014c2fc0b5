import type { BridgeError } from '../result';

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

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

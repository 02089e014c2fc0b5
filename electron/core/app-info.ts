import type { AppInfo, DataSource } from '../../shared/bridge/types';

/** Facts about the running app for the `appInfo` call. */
export function describeApp(runtime: AppInfo['runtime'], app: { name: string; version: string }, dataSource: DataSource): AppInfo {
  const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return {
    name: app.name,
    version: app.version,
    runtime,
    versions: { node: versions.node, v8: versions.v8, electron: versions.electron ?? null, chrome: versions.chrome ?? null },
    platform: process.platform,
    arch: process.arch,
    dataSource,
  };
}

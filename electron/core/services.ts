import type { AppInfo, DataSource } from '../../shared/bridge/types';
import { describeApp } from './app-info';
import type { BridgeServices } from './bridge/services';

/** What core services need from their host. Later issues add the cache, the API client and keys. */
export interface ServiceHost {
  runtime: AppInfo['runtime'];
  app: { name: string; version: string };
  dataSource: () => DataSource;
}

/** The bridge's services, independent of Electron: the IPC adapter and the test host both use these. */
export function createServices(host: ServiceHost): BridgeServices {
  return {
    appInfo: async () => describeApp(host.runtime, host.app, host.dataSource()),
  };
}

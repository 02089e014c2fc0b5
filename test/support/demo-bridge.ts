import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher, type Dispatch } from '../../electron/core/bridge/dispatcher';
import type { CallContext } from '../../electron/core/bridge/services';
import { openDemoSession, startDemo } from '../../electron/core/demo';
import { createServices } from '../../electron/core/services';
import { closeSession, type Session } from '../../electron/core/session';

/** The bridge's services behind the real dispatcher (schema checks included), on the demo sample API and a fresh cache. */
export interface DemoBridge {
  session: Session;
  /** A temp folder for the test's own files; the cache is its `cache/`. */
  dir: string;
  dispatch: Dispatch;
  /** Calls a method and returns its value, failing the test with the error's code and message. */
  call<T>(method: string, payload: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startDemoBridge(ctx: CallContext, prefix = 'evidence-bridge-'): Promise<DemoBridge> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const demo = await startDemo(3);
  const session = openDemoSession(demo, { cacheDir: join(dir, 'cache'), actor: { name: 'Ana', os_user: 'ana' }, fetch });
  const dispatch = createDispatcher(
    createServices({ runtime: 'cli', app: { name: 'Evidence Packager', version: '0' }, dataSource: () => ({ kind: 'demo', apiBaseUrl: demo.apiBaseUrl }), session: () => session }),
  );
  return {
    session,
    dir,
    dispatch,
    async call<T>(method: string, payload: unknown): Promise<T> {
      const result = await dispatch(method, payload, ctx);
      if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
      return result.value as T;
    },
    async close() {
      closeSession(session);
      await demo.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

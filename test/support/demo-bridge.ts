import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher, type Dispatch } from '../../electron/core/bridge/dispatcher';
import type { CallContext } from '../../electron/core/bridge/services';
import { openDemoSession, startDemo } from '../../electron/core/demo';
import { createServices, type PathChooser, type ServiceHost } from '../../electron/core/services';
import { closeSession, type Session } from '../../electron/core/session';
import type { BridgeError, Result } from '../../shared/result';

/** The bridge's services behind the real dispatcher (schema checks included), on the demo sample API and a fresh cache. */
export interface DemoBridge {
  session: Session;
  /** A temp folder for the test's own files; the cache is its `cache/`. */
  dir: string;
  dispatch: Dispatch;
  /** Another dispatcher over the same session (as another run of the app would be), with `host` in place of the bridge's own keys, dialogs and file manager. */
  dispatcher(host?: Partial<ServiceHost>): Dispatch;
  /** Calls a method (through `via`, else the bridge's dispatcher) and returns its value, failing the test with the error's code and message. */
  call<T>(method: string, payload: unknown, via?: Dispatch): Promise<T>;
  /** Calls a method that must fail (through `via`, else the bridge's dispatcher) and returns its error, failing the test if it succeeds. */
  failure(method: string, payload: unknown, via?: Dispatch): Promise<BridgeError>;
  close(): Promise<void>;
}

export interface DemoBridgeOptions {
  /** The start of the temp folder's name. */
  prefix?: string;
  /** The demo's seed, which makes its sample data. */
  seed?: number;
  /** The services' keys, dialogs and file manager, given the temp folder; without them those methods answer not-implemented. */
  host?: (dir: string) => Partial<ServiceHost>;
}

/** A bug (an exception that is not an AppError) fails the test instead of being answered as `internal`. */
const throwBug = (method: string, error: unknown) => {
  throw new Error(`bug in ${method}: ${String(error)}`);
};

export async function startDemoBridge(ctx: CallContext, options: DemoBridgeOptions = {}): Promise<DemoBridge> {
  const dir = await mkdtemp(join(tmpdir(), options.prefix ?? 'evidence-bridge-'));
  const demo = await startDemo(options.seed ?? 3);
  const session = openDemoSession(demo, { cacheDir: join(dir, 'cache'), actor: { name: 'Ana', os_user: 'ana' }, fetch });
  const dispatcher = (host: Partial<ServiceHost> = {}) =>
    createDispatcher(
      createServices({ runtime: 'cli', app: { name: 'Evidence Packager', version: '0' }, dataSource: () => ({ kind: 'demo', apiBaseUrl: demo.apiBaseUrl }), session: () => session, ...host }),
      throwBug,
    );
  const dispatch = dispatcher(options.host?.(dir));
  return {
    session,
    dir,
    dispatch,
    dispatcher,
    async call<T>(method: string, payload: unknown, via = dispatch): Promise<T> {
      const result = await via(method, payload, ctx);
      if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
      return result.value as T;
    },
    async failure(method: string, payload: unknown, via = dispatch): Promise<BridgeError> {
      const result: Result<unknown> = await via(method, payload, ctx);
      if (result.ok) throw new Error(`${method} succeeded`);
      return result.error;
    },
    async close() {
      closeSession(session);
      await demo.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The dialogs, answered by the test (a value, or a promise it resolves later); counts how often each was opened. */
export class TestChooser implements PathChooser {
  folder: string | null | Promise<string | null> = null;
  packet: string | null = null;
  files: string[] = [];
  asked = { outputFolder: 0, packetFile: 0, importFiles: 0 };
  async outputFolder(): Promise<string | null> {
    this.asked.outputFolder++;
    return this.folder;
  }
  async packetFile(): Promise<string | null> {
    this.asked.packetFile++;
    return this.packet;
  }
  async importFiles(): Promise<string[]> {
    this.asked.importFiles++;
    return this.files;
  }
}

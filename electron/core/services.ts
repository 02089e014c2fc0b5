import type { ArtifactView, PreviewSummary } from '../../shared/bridge/types';
import type { BridgeError } from '../../shared/result';
import { describeApp } from './app-info';
import type { BridgeServices } from './bridge/services';
import { latestValidationRun, recordValidation } from './cache/validation-runs';
import { cachedExportInputs, validateExports } from './validate';
import { AppError } from './errors';
import { importFiles } from './ingest/import';
import { pullExports } from './pull/pull';
import type { ServiceHost } from './services/host';
import { historyServices } from './services/history';
import { ChosenFiles, importServices, notChosen } from './services/imports';
import { Keyring, keyServices } from './services/keys';
import { noteServices } from './services/note';
import { packetServices } from './services/packets';
import { recordServices } from './services/records';
import { scopeServices } from './services/scopes';
import { workspaceServices } from './services/workspaces';
import type { Session } from './session';

export type { KeyHost, PathChooser, ServiceHost } from './services/host';

function requireClient(session: Session) {
  if (!session.client) throw session.clientProblem ?? new AppError('invalid-request', 'This workspace has no Keeptrusts API (offline mode).', 'Import export files instead, or switch to a workspace with an API.');
  return session.client;
}

/** Write-heavy work as a task: joined if started twice, cancellable by id, one writer at a time. */
function writeTask<T>(session: Session, taskId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return session.tasks.run(taskId, (signal) => session.writes.run(() => work(signal)));
}

/** An outcome as the window gets it: a failure's AppError becomes its plain BridgeError. */
type ForTheWindow<O> = O extends { error: AppError } ? Omit<O, 'error'> & { error: BridgeError } : O;

function forTheWindow<O extends { status: string }>(outcomes: O[]): ForTheWindow<O>[] {
  return outcomes.map((o) => ('error' in o && o.error instanceof AppError ? { ...o, error: o.error.toBridgeError() } : o)) as ForTheWindow<O>[];
}

/**
 * The bridge's services, independent of Electron: the IPC adapter and the test host both use these. The
 * signing key opened through them stays in this instance's memory (one per run of the app).
 */
export function createServices(host: ServiceHost): BridgeServices {
  const keyring = new Keyring(host);
  const chosen = new ChosenFiles(host.choose !== undefined);
  return {
    ...keyServices(host, keyring),
    ...packetServices(host, keyring),
    ...scopeServices(host),
    ...workspaceServices(host),
    ...recordServices(host),
    ...importServices(host, chosen),
    ...historyServices(host),
    ...noteServices(host, keyring),

    stepShown: async ({ step }) => {
      host.onStepShown?.(step);
      return { shown: true };
    },

    appInfo: async () => describeApp(host.runtime, host.app, host.dataSource()),

    preview: async ({ types, window, environment }) => {
      const client = requireClient(host.session());
      const previews: PreviewSummary[] = [];
      for (const type of types) {
        const { preview } = await client.preview({ type, ...window, ...(environment ? { filters: { environment } } : {}) });
        previews.push({
          type,
          recordCount: preview.record_count,
          earliest: preview.earliest,
          latest: preview.latest,
          environments: preview.environments,
          configVersions: preview.config_versions,
          countsByVerdict: preview.counts_by_verdict,
        });
      }
      return { previews };
    },

    pull: async ({ taskId, exports, window, environment }, ctx) => {
      const session = host.session();
      const client = requireClient(session);
      const outcomes = await writeTask(session, taskId, (signal) =>
        pullExports(
          { workspaceId: session.workspace.id, exports, window, ...(environment ? { filters: { environment } } : {}) },
          {
            db: session.db,
            cacheDir: session.cacheDir,
            client,
            apiBaseUrl: session.workspace.apiBaseUrl ?? '',
            actor: session.actor,
            taskId,
            signal,
            onProgress: (progress) => ctx.emit('progress', progress),
            onJobStatus: (status) => ctx.emit('jobStatus', status),
          },
        ),
      );
      return { outcomes: forTheWindow(outcomes) };
    },

    importFiles: async ({ taskId, files: asked }, ctx) => {
      const session = host.session();
      const files = asked.filter((f) => chosen.allows(f.path));
      const imported = files.length === 0 ? [] : await writeTask(session, taskId, (signal) =>
        importFiles(files, {
          db: session.db,
          cacheDir: session.cacheDir,
          workspaceId: session.workspace.id,
          actor: session.actor,
          signal,
          onProgress: ({ file, stage, value }) => ctx.emit('progress', { taskId, kind: stage === 'ingesting' ? 'ingest' : 'hash', value, title: `Importing ${file}`, detail: stage }),
        }),
      );
      // In the order asked, with a refusal in place of each file the dialog did not give.
      const outcomes = asked.map((f) => (chosen.allows(f.path) ? imported.shift()! : { path: f.path, status: 'failed' as const, error: notChosen(f.path) }));
      return { outcomes: forTheWindow(outcomes) };
    },

    cancelTask: async ({ taskId }) => ({ cancelled: host.session().tasks.cancel(taskId) }),

    listArtifacts: async () => {
      const session = host.session();
      const rows = session.db
        .prepare(
          `SELECT id, type, format, original_filename AS originalFilename, bytes, sha256, source, record_count AS recordCount,
                  first_record_at AS firstRecordAt, last_record_at AS lastRecordAt, added_at AS addedAt, provenance_json
             FROM artifacts WHERE workspace_id = ? ORDER BY added_at, id`,
        )
        .all(session.workspace.id) as (Omit<ArtifactView, 'provenance'> & { provenance_json: string })[];
      return { artifacts: rows.map(({ provenance_json, ...row }) => ({ ...row, provenance: JSON.parse(provenance_json) as unknown })) };
    },

    validate: async ({ taskId, scope, artifactIds, retentionHours }, ctx) => {
      const session = host.session();
      const files = cachedExportInputs(session.db, session.cacheDir, session.workspace.id, artifactIds);
      if (files.length === 0) throw new AppError('invalid-request', 'There are no export files to validate in this workspace yet.', 'Pull or import the exports first.');
      const report = await session.tasks.run(taskId, (signal) =>
        validateExports(files, scope, {
          now: Date.now(),
          signal,
          taskId,
          ...(retentionHours ? { settings: { retentionHours } } : {}),
          onProgress: (progress) => ctx.emit('progress', progress),
        }),
      );
      const runId = await session.writes.run(async () => recordValidation(session.db, session.workspace.id, session.actor, files, report));
      return { runId, report };
    },

    latestValidation: async () => latestValidationRun(host.session().db, host.session().workspace.id),
  };
}

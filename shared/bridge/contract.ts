import { Type } from '@sinclair/typebox';
import type { Result } from '../result';
import { PROGRESS_KINDS } from '../progress';
import { STEP_IDS } from '../steps';
import { event, method, type PayloadOfSpec, type RequestOfSpec, type ResponseOfSpec } from './define';
import {
  EXPORT_FORMATS,
  EXPORT_TYPES,
  FINGERPRINT_PATTERN,
  MAX_PASSPHRASE_LENGTH,
  MIN_PASSPHRASE_LENGTH,
  TIME_WINDOWS,
  UTC_INSTANT_PATTERN,
  type TimeWindow,
} from '../domain';
import { NoteFields } from '../schemas/note';
import { ReviewScope } from '../schemas/scope';
import type { ValidationReport } from '../schemas/validation';
import type {
  AppInfo,
  ArtifactView,
  ConnectionCheckView,
  ImportCandidateView,
  ImportOutcomeView,
  KeyStatus,
  PackOutcomeView,
  PacketHistoryView,
  PreviewSummary,
  PublicKeyView,
  PullOutcomeView,
  RecordView,
  SavedScopeView,
  TrustedSignerView,
  VerificationView,
  WorkspaceView,
} from './types';

const NoArguments = Type.Object({}, { additionalProperties: false });
const closed = { additionalProperties: false } as const;
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const ExportTypeSchema = literals(EXPORT_TYPES);
const ExportFormatSchema = literals(EXPORT_FORMATS);
const DateOrInstant = Type.String({ pattern: `^\\d{4}-\\d{2}-\\d{2}$|${UTC_INSTANT_PATTERN}` });
const WindowSchema = Type.Union([
  Type.Object({ time_window: literals(Object.keys(TIME_WINDOWS) as TimeWindow[]) }, closed),
  Type.Object({ date_from: DateOrInstant, date_to: DateOrInstant }, closed),
]);
const TaskId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });
const ShortText = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Fingerprint = Type.String({ pattern: FINGERPRINT_PATTERN });
const ArtifactIds = Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 100, uniqueItems: true });
const RetentionHours = Type.Integer({ minimum: 1, maximum: 100_000 });
const ScopeId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });
const WorkspaceId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });
const PacketId = Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,128}$' });
const ApiBaseUrl = Type.String({ minLength: 1, maxLength: 2048, pattern: '^https?://' });
const ApiToken = Type.String({ minLength: 1, maxLength: 4096 });
const RecordFilters = {
  type: Type.Optional(ExportTypeSchema),
  verdict: Type.Optional(ShortText(50)),
  text: Type.Optional(ShortText(200)),
  requestId: Type.Optional(ShortText(200)),
  escalationId: Type.Optional(ShortText(200)),
  environment: Type.Optional(ShortText(100)),
  from: Type.Optional(Type.String({ pattern: UTC_INSTANT_PATTERN })),
  to: Type.Optional(Type.String({ pattern: UTC_INSTANT_PATTERN })),
};

/**
 * Every call the renderer can make. The preload, the IPC adapter, the test host and the type of
 * `window.evidence` are all derived from this map: adding a call is one entry here plus its service.
 */
export const bridgeMethods = {
  appInfo: method<AppInfo>()(NoArguments, 'What is running: app and runtime versions, and where data comes from.'),
  preview: method<{ previews: PreviewSummary[] }>()(
    Type.Object({ types: Type.Array(ExportTypeSchema, { minItems: 1, maxItems: 4, uniqueItems: true }), window: WindowSchema, environment: Type.Optional(ShortText(100)) }, closed),
    'What the API holds for a scope, per export type, before any job is created.',
  ),
  pull: method<{ outcomes: PullOutcomeView[] }>()(
    Type.Object(
      {
        taskId: TaskId,
        exports: Type.Array(Type.Object({ type: ExportTypeSchema, format: ExportFormatSchema }, closed), { minItems: 1, maxItems: 4 }),
        window: WindowSchema,
        environment: Type.Optional(ShortText(100)),
      },
      closed,
    ),
    'Create, await, download and ingest one export job per type; progress comes as events; cancel by task id.',
  ),
  importFiles: method<{ outcomes: ImportOutcomeView[] }>()(
    Type.Object(
      {
        taskId: TaskId,
        files: Type.Array(Type.Object({ path: ShortText(4096), type: Type.Optional(ExportTypeSchema), format: Type.Optional(ExportFormatSchema) }, closed), { minItems: 1, maxItems: 100 }),
      },
      closed,
    ),
    'Copy export files carried in by hand into the cache, unchanged, with provenance, and ingest them.',
  ),
  cancelTask: method<{ cancelled: boolean }>()(Type.Object({ taskId: TaskId }, closed), 'Stop a running pull or import; nothing half-written is kept.'),
  listArtifacts: method<{ artifacts: ArtifactView[] }>()(NoArguments, 'The export files in the current workspace, with their provenance.'),
  queryRecords: method<{ records: RecordView[]; next: string | null }>()(
    Type.Object(
      {
        ...RecordFilters,
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        cursor: Type.Optional(ShortText(200)),
        /** Rows to skip (for jumping in a long list); not with `cursor`. */
        offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
      },
      closed,
    ),
    'A page of cached records, oldest first, filtered by verdict, text, request id, escalation id and time; by cursor (next page) or offset (a jump).',
  ),
  countRecords: method<{ total: number }>()(Type.Object(RecordFilters, closed), 'How many cached records match the filters (the records browser sizes its list with it).'),
  validate: method<{ runId: number; report: ValidationReport }>()(
    Type.Object(
      {
        taskId: TaskId,
        scope: ReviewScope,
        artifactIds: Type.Optional(ArtifactIds),
        retentionHours: Type.Optional(RetentionHours),
      },
      closed,
    ),
    'Check the cached export files (all, or the given ones) against the review scope; progress comes as events; the report is kept.',
  ),
  latestValidation: method<{ runId: number; report: ValidationReport } | null>()(NoArguments, 'The most recent validation report of the workspace, or null.'),
  saveScope: method<{ id: string; name: string; updatedAt: string }>()(
    Type.Object({ id: Type.Optional(ScopeId), name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }), scope: ReviewScope }, closed),
    'Save the review scope under a name in the workspace (a new one, or over the saved scope with that id).',
  ),
  listScopes: method<{ scopes: SavedScopeView[] }>()(NoArguments, "The workspace's saved review scopes, most recently saved first."),
  deleteScope: method<{ deleted: boolean }>()(Type.Object({ id: ScopeId }, closed), 'Delete a saved review scope.'),
  keyStatus: method<KeyStatus>()(NoArguments, 'Whether there is a signing key, how it is protected, whether it is open, and whether the OS keyring can protect one.'),
  createKey: method<KeyStatus>()(
    Type.Object({ passphrase: Type.Optional(Type.String({ minLength: MIN_PASSPHRASE_LENGTH, maxLength: MAX_PASSPHRASE_LENGTH })) }, closed),
    'Create the signing key, never replacing one: under the passphrase when given, else under the OS keyring (refused when it cannot protect, e.g. basic_text).',
  ),
  unlockKey: method<KeyStatus>()(
    Type.Object({ passphrase: Type.String({ minLength: 1, maxLength: MAX_PASSPHRASE_LENGTH }) }, closed),
    'Open the passphrase-protected signing key for this run of the app; the key stays in the main process.',
  ),
  publicKey: method<PublicKeyView>()(NoArguments, "The open signing key's public half (SPKI PEM) and fingerprint."),
  listTrustedSigners: method<{ signers: TrustedSignerView[] }>()(NoArguments, 'The signers the user trusts, by name.'),
  trustSigner: method<{ signer: TrustedSignerView; signers: TrustedSignerView[] }>()(
    Type.Object({ name: ShortText(200), fingerprint: Fingerprint }, closed),
    'Trust a signer by fingerprint (trusting it again renames it).',
  ),
  untrustSigner: method<{ removed: boolean; signers: TrustedSignerView[] }>()(Type.Object({ fingerprint: Fingerprint }, closed), 'Stop trusting a signer.'),
  pack: method<PackOutcomeView>()(
    Type.Object(
      {
        taskId: TaskId,
        scope: ReviewScope,
        note: NoteFields,
        artifactIds: Type.Optional(ArtifactIds),
        includeHost: Type.Optional(Type.Boolean()),
        retentionHours: Type.Optional(RetentionHours),
      },
      closed,
    ),
    'Validate again, then write and sign the evidence packet into a folder the user chooses in a native dialog; progress comes as events; cancel by task id.',
  ),
  verifyPacket: method<VerificationView>()(
    Type.Object({ taskId: TaskId, packetId: Type.Optional(PacketId) }, closed),
    'Verify a packet without extracting it or writing anything: one the user chooses in a native dialog, or (with packetId) one this workspace made, where History says it was written; progress comes as events; cancel by task id.',
  ),
  listWorkspaces: method<{ workspaces: WorkspaceView[] }>()(NoArguments, 'The workspaces: the demo, Keeptrusts APIs and offline ones; which one is current.'),
  saveWorkspace: method<{ workspace: WorkspaceView; workspaces: WorkspaceView[] }>()(
    Type.Object(
      {
        id: Type.Optional(WorkspaceId),
        name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
        kind: Type.Union([Type.Literal('keeptrusts'), Type.Literal('offline')]),
        apiBaseUrl: Type.Optional(ApiBaseUrl),
        /** Given once; kept in the secret store, never returned. Omitted when editing: the stored one stays. */
        token: Type.Optional(ApiToken),
      },
      closed,
    ),
    'Add a Keeptrusts or offline workspace, or change one (name, address, a new token).',
  ),
  removeWorkspace: method<{ removed: boolean; workspaces: WorkspaceView[] }>()(
    Type.Object({ id: WorkspaceId }, closed),
    'Forget a workspace and its stored token (not the demo, not the current one); its cached files and custody log stay in the cache.',
  ),
  openWorkspace: method<{ workspace: WorkspaceView }>()(Type.Object({ id: WorkspaceId }, closed), 'Work in another workspace (refused while a pull, import or pack is running).'),
  checkConnection: method<ConnectionCheckView>()(
    Type.Union([Type.Object({ id: WorkspaceId }, closed), Type.Object({ apiBaseUrl: ApiBaseUrl, token: ApiToken }, closed)]),
    "Check a workspace's API (or an address and token being entered): reachable, token accepted, export scope.",
  ),
  chooseImportFiles: method<{ files: ImportCandidateView[] }>()(
    NoArguments,
    'Pick export files in a native dialog and detect each one\'s type and format for the user to confirm; an empty list when cancelled.',
  ),
  previewNote: method<{ markdown: string }>()(
    Type.Object({ scope: ReviewScope, note: NoteFields }, closed),
    'NOTE.md as the packet would carry it for this scope and note (packet id, time, files and signer shown as placeholders until packing).',
  ),
  listPackets: method<{ packets: PacketHistoryView[] }>()(NoArguments, 'The packets made in this workspace, newest first, with their custody entries.'),
  stepShown: method<{ shown: true }>()(
    Type.Object({ step: Type.Union(STEP_IDS.map((id) => Type.Literal(id))) }, closed),
    "The window now shows this step (the app menu's Go list marks it).",
  ),
  showPacketInFolder: method<{ shown: boolean }>()(Type.Object({ packetId: PacketId }, closed), "Show a packet this workspace made in the OS file manager."),
} as const;

/** What the app menu can ask the window to start: `open-packet` → Verify's verify(), `import-files` → Pull's import chooser. */
export const MENU_COMMANDS = ['open-packet', 'import-files'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Every event the main process pushes to the renderer. */
export const bridgeEvents = {
  progress: event(
    Type.Object(
      {
        taskId: Type.String({ minLength: 1, maxLength: 200 }),
        kind: Type.Union(PROGRESS_KINDS.map((k) => Type.Literal(k))),
        value: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]),
        title: Type.String({ maxLength: 500 }),
        detail: Type.String({ maxLength: 2000 }),
      },
      { additionalProperties: false },
    ),
    'Progress of long work (download, ingest, hashing, zipping, verifying).',
  ),
  jobStatus: event(
    Type.Object(
      {
        jobId: Type.String({ minLength: 1, maxLength: 200 }),
        exportType: Type.String({ maxLength: 50 }),
        status: Type.String({ maxLength: 50 }),
        detail: Type.String({ maxLength: 2000 }),
      },
      { additionalProperties: false },
    ),
    'A remote export job changed status (as the server spelled it).',
  ),
  navigate: event(
    Type.Object({ step: Type.Union(STEP_IDS.map((id) => Type.Literal(id))) }, { additionalProperties: false }),
    'The app menu asked the window to show a step.',
  ),
  menuCommand: event(
    Type.Object({ command: Type.Union(MENU_COMMANDS.map((c) => Type.Literal(c))) }, { additionalProperties: false }),
    'The app menu (or a packet opened from the OS) asked the window to go to a step and start its action.',
  ),
} as const;

export type BridgeMethods = typeof bridgeMethods;
export type BridgeEvents = typeof bridgeEvents;
export type MethodName = keyof BridgeMethods;
export type EventName = keyof BridgeEvents;
export type RequestOf<K extends MethodName> = RequestOfSpec<BridgeMethods[K]>;
export type ResponseOf<K extends MethodName> = ResponseOfSpec<BridgeMethods[K]>;
export type EventPayload<E extends EventName> = PayloadOfSpec<BridgeEvents[E]>;

/** Stops a subscription. */
export type Unsubscribe = () => void;

/** The type of `window.evidence`, derived from the maps above, never written by hand. */
export type EvidenceBridge = {
  readonly [K in MethodName]: (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>>;
} & {
  readonly on: <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) => Unsubscribe;
};

/** The method names, in a stable order. */
export const methodNames = Object.keys(bridgeMethods) as MethodName[];
/** The event names, in a stable order. */
export const eventNames = Object.keys(bridgeEvents) as EventName[];

/** True when `name` is one of the bridge's methods (own key, so `__proto__` and friends are not). */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(bridgeMethods, name);
}

/** True when `name` is one of the bridge's events. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(bridgeEvents, name);
}

/** IPC channel names. One channel per method keeps handlers and logs readable. */
export const channels = {
  method: (name: MethodName) => `evidence:call:${name}`,
  events: 'evidence:event',
} as const;

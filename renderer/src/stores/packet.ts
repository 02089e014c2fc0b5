import { create } from 'zustand';
import type { EventPayload } from '../../../shared/bridge/contract';
import type { KeyStatus, PackOutcomeView, VerificationView } from '../../../shared/bridge/types';
import { EXPORT_TYPES } from '../../../shared/domain';
import type { BridgeError, Result } from '../../../shared/result';
import type { NoteFields } from '../../../shared/schemas/note';
import type { ReviewScope } from '../../../shared/schemas/scope';
import { callBridge, newTaskId } from '../lib/bridge-call';
import { toNoteFields, useNote } from './note';
import { useScope } from './scope';

/** The signing key, as keyStatus/createKey/unlockKey describe it; `busy` while one of those runs. */
export type KeyView = { status: 'loading' } | { status: 'ready'; key: KeyStatus; busy: boolean; error: BridgeError | null } | { status: 'error'; error: BridgeError };

/** The export files that will be packed. */
export interface FilesSummary {
  count: number;
  bytes: number;
  types: string[];
}

/** What the packet will be made from: the scope, the note, the files and the latest validation. */
export interface PacketInputs {
  status: 'idle' | 'loading' | 'ready';
  /** The scope as resolved now (null: the Scope step has problems). */
  scope: ReviewScope | null;
  /** The note (null: the Note step has problems, listed in `noteProblems`). */
  note: NoteFields | null;
  noteProblems: string[];
  files: FilesSummary | null;
  filesError: BridgeError | null;
  validation: { runId: number; generatedAt: string; overall: 'pass' | 'warn' | 'fail' } | null;
  validationError: BridgeError | null;
}

/** The three stages packing reports progress in, in order. */
export const PACK_STAGES = ['validate', 'write', 'verify'] as const;
export type PackStage = (typeof PACK_STAGES)[number];

/** One progress report of the running pack (value 0..1 over the whole pack, or null while unknown). */
export interface PackProgress {
  stage: PackStage;
  value: number | null;
  title: string;
  detail: string;
}

/** "Verify now" on the packet just written. */
export type PacketCheck =
  | { status: 'idle' }
  | { status: 'verifying'; taskId: string; progress: Pick<PackProgress, 'value' | 'title' | 'detail'> | null }
  | { status: 'done'; result: VerificationView }
  | { status: 'failed'; error: BridgeError };

/** "Show in folder": `missing` when the packet is no longer where it was written. */
export type RevealState = { status: 'idle' | 'busy' | 'shown' | 'missing' } | { status: 'failed'; error: BridgeError };

/**
 * Packing. `idle`: ready to pack (`notice` says why the last attempt wrote nothing, e.g. the folder
 * dialog was closed); `choosing`: the main process shows its folder dialog; `packing`: progress;
 * `done`: the packet; `failed`: why there is none.
 */
export type PackRun =
  | { status: 'idle'; notice: string | null }
  | { status: 'choosing'; taskId: string }
  | { status: 'packing'; taskId: string; progress: PackProgress }
  | { status: 'done'; outcome: PackOutcomeView; check: PacketCheck; reveal: RevealState }
  | { status: 'failed'; error: BridgeError };

/** The Packet step. */
export interface PacketState {
  key: KeyView;
  inputs: PacketInputs;
  /** Whether evidence.json records this computer's user and host name. */
  includeHost: boolean;
  run: PackRun;
}

export interface PacketActions {
  /** Reads the key's status, the files, the latest validation, the scope and the note (pre-filling the note if it never was). */
  load(): Promise<void>;
  /** Creates the signing key: under `passphrase`, or under the OS keyring when it is null. */
  createKey(passphrase: string | null): Promise<boolean>;
  unlockKey(passphrase: string): Promise<boolean>;
  setIncludeHost(on: boolean): void;
  /** Validates again, lets the user choose a folder (main process), writes and signs the packet. */
  pack(): Promise<void>;
  /** Stops the running pack. */
  cancel(): Promise<void>;
  /** A progress event from the bridge (events.ts); reports of other tasks are ignored. */
  receiveProgress(progress: EventPayload<'progress'>): void;
  /** Verifies the packet just written, where it was written. */
  verifyNow(): Promise<void>;
  /** Shows the packet just written in the OS file manager. */
  reveal(): Promise<void>;
  /** Back to "ready to pack" (for another packet); not while one is being written. */
  startOver(): void;
  /** startOver, with the inputs read again. */
  again(): Promise<void>;
}

/** The state a fresh window starts with (also used by tests). */
export function emptyPacketState(): PacketState {
  return {
    key: { status: 'loading' },
    inputs: { status: 'idle', scope: null, note: null, noteProblems: [], files: null, filesError: null, validation: null, validationError: null },
    includeHost: false,
    run: { status: 'idle', notice: null },
  };
}

const STAGE_OF: Record<EventPayload<'progress'>['kind'], PackStage | null> = { validate: 'validate', hash: null, zip: 'write', verify: 'verify', download: null, ingest: null };

/** The task id of the pack in progress, if any. */
export function runningPack(run: PackRun): string | null {
  return run.status === 'choosing' || run.status === 'packing' ? run.taskId : null;
}

/** Distinct export types in the product's order (events, traces, escalations, audit log), any unknown ones after. */
function inTypeOrder(types: string[]): string[] {
  const distinct = [...new Set(types)];
  return [...EXPORT_TYPES.filter((t) => distinct.includes(t)), ...distinct.filter((t) => !(EXPORT_TYPES as readonly string[]).includes(t)).sort()];
}

async function readInputs(): Promise<PacketInputs> {
  const scope = useScope.getState().resolve();
  if (scope && useNote.getState().source.status === 'idle') await useNote.getState().prefill();
  const noteResult = toNoteFields(useNote.getState().draft);
  const [artifacts, latest] = await Promise.all([callBridge((b) => b.listArtifacts({})), callBridge((b) => b.latestValidation({}))]);
  return {
    status: 'ready',
    scope,
    note: noteResult.ok ? noteResult.note : null,
    noteProblems: noteResult.ok ? [] : Object.values(noteResult.problems),
    files: artifacts.ok
      ? {
          count: artifacts.value.artifacts.length,
          bytes: artifacts.value.artifacts.reduce((sum, a) => sum + a.bytes, 0),
          types: inTypeOrder(artifacts.value.artifacts.map((a) => a.type)),
        }
      : null,
    filesError: artifacts.ok ? null : artifacts.error,
    validation: latest.ok && latest.value ? { runId: latest.value.runId, generatedAt: latest.value.report.generated_at, overall: latest.value.report.overall } : null,
    validationError: latest.ok ? null : latest.error,
  };
}

export const usePacket = create<PacketState & PacketActions>()((set, get) => {
  /** Applies a key answer; a failed one keeps the last known status and shows the error. */
  const keyAnswer = (answer: Result<KeyStatus>): boolean => {
    const key = get().key;
    if (answer.ok) set({ key: { status: 'ready', key: answer.value, busy: false, error: null } });
    else if (key.status === 'ready') set({ key: { ...key, busy: false, error: answer.error } });
    else set({ key: { status: 'error', error: answer.error } });
    return answer.ok;
  };
  const keyBusy = () => {
    const key = get().key;
    if (key.status === 'ready') set({ key: { ...key, busy: true, error: null } });
  };
  /** Updates the finished run's part (check or reveal), if that run is still on screen. */
  const updateDone = (outcome: PackOutcomeView, change: Partial<{ check: PacketCheck; reveal: RevealState }>) => {
    const run = get().run;
    if (run.status === 'done' && run.outcome === outcome) set({ run: { ...run, ...change } });
  };

  return {
    ...emptyPacketState(),

    load: async () => {
      set((s) => ({ inputs: { ...s.inputs, status: 'loading' } }));
      const [key, inputs] = await Promise.all([callBridge((b) => b.keyStatus({})), readInputs()]);
      keyAnswer(key);
      set({ inputs });
    },

    createKey: async (passphrase) => {
      keyBusy();
      return keyAnswer(await callBridge((b) => b.createKey(passphrase === null ? {} : { passphrase })));
    },

    unlockKey: async (passphrase) => {
      keyBusy();
      return keyAnswer(await callBridge((b) => b.unlockKey({ passphrase })));
    },

    setIncludeHost: (on) => set({ includeHost: on }),

    pack: async () => {
      if (runningPack(get().run)) return;
      const taskId = newTaskId('pack');
      set({ run: { status: 'choosing', taskId } });
      // The scope, note and files are read again: what is packed is what the steps say now.
      const inputs = await readInputs();
      set({ inputs });
      const { key, includeHost } = get();
      const { scope, note } = inputs;
      if (!scope || !note || key.status !== 'ready' || key.key.state !== 'ready') {
        set({ run: { status: 'idle', notice: null } });
        return;
      }
      const answer = await callBridge((b) => b.pack({ taskId, scope, note, ...(includeHost ? { includeHost: true } : {}) }));
      // A result for a task that is no longer on screen is dropped.
      if (runningPack(get().run) !== taskId) return;
      if (answer.ok) {
        set({ run: { status: 'done', outcome: answer.value, check: { status: 'idle' }, reveal: { status: 'idle' } } });
        return;
      }
      // Closing the folder dialog (or Cancel) is not a failure: back to ready, saying nothing was written.
      if (answer.error.code === 'cancelled') {
        set({ run: { status: 'idle', notice: answer.error.message } });
        return;
      }
      set({ run: { status: 'failed', error: answer.error } });
      if (answer.error.code.startsWith('key-')) keyAnswer(await callBridge((b) => b.keyStatus({})));
    },

    cancel: async () => {
      const taskId = runningPack(get().run);
      if (!taskId) return;
      // The pack's own answer (cancelled or not) decides what the screen shows.
      await callBridge((b) => b.cancelTask({ taskId }));
    },

    receiveProgress: (progress) => {
      const run = get().run;
      const { taskId, value, title, detail } = progress;
      if (runningPack(run) === taskId) {
        const previous = run.status === 'packing' ? run.progress.stage : 'validate';
        set({ run: { status: 'packing', taskId, progress: { stage: STAGE_OF[progress.kind] ?? previous, value, title, detail } } });
      } else if (run.status === 'done' && run.check.status === 'verifying' && run.check.taskId === taskId) {
        set({ run: { ...run, check: { ...run.check, progress: { value, title, detail } } } });
      }
    },

    verifyNow: async () => {
      const run = get().run;
      if (run.status !== 'done' || run.check.status === 'verifying') return;
      const { outcome } = run;
      const taskId = newTaskId('verify');
      updateDone(outcome, { check: { status: 'verifying', taskId, progress: null } });
      const answer = await callBridge((b) => b.verifyPacket({ taskId, packetId: outcome.packetId }));
      updateDone(outcome, { check: answer.ok ? { status: 'done', result: answer.value } : { status: 'failed', error: answer.error } });
    },

    reveal: async () => {
      const run = get().run;
      if (run.status !== 'done' || run.reveal.status === 'busy') return;
      const { outcome } = run;
      updateDone(outcome, { reveal: { status: 'busy' } });
      const answer = await callBridge((b) => b.showPacketInFolder({ packetId: outcome.packetId }));
      updateDone(outcome, { reveal: answer.ok ? { status: answer.value.shown ? 'shown' : 'missing' } : { status: 'failed', error: answer.error } });
    },

    startOver: () => {
      if (!runningPack(get().run)) set({ run: { status: 'idle', notice: null } });
    },

    again: async () => {
      if (runningPack(get().run)) return;
      get().startOver();
      await get().load();
    },
  };
});

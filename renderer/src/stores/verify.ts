import { create } from 'zustand';
import type { EventPayload } from '../../../shared/bridge/contract';
import type { VerificationView } from '../../../shared/bridge/types';
import type { BridgeError } from '../../../shared/result';
import { getBridge } from '../bridge';

/** One progress report of the running verification (value 0..1, or null while the total is unknown). */
export type VerifyProgress = Pick<EventPayload<'progress'>, 'value' | 'title' | 'detail'>;

/** Trusting the signer of the packet on screen. */
export interface TrustState {
  busy: boolean;
  error: BridgeError | null;
}

/**
 * The Verify step. `choosing`: the main process shows its file dialog (nothing is known until the first
 * progress report); `verifying`: the packet is being read; `done`: the verifier's result; `failed`: why
 * there is none.
 */
export type VerifyState =
  | { status: 'idle' }
  | { status: 'choosing'; taskId: string }
  | { status: 'verifying'; taskId: string; progress: VerifyProgress }
  | { status: 'done'; result: VerificationView; trust: TrustState }
  | { status: 'failed'; error: BridgeError };

export interface VerifyActions {
  /** Ask the main process to let the user choose a packet, then verify it. */
  verify(): Promise<void>;
  /** Stop the running verification. */
  cancel(): Promise<void>;
  /** Trust the signer of the packet on screen under `name`; the verdict becomes "trusted". */
  trust(name: string): Promise<void>;
  /** A progress event from the bridge (events.ts); reports of other tasks are ignored. */
  receiveProgress(progress: EventPayload<'progress'>): void;
  /** Shows a verification made elsewhere (Packet's "Verify now", History's "Verify") as this step's result; not while one runs here. */
  show(result: VerificationView): void;
}

/** The state a fresh window starts with (also used by tests). */
export function emptyVerifyState(): VerifyState {
  return { status: 'idle' };
}

const NO_BRIDGE: BridgeError = {
  code: 'internal',
  message: 'This window has no connection to the app (window.evidence is missing).',
  hint: 'Open the app itself rather than its page file, or restart it.',
};

function noAnswer(error: unknown): BridgeError {
  return { code: 'internal', message: `The app did not answer: ${(error as Error).message}`, hint: 'Restart the app.' };
}

let taskCounter = 0;
function newTaskId(): string {
  taskCounter += 1;
  return `verify-${Date.now().toString(36)}-${taskCounter}`;
}

/** The task id of the verification in progress, if any. */
function runningTask(state: VerifyState): string | null {
  return state.status === 'choosing' || state.status === 'verifying' ? state.taskId : null;
}

/**
 * The result once the user trusted its signer: the verdict says so, and the verifier's "not trusted"
 * findings give way to one saying who it is trusted as. Nothing else changes (the bytes were already checked).
 */
export function markTrusted(result: VerificationView, name: string): VerificationView {
  return {
    ...result,
    status: 'valid-trusted',
    signerName: name,
    findings: [
      ...result.findings.filter((f) => f.check !== 'trust'),
      { severity: 'info', check: 'trust', file: null, message: `The signer is trusted as “${name}” (added just now).` },
    ],
  };
}

export const useVerify = create<{ state: VerifyState } & VerifyActions>()((set, get) => ({
  state: emptyVerifyState(),

  verify: async () => {
    if (runningTask(get().state)) return;
    const bridge = getBridge();
    if (!bridge) {
      set({ state: { status: 'failed', error: NO_BRIDGE } });
      return;
    }
    const taskId = newTaskId();
    set({ state: { status: 'choosing', taskId } });
    let next: VerifyState;
    try {
      const result = await bridge.verifyPacket({ taskId });
      if (result.ok) next = { status: 'done', result: result.value, trust: { busy: false, error: null } };
      // Closing the dialog (or Cancel) is not a failure: back to the start.
      else if (result.error.code === 'cancelled') next = emptyVerifyState();
      else next = { status: 'failed', error: result.error };
    } catch (error) {
      next = { status: 'failed', error: noAnswer(error) };
    }
    // A result for a task that is no longer on screen is dropped.
    if (runningTask(get().state) === taskId) set({ state: next });
  },

  cancel: async () => {
    const taskId = runningTask(get().state);
    const bridge = getBridge();
    if (!taskId || !bridge) return;
    try {
      await bridge.cancelTask({ taskId });
    } catch {
      // The verification's own answer (cancelled or not) decides what the screen shows.
    }
  },

  trust: async (name) => {
    const state = get().state;
    const bridge = getBridge();
    const trimmed = name.trim();
    if (state.status !== 'done' || state.trust.busy || !trimmed) return;
    const { result } = state;
    if (!result.fingerprint) return;
    if (!bridge) {
      set({ state: { ...state, trust: { busy: false, error: NO_BRIDGE } } });
      return;
    }
    set({ state: { ...state, trust: { busy: true, error: null } } });
    let trust: TrustState = { busy: false, error: null };
    let trusted = false;
    try {
      const answer = await bridge.trustSigner({ name: trimmed, fingerprint: result.fingerprint });
      if (answer.ok) trusted = true;
      else trust = { busy: false, error: answer.error };
    } catch (error) {
      trust = { busy: false, error: noAnswer(error) };
    }
    const now = get().state;
    if (now.status !== 'done' || now.result !== result) return;
    set({ state: { status: 'done', result: trusted ? markTrusted(result, trimmed) : result, trust } });
  },

  receiveProgress: (progress) => {
    const state = get().state;
    if (runningTask(state) !== progress.taskId) return;
    set({ state: { status: 'verifying', taskId: progress.taskId, progress: { value: progress.value, title: progress.title, detail: progress.detail } } });
  },

  show: (result) => {
    if (runningTask(get().state)) return;
    set({ state: { status: 'done', result, trust: { busy: false, error: null } } });
  },
}));

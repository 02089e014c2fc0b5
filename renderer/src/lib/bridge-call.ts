import type { EvidenceBridge } from '../../../shared/bridge/contract';
import type { BridgeError, Result } from '../../../shared/result';
import { getBridge } from '../bridge';

/** What a store shows when the window was opened without the app behind it. */
export const NO_BRIDGE: BridgeError = {
  code: 'internal',
  message: 'This window has no connection to the app (window.evidence is missing).',
  hint: 'Open the app itself rather than its page file, or restart it.',
};

/** A call that threw instead of answering (the bridge itself failed), as an error the screen can show. */
export function noAnswer(error: unknown): BridgeError {
  return { code: 'internal', message: `The app did not answer: ${error instanceof Error ? error.message : String(error)}`, hint: 'Try again, or restart the app.' };
}

/**
 * One bridge call from a store: the bridge's own Result, or a failed one when there is no bridge or the
 * call threw. Stores never need their own try/catch around the bridge.
 */
export async function callBridge<T>(call: (bridge: EvidenceBridge) => Promise<Result<T>>): Promise<Result<T>> {
  const bridge = getBridge();
  if (!bridge) return { ok: false, error: NO_BRIDGE };
  try {
    return await call(bridge);
  } catch (error) {
    return { ok: false, error: noAnswer(error) };
  }
}

let taskCounter = 0;

/** A fresh task id for a long call (pull, validate, pack, verify), unique in this window. */
export function newTaskId(prefix: string): string {
  taskCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${taskCounter}`;
}

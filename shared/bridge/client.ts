import { fail, type Result } from '../result';
import {
  isEventName,
  methodNames,
  type EventName,
  type EventPayload,
  type EvidenceBridge,
  type MethodName,
  type Unsubscribe,
} from './contract';

/** How a host carries one call: the preload uses IPC, the test host uses HTTP. */
export type Invoke = (method: MethodName, request: unknown) => Promise<Result<unknown>>;
/** How a host delivers events: `listener(name, payload)` for every event; returns an unsubscribe. */
export type SubscribeAll = (listener: (name: string, payload: unknown) => void) => Unsubscribe;

/**
 * Builds `window.evidence` from the method map: one named function per method, plus `on`.
 * Both the preload and the test host's injected script use this, so they cannot drift apart.
 */
export function createBridgeClient(invoke: Invoke, subscribeAll: SubscribeAll): EvidenceBridge {
  const api: Record<string, unknown> = {};
  for (const name of methodNames) {
    api[name] = (request: unknown) => invoke(name, request ?? {}).then(asResult, transportFailure);
  }
  api.on = <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): Unsubscribe => {
    if (!isEventName(name)) throw new TypeError(`Unknown bridge event: ${String(name)}`);
    return subscribeAll((eventName, payload) => {
      if (eventName === name) listener(payload as EventPayload<E>);
    });
  };
  return Object.freeze(api) as EvidenceBridge;
}

/** A reply that is not a Result (a host bug or a broken transport) becomes an internal error. */
function asResult(reply: unknown): Result<unknown> {
  if (typeof reply === 'object' && reply !== null && typeof (reply as { ok?: unknown }).ok === 'boolean') return reply as Result<unknown>;
  return fail('internal', 'The app answered in a form this window does not understand.', 'Restart the app; if it keeps happening, report it.');
}

/** A call that could not reach the app or whose answer was lost resolves to an error, never a throw. */
function transportFailure(): Result<unknown> {
  return fail('internal', 'The window lost its connection to the app.', 'Restart the app; your saved work is kept.');
}

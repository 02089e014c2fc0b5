import type { Result } from '../result';
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
    api[name] = (request: unknown) => invoke(name, request ?? {});
  }
  api.on = <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): Unsubscribe => {
    if (!isEventName(name)) throw new TypeError(`Unknown bridge event: ${String(name)}`);
    return subscribeAll((eventName, payload) => {
      if (eventName === name) listener(payload as EventPayload<E>);
    });
  };
  return Object.freeze(api) as EvidenceBridge;
}

import type { EventName, EventPayload, MethodName, RequestOf, ResponseOf } from '../../../shared/bridge/contract';

/** What a service call gets besides its request: a way to push events to the window. */
export interface CallContext {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

/** One function per bridge method. The host (Electron, test host, CLI) supplies the implementation. */
export type BridgeServices = {
  [K in MethodName]: (request: RequestOf<K>, ctx: CallContext) => Promise<ResponseOf<K>>;
};

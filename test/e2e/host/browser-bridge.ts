// Injected into the renderer by the test host: the same `window.evidence` the preload builds, carried
// over HTTP instead of IPC.
import { createBridgeClient } from '../../../shared/bridge/client';
import type { Result } from '../../../shared/result';

const listeners = new Set<(name: string, payload: unknown) => void>();
let source: EventSource | null = null;

function ensureEventSource(): void {
  if (source) return;
  source = new EventSource('/__bridge/events');
  source.onmessage = (message) => {
    const { name, payload } = JSON.parse(message.data as string) as { name: string; payload: unknown };
    for (const listener of listeners) listener(name, payload);
  };
}

const evidence = createBridgeClient(
  async (method, request) => {
    const response = await fetch(`/__bridge/call/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    return (await response.json()) as Result<unknown>;
  },
  (listener) => {
    listeners.add(listener);
    ensureEventSource();
    return () => {
      listeners.delete(listener);
    };
  },
);

Object.defineProperty(window, 'evidence', { value: evidence, writable: false, configurable: false });

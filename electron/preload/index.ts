import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridgeClient } from '../../shared/bridge/client';
import { channels } from '../../shared/bridge/contract';
import type { Result } from '../../shared/result';

// Named methods only: the renderer never sees ipcRenderer itself.
const evidence = createBridgeClient(
  (method, request) => ipcRenderer.invoke(channels.method(method), request) as Promise<Result<unknown>>,
  (listener) => {
    const onEvent = (_event: IpcRendererEvent, message: unknown) => {
      if (typeof message !== 'object' || message === null) return;
      const { name, payload } = message as { name?: unknown; payload?: unknown };
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(channels.events, onEvent);
    return () => {
      ipcRenderer.removeListener(channels.events, onEvent);
    };
  },
);

contextBridge.exposeInMainWorld('evidence', evidence);

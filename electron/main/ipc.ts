import { channels, methodNames } from '../../shared/bridge/contract';
import { fail, type Result } from '../../shared/result';
import type { Dispatch } from '../core/bridge/dispatcher';
import type { CallContext } from '../core/bridge/services';
import { isAppUrl } from './app-origin';

/** The parts of an IPC invoke event the adapter reads. */
export interface InvokeEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** The parts of ipcMain the adapter uses (a fake in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/**
 * Trusted means: the top frame (not an iframe) of one of our own windows, showing our own origin.
 * A null senderFrame (navigated away or destroyed) is never trusted.
 */
export function isTrustedSender(event: InvokeEventLike, ourWebContentsIds: ReadonlySet<number>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url) && ourWebContentsIds.has(event.sender.id);
}

/**
 * Registers one handler per bridge method. Each checks the sender, then hands the untrusted payload to
 * the dispatcher (which validates it against the method's schema). Returns a function that unregisters.
 */
export function registerBridge(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  ourWebContentsIds: () => ReadonlySet<number>,
  ctx: CallContext,
): () => void {
  for (const name of methodNames) {
    ipcMain.handle(channels.method(name), async (event, ...args): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, ourWebContentsIds())) {
        return fail('untrusted-sender', 'This request did not come from the app window and was refused.', 'Restart the app if you see this.');
      }
      if (args.length > 1) {
        return fail('invalid-request', `The ${name} request was refused: it takes one argument.`, 'Check the values you entered and try again.');
      }
      return dispatch(name, args[0], ctx);
    });
  }
  return () => {
    for (const name of methodNames) ipcMain.removeHandler(channels.method(name));
  };
}

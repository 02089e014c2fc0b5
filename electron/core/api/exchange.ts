import { apiError, type ApiError } from './errors';

/** One exchange's abort wiring (caller's signal, our timer), remembering which one aborted it. */
export class Exchange {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timedOutFlag = false;
  private readonly onCallerAbort = () => this.controller.abort(this.callerSignal?.reason);

  constructor(private readonly callerSignal: AbortSignal | undefined) {
    if (callerSignal?.aborted) this.controller.abort(callerSignal.reason);
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** The signal to hand to fetch. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True when the caller cancelled (which wins over a timeout that fired at the same time). */
  get cancelled(): boolean {
    return this.callerSignal?.aborted === true;
  }

  /** True when our own timer aborted the exchange. */
  get timedOut(): boolean {
    return this.timedOutFlag && !this.cancelled;
  }

  /** (Re)starts the timer: if nothing happens for `ms`, the exchange is aborted as timed out. */
  arm(ms: number): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.timedOutFlag = true;
      this.controller.abort(new Error('timed out'));
    }, ms);
  }

  /** Stops the timer. */
  disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Aborts the exchange on purpose (e.g. a body we will not read). */
  abort(): void {
    this.controller.abort(new Error('not needed'));
  }

  /** Releases the timer and the listener on the caller's signal. */
  dispose(): void {
    this.disarm();
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  /**
   * Awaits `promise`, but settles as soon as the exchange aborts, whatever the fetch implementation does
   * with its streams (Electron's net.fetch and undici differ).
   */
  race<T>(promise: Promise<T>): Promise<T> {
    const signal = this.controller.signal;
    if (signal.aborted) {
      promise.catch(() => undefined);
      return Promise.reject(signal.reason);
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}

/** Why a request got no answer: the caller cancelled, our timer fired, or the network failed. */
export type NoAnswer = { kind: 'cancelled'; error: ApiError } | { kind: 'timeout' } | { kind: 'network'; reason: string };

/** Classifies an exception from fetch or a body read, without quoting its message (it is not ours to show). */
export function classifyThrown(error: unknown, exchange: Exchange): NoAnswer {
  if (exchange.cancelled) return { kind: 'cancelled', error: apiError('cancelled') };
  if (exchange.timedOut) return { kind: 'timeout' };
  return { kind: 'network', reason: networkReason(error) };
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
  return error instanceof Error && /^[A-Za-z]{2,40}$/.test(error.name) ? error.name : 'network error';
}

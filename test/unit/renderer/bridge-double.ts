import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { EvidenceBridge, MethodName, RequestOf, ResponseOf } from '../../../shared/bridge/contract';
import type { Result } from '../../../shared/result';

/** How the double answers one method: a Result, now or later. */
export type Handler<K extends MethodName> = (request: RequestOf<K>) => Result<ResponseOf<K>> | Promise<Result<ResponseOf<K>>>;
export type Handlers = { [K in MethodName]?: Handler<K> };

/** A success Result. */
export const ok = <T,>(value: T): Result<T> => ({ ok: true, value });

/**
 * A stand-in for window.evidence: each call is recorded and answered by its handler (handlers can be
 * replaced between calls); a method without one answers not-implemented.
 */
export function installBridge(initial: Handlers = {}) {
  const calls: { method: MethodName; request: unknown }[] = [];
  const handlers: Handlers = { ...initial };
  const bridge = new Proxy({} as EvidenceBridge, {
    get(_target, name) {
      if (name === 'on') return () => () => {};
      const method = name as MethodName;
      return async (request: unknown) => {
        calls.push({ method, request });
        const handler = handlers[method] as ((r: unknown) => unknown) | undefined;
        if (!handler) return { ok: false, error: { code: 'not-implemented', message: `${method} is not in this test double.`, hint: '' } };
        return handler(request);
      };
    },
  });
  Object.defineProperty(window, 'evidence', { value: bridge, configurable: true });
  return {
    calls,
    handlers,
    /** The requests made to one method, in order. */
    requests: <K extends MethodName>(method: K) => calls.filter((c) => c.method === method).map((c) => c.request as RequestOf<K>),
  };
}

/** A promise the test resolves when it chooses, to hold a call open. */
export function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A React root in a fresh container, and helpers to find and use controls as a person would. */
export function mount() {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root: Root = createRoot(container);
  const setters = {
    input: Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!,
    textarea: Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!,
  };
  return {
    container,
    render: (node: ReactNode) => act(() => root.render(node)),
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
    button: (name: string | RegExp) =>
      [...container.querySelectorAll('button')].find((b) => (typeof name === 'string' ? b.textContent === name || b.getAttribute('aria-label') === name : name.test(b.textContent ?? ''))),
    /** The control a label names (by its text, from the start). */
    field: <T extends HTMLElement = HTMLInputElement>(label: string) => {
      const found = [...container.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(label));
      if (!found) throw new Error(`no label ${label}`);
      const control = found.htmlFor ? document.getElementById(found.htmlFor) : found.querySelector('input, textarea');
      if (!control) throw new Error(`label ${label} names no control`);
      return control as T;
    },
    type: (element: HTMLInputElement | HTMLTextAreaElement, value: string) =>
      act(() => {
        (element instanceof HTMLTextAreaElement ? setters.textarea : setters.input).call(element, value);
        element.dispatchEvent(new Event('input', { bubbles: true }));
      }),
  };
}

/** Lets pending promises (bridge answers) settle inside act. */
export const flush = () => act(async () => {});

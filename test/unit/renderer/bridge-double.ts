import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';
import type { EvidenceBridge, MethodName, RequestOf, ResponseOf } from '../../../shared/bridge/contract';
import type { Result } from '../../../shared/result';

// Every component test renders inside act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

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
    /** The first element the selector matches (the test fails on using a missing one). */
    $: <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector)!,
    /** A button by its text or aria-label (or its text matching a pattern), in the container or `within`. */
    button: (name: string | RegExp, within: ParentNode = container) =>
      [...within.querySelectorAll('button')].find((b) => (typeof name === 'string' ? b.textContent === name || b.getAttribute('aria-label') === name : name.test(b.textContent ?? ''))),
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

export type Mounted = ReturnType<typeof mount>;

/**
 * A fresh mount for each test of the file: made before each test; after each, unmounted and
 * window.evidence removed. The returned object always stands for the current test's mount.
 */
export function mountEachTest(): Mounted {
  const ui = {} as Mounted;
  beforeEach(() => void Object.assign(ui, mount()));
  afterEach(() => {
    ui.unmount();
    Reflect.deleteProperty(window, 'evidence');
  });
  return ui;
}

/** Lets pending promises (bridge answers) settle inside act. */
export const flush = () => act(async () => {});

/** As flush, then also lets a macrotask pass (for answers that chain several awaits). */
export const settle = () => act(async () => void (await new Promise((resolve) => setTimeout(resolve, 0))));

/** The texts of the elements that describe a control (aria-describedby), joined by " | ". */
export const describedText = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');

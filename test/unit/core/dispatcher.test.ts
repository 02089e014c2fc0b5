import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../electron/core/bridge/dispatcher';
import type { BridgeServices, CallContext } from '../../../electron/core/bridge/services';
import { AppError } from '../../../electron/core/errors';
import { createServices } from '../../../electron/core/services';
import type { Session } from '../../../electron/core/session';

/** These tests exercise the bridge, not the cache: any service that needs a session is a test bug. */
const noSession = (): Session => {
  throw new Error('no session in this test');
};

const ctx: CallContext = { emit: () => {} };
const realServices = () =>
  createServices({ runtime: 'cli', app: { name: 'Evidence Packager', version: '9.9.9' }, dataSource: () => ({ kind: 'none' }), session: noSession });

describe('createDispatcher', () => {
  it('runs a valid call through the real service', async () => {
    const dispatch = createDispatcher(realServices());
    const result = await dispatch('appInfo', {}, ctx);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject({ name: 'Evidence Packager', version: '9.9.9', runtime: 'cli', dataSource: { kind: 'none' } });
  });

  it.each([
    ['an unexpected field', { extra: 1 }, /unexpected field "extra"/],
    ['a non-object', 'hello', /must be object/],
    ['null', null, /must be object/],
    ['an array', [], /must be object/],
    ['nothing', undefined, /must be object/],
  ])('refuses %s before any service runs', async (_label, payload, message) => {
    const appInfo = vi.fn();
    const dispatch = createDispatcher({ appInfo } as unknown as BridgeServices);
    const result = await dispatch('appInfo', payload, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    if (!result.ok) expect(result.error.message).toMatch(message);
    expect(appInfo).not.toHaveBeenCalled();
  });

  it.each(['nope', '__proto__', 'constructor', 'toString', 42, null])('refuses an unknown method %s', async (method) => {
    const dispatch = createDispatcher(realServices());
    expect(await dispatch(method, {}, ctx)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('turns an AppError into its code, message and hint', async () => {
    const services = { appInfo: async () => Promise.reject(new AppError('cancelled', 'You cancelled it.', 'Start again when ready.')) };
    const dispatch = createDispatcher(services as unknown as BridgeServices);
    expect(await dispatch('appInfo', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'You cancelled it.', hint: 'Start again when ready.' },
    });
  });

  it('reports an unexpected exception as a bug and does not leak its message', async () => {
    const bugs: unknown[] = [];
    const services = { appInfo: async () => Promise.reject(new Error('secret kt_live_abc in a stack')) };
    const dispatch = createDispatcher(services as unknown as BridgeServices, (_m, e) => bugs.push(e));
    const result = await dispatch('appInfo', {}, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('kt_live_abc');
    expect(bugs).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { createBridgeClient } from '../../../shared/bridge/client';
import { methodNames } from '../../../shared/bridge/contract';
import { ok, type Result } from '../../../shared/result';

describe('createBridgeClient', () => {
  it('exposes exactly one function per method in the map, plus on', () => {
    const client = createBridgeClient(async () => ok(null), () => () => {});
    expect(Object.keys(client).sort()).toEqual([...methodNames, 'on'].sort());
    expect(Object.isFrozen(client)).toBe(true);
  });

  it('forwards the method name and request to the host', async () => {
    const calls: [string, unknown][] = [];
    const client = createBridgeClient(
      async (method, request): Promise<Result<unknown>> => {
        calls.push([method, request]);
        return ok({ answered: method });
      },
      () => () => {},
    );
    const result = await client.appInfo({});
    expect(calls).toEqual([['appInfo', {}]]);
    expect(result).toEqual({ ok: true, value: { answered: 'appInfo' } });
  });

  it('delivers only the subscribed event and stops after unsubscribe', () => {
    let deliver: (name: string, payload: unknown) => void = () => {};
    let unsubscribed = false;
    const client = createBridgeClient(
      async () => ok(null),
      (listener) => {
        deliver = listener;
        return () => {
          unsubscribed = true;
        };
      },
    );
    const seen: unknown[] = [];
    const off = client.on('navigate', (payload) => seen.push(payload));
    deliver('progress', { taskId: 't' });
    deliver('navigate', { step: 'pull' });
    off();
    expect(seen).toEqual([{ step: 'pull' }]);
    expect(unsubscribed).toBe(true);
  });

  it('turns a rejected call or a reply that is not a Result into an internal error, never a throw', async () => {
    const rejecting = createBridgeClient(async () => Promise.reject(new Error("Error invoking remote method 'x'")), () => () => {});
    expect(await rejecting.appInfo({})).toMatchObject({ ok: false, error: { code: 'internal' } });
    const garbled = createBridgeClient(async () => 'not a result' as unknown as Result<unknown>, () => () => {});
    expect(await garbled.appInfo({})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('refuses to subscribe to an event that is not in the map', () => {
    const client = createBridgeClient(async () => ok(null), () => () => {});
    expect(() => client.on('nope' as 'navigate', () => {})).toThrow(/Unknown bridge event/);
  });
});

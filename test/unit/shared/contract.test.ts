import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { bridgeEvents, bridgeMethods, eventNames, methodNames } from '../../../shared/bridge/contract';

describe('the bridge contract', () => {
  it('compiles every request and event schema under ajv strict mode', () => {
    const ajv = new Ajv({ strict: true });
    for (const name of methodNames) expect(() => ajv.compile(bridgeMethods[name].request)).not.toThrow();
    for (const name of eventNames) expect(() => ajv.compile(bridgeEvents[name].payload)).not.toThrow();
  });

  it('describes every method and event for people', () => {
    for (const name of methodNames) expect(bridgeMethods[name].summary.length).toBeGreaterThan(10);
    for (const name of eventNames) expect(bridgeEvents[name].summary.length).toBeGreaterThan(10);
  });

  it('event schemas accept what the app sends and refuse junk', () => {
    const ajv = new Ajv({ strict: true });
    const navigate = ajv.compile(bridgeEvents.navigate.payload);
    expect(navigate({ step: 'verify' })).toBe(true);
    expect(navigate({ step: 'elsewhere' })).toBe(false);
    const progress = ajv.compile(bridgeEvents.progress.payload);
    expect(progress({ taskId: 't1', kind: 'download', value: 0.5, title: 'Downloading', detail: '1 of 2 MB' })).toBe(true);
    expect(progress({ taskId: 't1', kind: 'download', value: 1.5, title: 'x', detail: '' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY, defaultSleep, retryDelay, type RetryPolicy } from '../../../electron/core/api/backoff';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

describe('backoff', () => {
  it('doubles per retry with equal jitter: between half and all of the exponential step', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(150);
  });

  it('is capped, and tolerates a random() out of range', () => {
    expect(backoffDelay(10, policy, () => 1)).toBe(1000);
    expect(backoffDelay(50, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 7)).toBe(100);
    expect(backoffDelay(1, policy, () => -3)).toBe(50);
  });

  it("prefers the server's Retry-After, capped", () => {
    expect(retryDelay(1, 3000, policy, () => 0)).toBe(3000);
    expect(retryDelay(1, 0, policy, () => 0)).toBe(0);
    expect(retryDelay(1, 120_000, policy, () => 0)).toBe(5000);
    expect(retryDelay(3, null, policy, () => 0)).toBe(200);
    expect(DEFAULT_RETRY.maxRetryAfterMs).toBeGreaterThanOrEqual(DEFAULT_RETRY.maxDelayMs);
  });

  it('sleeps, and stops early with the reason when aborted', async () => {
    await defaultSleep(1);
    const controller = new AbortController();
    const pending = defaultSleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await expect(defaultSleep(10, controller.signal)).rejects.toThrow('stop');
  });
});

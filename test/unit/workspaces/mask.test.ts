import { describe, expect, it } from 'vitest';
import { maskToken } from '../../../electron/core/workspaces';

describe('maskToken', () => {
  it('keeps a Keeptrusts prefix and the last 4 characters of a long token', () => {
    expect(maskToken('kt_live_9f8e7d6c5b4a39281a2b')).toBe('kt_live_…1a2b');
    expect(maskToken('kt_test_ABCDEFGHIJKLMNOPwxyz')).toBe('kt_test_…wxyz');
  });

  it('shows only the last 4 of a long token without the Keeptrusts shape', () => {
    expect(maskToken('0123456789abcdef0123')).toBe('…0123');
    expect(maskToken('live_0123456789abcdefXYZW')).toBe('…XYZW');
  });

  it('shows less of shorter tokens: the last 2, then nothing', () => {
    expect(maskToken('kt_live_abcdefgh12')).toBe('kt_live_…12');
    expect(maskToken('abcdefgh')).toBe('…gh');
    expect(maskToken('abc1234')).toBe('…');
    expect(maskToken('kt_sample_token')).toBe('kt_sample_…');
    expect(maskToken('x')).toBe('…');
  });

  it('never shows more than 4 characters of the secret part', () => {
    for (const token of ['kt_live_' + 'a'.repeat(60) + 'Z9y8', 'b'.repeat(200)]) {
      const masked = maskToken(token);
      const secretShown = masked.slice(masked.indexOf('…') + 1);
      expect(secretShown.length).toBeLessThanOrEqual(4);
      expect(masked.length).toBeLessThan(20);
    }
  });
});

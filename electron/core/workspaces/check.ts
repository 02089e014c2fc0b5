import type { ConnectionCheckView } from '../../../shared/bridge/types';
import { ApiError, createKeeptrustsClient, type RetryPolicy, type Timeouts } from '../api';
import { scrubText } from '../api/errors';

/** How long a connection check may take: one retry, short pauses, a few seconds per request (about 7 s at worst). */
export interface CheckPolicy {
  timeouts: Timeouts;
  retry: RetryPolicy;
}

/** The person is waiting on a button: answer within seconds, not ride out an outage. */
export const CHECK_POLICY: CheckPolicy = {
  timeouts: { requestMs: 3_000, headersMs: 3_000, idleMs: 3_000 },
  retry: { maxAttempts: 2, baseDelayMs: 250, maxDelayMs: 500, maxRetryAfterMs: 1_000 },
};

const STATUS_OF: Partial<Record<string, ConnectionCheckView['status']>> = {
  'server-unreachable': 'unreachable',
  timeout: 'unreachable',
  'bad-token': 'bad-token',
  'no-scope': 'missing-scope',
  'not-found': 'not-keeptrusts',
  'bad-response': 'not-keeptrusts',
};

/**
 * Asks the API for a one-hour preview of events: it proves the address answers, speaks the export API,
 * accepts the token and lets it export. Failures become a status with the client's own plain words (which
 * never carry the token); an unusable address or token (`insecure-url`, `invalid-request`) is thrown.
 */
export async function checkConnection(target: { apiBaseUrl: string; token: string }, options: { fetch: typeof fetch; policy?: CheckPolicy }): Promise<ConnectionCheckView> {
  const policy = options.policy ?? CHECK_POLICY;
  const client = createKeeptrustsClient({ fetch: options.fetch, baseUrl: target.apiBaseUrl, token: target.token, timeouts: policy.timeouts, retry: policy.retry });
  try {
    const { preview } = await client.preview({ type: 'events', time_window: '1h' });
    return {
      status: 'ok',
      message: 'Connected: Keeptrusts accepted the token, and it may export evidence.',
      hint: 'You can pull evidence through this workspace.',
      eventsLastHour: preview.record_count,
    };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { status: STATUS_OF[error.code] ?? 'error', message: scrubText(error.message, target.token), hint: scrubText(error.hint, target.token), eventsLastHour: null };
  }
}

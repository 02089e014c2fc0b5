// The Keeptrusts API client's public surface; the other files are its parts.
export { createKeeptrustsClient, DEFAULT_TIMEOUTS, type KeeptrustsClient, type KeeptrustsClientOptions } from './client';
export { ApiError, type ApiErrorCode, type ApiErrorDetails } from './errors';
export { DEFAULT_RETRY, type RetryPolicy, type Sleep } from './backoff';
export { DEFAULT_DOWNLOAD, type DownloadPolicy } from './download';
export { DEFAULT_POLL, type PollPolicy } from './wait';
export type { Timeouts } from './transport';
export type * from './types';

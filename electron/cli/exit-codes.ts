/** The process exit codes; `evidence --help` and the README document them, and scripts branch on them. */
export const EXIT = { ok: 0, partial: 1, checksWarned: 1, checksFailed: 2, signerUntrusted: 1, packetInvalid: 2, failure: 3, usage: 64, cancelled: 130 } as const;

/** One of the documented exit codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** 0 when nothing failed, 1 when some items failed and others succeeded, 3 when every item failed. */
export function exitForStatuses(statuses: readonly string[]): ExitCode {
  const failed = statuses.filter((status) => status === 'failed').length;
  if (failed === 0) return EXIT.ok;
  return failed < statuses.length ? EXIT.partial : EXIT.failure;
}

/** `evidence validate`: 0 when every check passed (or was skipped), 1 on warnings, 2 when any check failed. */
export function exitForOverall(overall: 'pass' | 'warn' | 'fail'): ExitCode {
  return overall === 'pass' ? EXIT.ok : overall === 'warn' ? EXIT.checksWarned : EXIT.checksFailed;
}

/** `evidence verify`: 0 valid and the signer trusted, 1 valid but the signer not trusted, 2 invalid. */
export function exitForVerification(status: 'valid-trusted' | 'valid-untrusted' | 'invalid'): ExitCode {
  return status === 'valid-trusted' ? EXIT.ok : status === 'valid-untrusted' ? EXIT.signerUntrusted : EXIT.packetInvalid;
}

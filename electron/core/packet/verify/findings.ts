import type { FindingSeverity, VerificationCheck, VerificationFinding } from './types';

/** At most this many findings per check are listed; the rest are counted in one closing finding. */
export const MAX_FINDINGS_PER_CHECK = 200;

/** Collects findings, listing at most {@link MAX_FINDINGS_PER_CHECK} per check (a hostile zip can have thousands of bad entries). */
export class Findings {
  private readonly items: VerificationFinding[] = [];
  private readonly listed = new Map<VerificationCheck, number>();
  private readonly unlisted = new Map<VerificationCheck, { n: number; errors: number }>();
  private readonly erroredFiles = new Set<string>();
  private errorCount = 0;

  add(severity: FindingSeverity, check: VerificationCheck, file: string | null, message: string): void {
    if (severity === 'error') {
      this.errorCount++;
      if (file !== null) this.erroredFiles.add(file);
    }
    const n = this.listed.get(check) ?? 0;
    if (n >= MAX_FINDINGS_PER_CHECK) {
      const more = this.unlisted.get(check) ?? { n: 0, errors: 0 };
      this.unlisted.set(check, { n: more.n + 1, errors: more.errors + (severity === 'error' ? 1 : 0) });
      return;
    }
    this.listed.set(check, n + 1);
    this.items.push({ severity, check, file, message });
  }

  error(check: VerificationCheck, file: string | null, message: string): void {
    this.add('error', check, file, message);
  }

  warning(check: VerificationCheck, file: string | null, message: string): void {
    this.add('warning', check, file, message);
  }

  info(check: VerificationCheck, file: string | null, message: string): void {
    this.add('info', check, file, message);
  }

  /** Whether there is any error (of `check`, when given). */
  hasErrors(check?: VerificationCheck): boolean {
    if (check === undefined) return this.errorCount > 0;
    return this.items.some((f) => f.severity === 'error' && f.check === check) || (this.unlisted.get(check)?.errors ?? 0) > 0;
  }

  /** Whether an error names `file`. */
  fileHasErrors(file: string): boolean {
    return this.erroredFiles.has(file);
  }

  /** The findings, with a note per check that had more than could be listed. */
  list(): VerificationFinding[] {
    const more = [...this.unlisted].map(([check, { n, errors }]): VerificationFinding => ({
      severity: errors > 0 ? 'error' : 'warning',
      check,
      file: null,
      message: `…and ${n} more ${check} finding${n === 1 ? '' : 's'} like the ones above (only the first ${MAX_FINDINGS_PER_CHECK} are listed)`,
    }));
    return [...this.items, ...more];
  }
}

import type { ExitCode } from '../exit-codes';

/** What a command hands back: its exit code, and its result for people and for machines (--json). */
export interface CommandResult {
  exit: ExitCode;
  human: string;
  json: unknown;
}

import type { BridgeError } from '../../shared/result';
import { AppError } from '../core/errors';
import { EXIT, type ExitCode } from './exit-codes';
import { UsageError } from './usage-error';

/** A stream the CLI writes to (process.stdout/stderr, or a buffer in tests). */
export interface Writer {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Every byte the CLI prints goes through here, so secrets registered with `redact` can never reach a
 * terminal, a pipe or a log, whatever code path produced the text.
 */
export class Output {
  private readonly secrets: string[] = [];

  constructor(
    private readonly stdout: Writer,
    private readonly stderr: Writer,
    public mode: { json: boolean; debug: boolean },
  ) {}

  /** Never print this value (the API token). */
  redact(secret: string): void {
    if (secret !== '') this.secrets.push(secret);
  }

  private clean(text: string): string {
    return this.secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
  }

  /** Data for stdout: the JSON document in --json mode, else the human text. */
  result(human: string, json: unknown): void {
    this.stdout.write(this.clean(this.mode.json ? `${JSON.stringify(json, null, 2)}\n` : human.endsWith('\n') || human === '' ? human : `${human}\n`));
  }

  /** Plain text for stdout (help, version). */
  text(text: string): void {
    this.stdout.write(this.clean(text));
  }

  /** A line for stderr (diagnostics, progress); never data. */
  note(line: string): void {
    this.stderr.write(this.clean(line.endsWith('\n') || line.startsWith('\r') ? line : `${line}\n`));
  }

  /** One problem, as a person reads it: what went wrong, then what to do (the core's own words). */
  problem(error: BridgeError, about?: string): void {
    this.note(`evidence: ${about ? `${about}: ` : ''}${error.message}\n  ${error.hint}`);
  }

  /** Reports a thrown error on stderr (and as a JSON document in --json mode) and returns its exit code. */
  fail(error: unknown): ExitCode {
    const code = exitFor(error);
    const bridgeError: BridgeError =
      error instanceof AppError
        ? error.toBridgeError()
        : { code: 'internal', message: 'evidence failed unexpectedly (a bug).', hint: 'Run it again with --debug and report the output.' };
    this.problem(bridgeError);
    if (this.mode.debug && bridgeError.details !== undefined) this.note(`  details: ${JSON.stringify(bridgeError.details)}`);
    if (this.mode.debug && error instanceof Error && !(error instanceof UsageError)) this.note(error.stack ?? String(error));
    if (this.mode.json) this.result('', { error: bridgeError, exitCode: code });
    return code;
  }

  /** Width of the terminal on stderr, for progress lines; null when it is not a terminal. */
  get progressColumns(): number | null {
    return this.stderr.isTTY ? this.stderr.columns || 80 : null;
  }
}

/** 64 for usage errors, 130 for cancelled, 3 for anything else. */
export function exitFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof AppError && error.code === 'cancelled') return EXIT.cancelled;
  return EXIT.failure;
}

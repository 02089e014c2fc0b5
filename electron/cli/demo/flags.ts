import { optional, type Flags } from '../flags';
import { UsageError } from '../usage-error';
import { parseText } from '../values';

/** `evidence demo`, minus the flags every command has. */
export interface DemoOptions {
  /** Where the packet goes; null: the current folder. */
  outDir: string | null;
  /** The cache to pull into, kept afterwards; null: a temporary one, removed at the end. */
  demoCache: string | null;
}

/** The flags `evidence demo` takes besides the common ones. */
export const DEMO_FLAGS = { out: { type: 'string' } } as const;

/** Reads `evidence demo [--out DIR] [--cache DIR]`; only an explicit --cache is used (not $EVIDENCE_CACHE_DIR). */
export function demoOptions(flags: Flags): DemoOptions {
  if (flags.positionals.length > 0) throw new UsageError('evidence demo takes no arguments, only options.', 'Run `evidence demo --help`.');
  return { outDir: optional(flags, 'out', (v) => parseText(v, '--out', 4096)), demoCache: optional(flags, 'cache', (v) => parseText(v, '--cache', 4096)) };
}

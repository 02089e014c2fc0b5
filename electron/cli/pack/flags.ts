import type { CacheDirHost } from '../cache-dir';
import { optional, required, type Flags } from '../flags';
import { KEY_FLAGS, keySourceOptions, type KeySource } from '../keys/flags';
import { UsageError } from '../usage-error';
import { parseArtifactIds } from '../validate/flags';
import { parseApiUrl, parsePositive, parseText } from '../values';

/** Where the receiving reviewer should go for deeper context (the note's field). */
export type DeeperContext = 'events' | 'escalations' | 'both';

/** `evidence pack`, minus the flags every command has. */
export interface PackOptions {
  scopeFile: string;
  noteFile: string;
  outDir: string;
  reviewer: string | null;
  email: string | null;
  deeperContext: DeeperContext | null;
  organization: string | null;
  includeHost: boolean;
  artifactIds: number[] | null;
  retentionHours: number | null;
  workspaceId: string | null;
  apiBaseUrl: string | null;
  requirePass: boolean;
  key: KeySource;
}

const STRING = { type: 'string' } as const;

/** The flags `evidence pack` takes besides the common ones. */
export const PACK_FLAGS = {
  scope: STRING,
  note: STRING,
  out: STRING,
  reviewer: STRING,
  email: STRING,
  'deeper-context': STRING,
  organization: STRING,
  'include-host': { type: 'boolean' },
  artifact: { type: 'string', multiple: true },
  'retention-hours': STRING,
  workspace: STRING,
  api: STRING,
  'require-pass': { type: 'boolean' },
  ...KEY_FLAGS,
} as const;

const DEEPER = ['events', 'escalations', 'both'] as const;

/** Reads `evidence pack --scope FILE --note FILE --out DIR …`. */
export function packOptions(flags: Flags, host: CacheDirHost): PackOptions {
  if (flags.positionals.length > 0) throw new UsageError('evidence pack takes no arguments, only options.', 'Name the files with --scope, --note and --out; run `evidence pack --help`.');
  const artifacts = flags.strings('artifact');
  return {
    scopeFile: required(flags, 'pack', 'scope', 'FILE (the review scope, JSON)'),
    noteFile: required(flags, 'pack', 'note', "FILE (the reviewer's note, Markdown)"),
    outDir: required(flags, 'pack', 'out', 'DIR (where the packet goes)'),
    reviewer: optional(flags, 'reviewer', (v) => parseText(v.trim(), '--reviewer', 200)),
    email: optional(flags, 'email', parseEmail),
    deeperContext: optional(flags, 'deeper-context', parseDeeperContext),
    organization: optional(flags, 'organization', (v) => parseText(v.trim(), '--organization', 200)),
    includeHost: flags.boolean('include-host'),
    artifactIds: artifacts.length > 0 ? parseArtifactIds(artifacts) : null,
    retentionHours: optional(flags, 'retention-hours', (v) => parsePositive(v, '--retention-hours', 100_000, "Give the API's KEEPTRUSTS_EVENT_RETENTION_HOURS (720 unless the admin changed it).")),
    workspaceId: optional(flags, 'workspace', (v) => parseText(v, '--workspace', 200)),
    apiBaseUrl: optional(flags, 'api', parseApiUrl),
    requirePass: flags.boolean('require-pass'),
    key: keySourceOptions(flags, 'pack', host, true),
  };
}

function parseDeeperContext(value: string): DeeperContext {
  if (!(DEEPER as readonly string[]).includes(value)) throw new UsageError(`--deeper-context must be ${DEEPER.join(', ')}.`, 'Say where the receiving reviewer should look for more: the events, the escalations, or both.');
  return value as DeeperContext;
}

function parseEmail(value: string): string {
  const email = value.trim();
  if (email.length > 200 || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError('--email is not an email address.', 'Give one address, e.g. --email ana@example.com.');
  return email;
}

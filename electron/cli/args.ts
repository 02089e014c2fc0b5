import type { RequestOf } from '../../shared/bridge/contract';
import type { ExportFormat, ExportType } from '../../shared/domain';
import type { WindowSpec } from '../core/api';
import { resolveCacheDir, type CacheDirHost } from './cache-dir';
import { DEMO_FLAGS, demoOptions, type DemoOptions } from './demo/flags';
import { optional, readFlags, refuseSecretFlags, required, type Flags } from './flags';
import { parseKeysCommand, type KeysAction } from './keys/flags';
import { PACK_FLAGS, packOptions, type PackOptions } from './pack/flags';
import { UsageError } from './usage-error';
import { VALIDATE_FLAGS, validateOptions, type ValidateOptions } from './validate/flags';
import { VERIFY_FLAGS, verifyOptions, type VerifyOptions } from './verify/flags';
import { parseApiUrl, parseFormat, parseFormats, parseLimit, parseRecordBound, parseText, parseTokenEnvName, parseType, parseTypes, parseVerdict, parseWindow } from './values';

/** The commands, in the order help lists them. */
export const COMMAND_NAMES = ['pull', 'import', 'jobs', 'records', 'artifacts', 'validate', 'keys', 'pack', 'verify', 'demo'] as const;
/** One command's name. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Flags every command has. */
export interface CommonOptions {
  cacheDir: string;
  json: boolean;
  debug: boolean;
}

/** Where the token comes from: only ever the name of an environment variable. */
export interface ApiTarget {
  apiBaseUrl: string;
  tokenEnv: string;
}

/** `evidence pull`. */
export interface PullCommand extends CommonOptions, ApiTarget {
  kind: 'pull';
  exports: { type: ExportType; format: ExportFormat }[];
  window: WindowSpec;
  environment: string | null;
  workspaceId: string | null;
  reviewer: string | null;
}

/** `evidence import`. */
export interface ImportCommand extends CommonOptions {
  kind: 'import';
  files: string[];
  type: ExportType | null;
  format: ExportFormat | null;
  apiBaseUrl: string | null;
  workspaceId: string | null;
  reviewer: string | null;
}

/** `evidence jobs`. */
export interface JobsCommand extends CommonOptions, ApiTarget {
  kind: 'jobs';
  limit: number | null;
  cursor: string | null;
}

/** `evidence records`. */
export interface RecordsCommand extends CommonOptions {
  kind: 'records';
  apiBaseUrl: string | null;
  workspaceId: string | null;
  query: RequestOf<'queryRecords'>;
}

/** `evidence artifacts`. */
export interface ArtifactsCommand extends CommonOptions {
  kind: 'artifacts';
  apiBaseUrl: string | null;
  workspaceId: string | null;
  type: ExportType | null;
}

/** `evidence validate`. */
export interface ValidateCommand extends CommonOptions, ValidateOptions {
  kind: 'validate';
}

/** `evidence keys <subcommand>`. */
export interface KeysCommand extends CommonOptions {
  kind: 'keys';
  keys: KeysAction;
}

/** `evidence pack`. */
export interface PackCommand extends CommonOptions, PackOptions {
  kind: 'pack';
}

/** `evidence verify`. */
export interface VerifyCommand extends CommonOptions, VerifyOptions {
  kind: 'verify';
}

/** `evidence demo`. */
export interface DemoCommand extends CommonOptions, DemoOptions {
  kind: 'demo';
}

/** A command line, understood. */
export type ParsedCommand =
  | { kind: 'help'; topic: CommandName | null }
  | { kind: 'version' }
  | PullCommand
  | ImportCommand
  | JobsCommand
  | RecordsCommand
  | ArtifactsCommand
  | ValidateCommand
  | KeysCommand
  | PackCommand
  | VerifyCommand
  | DemoCommand;

const STRING = { type: 'string' } as const;
const SPECS = {
  pull: { api: STRING, 'token-env': STRING, type: { type: 'string', multiple: true }, format: STRING, since: STRING, from: STRING, to: STRING, env: STRING, workspace: STRING, reviewer: STRING },
  import: { api: STRING, workspace: STRING, reviewer: STRING, type: STRING, format: STRING },
  jobs: { api: STRING, 'token-env': STRING, limit: STRING, cursor: STRING },
  records: {
    api: STRING,
    workspace: STRING,
    'request-id': STRING,
    'escalation-id': STRING,
    verdict: STRING,
    type: STRING,
    text: STRING,
    env: STRING,
    from: STRING,
    to: STRING,
    limit: STRING,
    cursor: STRING,
  },
  artifacts: { api: STRING, workspace: STRING, type: STRING },
  validate: VALIDATE_FLAGS,
  pack: PACK_FLAGS,
  verify: VERIFY_FLAGS,
  demo: DEMO_FLAGS,
} as const;

const isCommand = (value: string | undefined): value is CommandName => (COMMAND_NAMES as readonly string[]).includes(value ?? '');

/** Understands `evidence <command> [flags]`; the command comes first. Throws UsageError for anything else. */
export function parseCommandLine(argv: readonly string[], host: CacheDirHost): ParsedCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { kind: 'help', topic: isCommand(rest[0]) ? rest[0] : null };
  if (first === '--version' || first === '-v') return { kind: 'version' };
  if (!isCommand(first)) {
    throw new UsageError(first.startsWith('-') ? 'Put the command first: evidence <command> [options].' : `Unknown command "${first}".`, `Commands: ${COMMAND_NAMES.join(', ')}. Run \`evidence --help\`.`);
  }
  refuseSecretFlags(rest);
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help', topic: first };
  const common = (flags: Flags): CommonOptions => ({ cacheDir: resolveCacheDir(flags.string('cache'), host), json: flags.boolean('json'), debug: flags.boolean('debug') });
  if (first === 'keys') {
    const { flags, keys } = parseKeysCommand(rest, host);
    return { kind: 'keys', ...common(flags), keys };
  }
  const flags = readFlags(first, [...rest], SPECS[first], ['import', 'validate', 'pack', 'verify', 'demo'].includes(first));
  switch (first) {
    case 'pull':
      return { kind: 'pull', ...common(flags), ...pullOptions(flags) };
    case 'import':
      return { kind: 'import', ...common(flags), ...importOptions(flags) };
    case 'jobs':
      return { kind: 'jobs', ...common(flags), ...apiTarget(flags, 'jobs'), limit: optional(flags, 'limit', (v) => parseLimit(v, 100)), cursor: optional(flags, 'cursor', (v) => parseText(v, '--cursor', 500)) };
    case 'records':
      return { kind: 'records', ...common(flags), ...readTarget(flags), query: recordsQuery(flags) };
    case 'artifacts':
      return { kind: 'artifacts', ...common(flags), ...readTarget(flags), type: optional(flags, 'type', parseType) };
    case 'validate':
      return { kind: 'validate', ...common(flags), ...validateOptions(flags) };
    case 'pack':
      return { kind: 'pack', ...common(flags), ...packOptions(flags, host) };
    case 'verify':
      return { kind: 'verify', ...common(flags), ...verifyOptions(flags) };
    case 'demo':
      return { kind: 'demo', ...common(flags), ...demoOptions(flags) };
  }
}

function apiTarget(flags: Flags, command: CommandName): ApiTarget {
  return { apiBaseUrl: parseApiUrl(required(flags, command, 'api', 'URL')), tokenEnv: parseTokenEnvName(required(flags, command, 'token-env', 'NAME')) };
}

function readTarget(flags: Flags): { apiBaseUrl: string | null; workspaceId: string | null } {
  return { apiBaseUrl: optional(flags, 'api', parseApiUrl), workspaceId: optional(flags, 'workspace', (v) => parseText(v, '--workspace', 200)) };
}

function pullOptions(flags: Flags): Omit<PullCommand, 'kind' | keyof CommonOptions> {
  const target = apiTarget(flags, 'pull');
  const types = parseTypes(flags.strings('type'));
  if (types.length === 0) throw new UsageError('evidence pull needs at least one --type.', 'Add --type events (repeatable: events, traces, escalations, audit-log).');
  return {
    ...target,
    exports: parseFormats(flags.string('format'), types),
    window: parseWindow({ since: flags.string('since'), from: flags.string('from'), to: flags.string('to') }),
    environment: optional(flags, 'env', (v) => parseText(v, '--env', 100)),
    workspaceId: optional(flags, 'workspace', (v) => parseText(v, '--workspace', 200)),
    reviewer: optional(flags, 'reviewer', (v) => parseText(v, '--reviewer', 200)),
  };
}

function importOptions(flags: Flags): Omit<ImportCommand, 'kind' | keyof CommonOptions> {
  if (flags.positionals.length === 0) throw new UsageError('evidence import needs at least one FILE.', 'Name the export files to import: evidence import FILE…');
  if (flags.positionals.length > 100) throw new UsageError('evidence import takes at most 100 files at a time.', 'Import them in batches.');
  return {
    files: flags.positionals,
    type: optional(flags, 'type', parseType),
    format: optional(flags, 'format', parseFormat),
    ...readTarget(flags),
    reviewer: optional(flags, 'reviewer', (v) => parseText(v, '--reviewer', 200)),
  };
}

function recordsQuery(flags: Flags): RequestOf<'queryRecords'> {
  const query: RequestOf<'queryRecords'> = {};
  const set = <K extends keyof RequestOf<'queryRecords'>>(key: K, value: RequestOf<'queryRecords'>[K] | null) => {
    if (value !== null) query[key] = value;
  };
  set('requestId', optional(flags, 'request-id', (v) => parseText(v, '--request-id', 200)));
  set('escalationId', optional(flags, 'escalation-id', (v) => parseText(v, '--escalation-id', 200)));
  set('verdict', optional(flags, 'verdict', parseVerdict));
  set('type', optional(flags, 'type', parseType));
  set('text', optional(flags, 'text', (v) => parseText(v, '--text', 200)));
  set('environment', optional(flags, 'env', (v) => parseText(v, '--env', 100)));
  set('from', optional(flags, 'from', (v) => parseRecordBound(v, '--from')));
  set('to', optional(flags, 'to', (v) => parseRecordBound(v, '--to')));
  if (query.from && query.to && query.from >= query.to) throw new UsageError('--from must be before --to.', 'Swap them, or widen the window.');
  set('limit', optional(flags, 'limit', (v) => parseLimit(v, 1000)));
  set('cursor', optional(flags, 'cursor', (v) => parseText(v, '--cursor', 200)));
  return query;
}

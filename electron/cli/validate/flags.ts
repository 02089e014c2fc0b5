import type { ExportType } from '../../../shared/domain';
import { optional, type Flags } from '../flags';
import { UsageError } from '../usage-error';
import { listValues, parseApiUrl, parseFormat, parseIds, parsePositive, parseText, parseType, parseTypes } from '../values';
import type { DiskFiles } from './disk-files';
import { parseReviewWindow, type ReviewWindowFlags } from './window';

/** The files to validate: named on the command line, or stored in the cache. */
export type ValidateSource =
  | ({ kind: 'files' } & DiskFiles)
  | { kind: 'cached'; workspaceId: string | null; apiBaseUrl: string | null; artifactIds: number[] | null };

/** `evidence validate`, minus the flags every command has. */
export interface ValidateOptions {
  source: ValidateSource;
  window: ReviewWindowFlags;
  environment: string | null;
  configVersion: string | null;
  /** The export types the scope asks for; null means those of the files. */
  types: ExportType[] | null;
  requestIds: string[];
  escalationIds: string[];
  retentionHours: number | null;
}

const STRING = { type: 'string' } as const;
const MANY = { type: 'string', multiple: true } as const;

/** The flags `evidence validate` takes besides the common ones. */
export const VALIDATE_FLAGS = {
  since: STRING,
  at: STRING,
  from: STRING,
  to: STRING,
  env: STRING,
  'config-version': STRING,
  'request-id': MANY,
  'escalation-id': MANY,
  types: MANY,
  'retention-hours': STRING,
  type: STRING,
  format: STRING,
  job: MANY,
  cached: { type: 'boolean' },
  artifact: MANY,
  workspace: STRING,
  api: STRING,
} as const;

const MAX_FILES = 100;
const given = (flags: Flags, names: readonly string[]) => names.find((name) => flags.strings(name).length > 0);

/** Reads `evidence validate FILE… | --cached` with its window and scope. */
export function validateOptions(flags: Flags): ValidateOptions {
  const types = flags.strings('types');
  return {
    source: flags.boolean('cached') ? cachedSource(flags) : fileSource(flags),
    window: parseReviewWindow({ since: flags.string('since'), at: flags.string('at'), from: flags.string('from'), to: flags.string('to') }),
    environment: optional(flags, 'env', (v) => parseText(v, '--env', 100)),
    configVersion: optional(flags, 'config-version', (v) => parseText(v, '--config-version', 100)),
    types: types.length > 0 ? parseTypes(types, '--types') : null,
    requestIds: parseIds(flags.strings('request-id'), '--request-id'),
    escalationIds: parseIds(flags.strings('escalation-id'), '--escalation-id'),
    retentionHours: optional(flags, 'retention-hours', (v) => parsePositive(v, '--retention-hours', 100_000, "Give the API's KEEPTRUSTS_EVENT_RETENTION_HOURS (720 unless the admin changed it).")),
  };
}

function fileSource(flags: Flags): ValidateSource {
  const cacheOnly = given(flags, ['artifact', 'workspace', 'api']);
  if (cacheOnly) throw new UsageError(`--${cacheOnly} goes with --cached.`, 'Add --cached to validate the files stored in the cache, or leave it out to validate FILEs on disk.');
  const files = flags.positionals;
  if (files.length === 0) throw new UsageError('evidence validate needs at least one FILE, or --cached.', 'Name the export files (evidence validate FILE… --since 24h), or validate the cached ones with --cached.');
  if (files.length > MAX_FILES) throw new UsageError(`evidence validate takes at most ${MAX_FILES} files at a time.`, 'Validate them in batches.');
  return { kind: 'files', files, type: optional(flags, 'type', parseType), format: optional(flags, 'format', parseFormat), jobFiles: flags.strings('job') };
}

function cachedSource(flags: Flags): ValidateSource {
  if (flags.positionals.length > 0) throw new UsageError('Give FILEs or --cached, not both.', 'Validate files on disk (evidence validate FILE…) or the ones stored in the cache (evidence validate --cached).');
  const fileOnly = given(flags, ['type', 'format', 'job']);
  if (fileOnly) throw new UsageError(`--${fileOnly} is for FILEs named on the command line, not --cached.`, "The cache already knows each file's type, format and job.");
  const artifacts = flags.strings('artifact');
  return {
    kind: 'cached',
    workspaceId: optional(flags, 'workspace', (v) => parseText(v, '--workspace', 200)),
    apiBaseUrl: optional(flags, 'api', parseApiUrl),
    artifactIds: artifacts.length > 0 ? parseArtifactIds(artifacts) : null,
  };
}

/** `--artifact` ids (repeatable, comma-separated), each once, at most 100. */
export function parseArtifactIds(values: readonly string[]): number[] {
  const ids = listValues(values, '--artifact').map((value) => {
    const id = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(id) || id < 1) throw new UsageError(`--artifact "${value}" is not an artifact id.`, 'Give the ids `evidence artifacts` lists, e.g. --artifact 3,5.');
    return id;
  });
  const unique = [...new Set(ids)];
  if (unique.length > MAX_FILES) throw new UsageError(`--artifact names more than ${MAX_FILES} files.`, 'Validate them in batches.');
  return unique;
}

import type { CommandName } from './args';
import { resolveCacheDir, type CacheDirHost } from './cache-dir';

const EXIT_CODES = `Exit codes:
  0    success
  1    partial: some exports or files failed, the others succeeded
  3    failure: nothing succeeded, or an error such as a rejected token or an unreachable API
  64   usage error: bad or missing flags, or the token variable is unset
  130  cancelled (Ctrl-C); nothing half-written is kept`;

const VALIDATE_EXIT_CODES = `Exit codes:
  0    pass: every check passed (or did not apply)
  1    warnings: no check failed, but some want a reviewer's look
  2    failures: at least one check failed
  3    validation could not run: a file or job file could not be read, or the cache is empty
  64   usage error: bad or missing flags, a file of unknown type, a job file matching no file
  130  cancelled (Ctrl-C)`;

const ALL_EXIT_CODES = `Exit codes:
  0    success; for validate: every check passed
  1    partial: some exports or files failed, the others succeeded; for validate: warnings
  2    validate only: at least one check failed
  3    failure: nothing succeeded, or an error such as a rejected token or an unreachable API
  64   usage error: bad or missing flags, or the token variable is unset
  130  cancelled (Ctrl-C); nothing half-written is kept`;

const COMMON = `  --cache DIR        the cache folder (see "Cache folder" in \`evidence --help\`)
  --json             print one JSON document on stdout instead of a table
  --debug            print stack traces and API retries on stderr
  -h, --help         show help (evidence <command> --help for its options)`;

const TOKEN = `The API token is read only from the environment variable named by --token-env, never from the
command line (it would land in shell history and in \`ps\`). It is never printed, logged or cached.`;

const COMMANDS: Record<CommandName, { summary: string; text: string }> = {
  pull: {
    summary: 'create, await, download and ingest export jobs from a Keeptrusts API',
    text: `Usage: evidence pull --api URL --token-env NAME --type TYPE [--type TYPE…] [options]

Creates one export job per type, waits for it, downloads the file (resumable, checked against the
declared sha256) and ingests its records into the cache. Each export stands alone: one failing leaves
the cache as it was for that export, and the others go on.

  --api URL          the Keeptrusts API base URL (https; plain http only to localhost)
  --token-env NAME   the environment variable that holds the API token
  --type TYPE        events, traces, escalations, audit-log; repeatable or comma-separated
  --format F         csv or json for every type (default csv), or per type: events=csv,traces=json
  --since W          a window ending now: 1h, 6h, 24h, 7d or 30d (default 24h)
  --from D --to D    a fixed window instead: YYYY-MM-DD (whole UTC days, --to inclusive) or RFC 3339
  --env NAME         only this environment (e.g. production)
  --workspace ID     the cache workspace (default: api:<the API address>)
  --reviewer NAME    who pulls, for provenance (default: the OS user name)
${COMMON}

${TOKEN}`,
  },
  import: {
    summary: 'copy export files carried in by hand into the cache, with provenance, and ingest them',
    text: `Usage: evidence import FILE… [options]

Copies each file into the cache unchanged, records where it came from, and ingests its records. The
type and format are recognised from the content; a file already in the workspace is reported as a
duplicate and not stored twice.

  --type TYPE        treat every file as this export type (default: recognised)
  --format F         treat every file as csv or json (default: recognised)
  --workspace ID     the cache workspace (default: offline, or api:<URL> with --api)
  --api URL          import into the workspace of this API (no token needed)
  --reviewer NAME    who imports, for provenance (default: the OS user name)
${COMMON}`,
  },
  jobs: {
    summary: 'list the export jobs on a Keeptrusts API, newest first',
    text: `Usage: evidence jobs --api URL --token-env NAME [--limit N] [--cursor C]

  --api URL          the Keeptrusts API base URL
  --token-env NAME   the environment variable that holds the API token
  --limit N          jobs per page, 1 to 100
  --cursor C         the next page, as printed by the previous one
${COMMON}

${TOKEN}`,
  },
  records: {
    summary: 'query the records in the cache, oldest first, a page at a time',
    text: `Usage: evidence records [filters] [--limit N] [--cursor C]

  --request-id ID    records of one request (events, traces, escalations)
  --escalation-id ID the escalation and the events that raised it
  --verdict V        allow, block, redact or escalate
  --type TYPE        events, traces, escalations or audit-log
  --env NAME         one environment
  --text S           records containing this text (a full scan: slower)
  --from D --to D    time bounds: YYYY-MM-DD (whole UTC days) or RFC 3339
  --limit N          records per page, 1 to 1000 (default 200)
  --cursor C         the next page, as printed by the previous one
  --workspace ID     the workspace (default: the only one in the cache)
  --api URL          the workspace pulled from this API
${COMMON}`,
  },
  artifacts: {
    summary: 'list the export files in the cache, with their provenance',
    text: `Usage: evidence artifacts [--type TYPE] [--workspace ID | --api URL]

  --type TYPE        only this export type
  --workspace ID     the workspace (default: the only one in the cache)
  --api URL          the workspace pulled from this API
${COMMON}`,
  },
  validate: {
    summary: 'check export files against a review scope, as a checklist (or the report as JSON)',
    text: `Usage: evidence validate FILE… WINDOW [scope] [--type T] [--format F] [--job JOB.json…]
       evidence validate --cached WINDOW [scope] [--artifact ID…] [--workspace ID | --api URL]

Reads each export file once, straight from disk (no cache needed), and runs every check on it: not
empty, filename timestamp, time coverage, environment, config version, format conformance, integrity,
no duplicate records, spreadsheet safety; then, over the set: cross-reference, completeness and the
retention horizon. Prints a checklist with what to do about each warning or failure; --json prints the
validation report (the document the packet carries) instead.

The review window, one of:
  --since W          the W up to --at: 1h, 6h, 24h, 7d or 30d, as the export was pulled
  --at T             where a --since window ends, RFC 3339 (default: now)
  --from D --to D    YYYY-MM-DD (whole UTC days, --to inclusive) or RFC 3339, as the API's
                     date_from and date_to

The rest of the scope:
  --env NAME         every record should come from this environment
  --config-version V the config version expected in force
  --request-id ID    a request reviewers will look up; repeatable or comma-separated
  --escalation-id ID an escalation reviewers will follow; repeatable or comma-separated
  --types TYPES      the export types the review needs (default: the types of the files)
  --retention-hours N  the API's record retention (default 720), measured back from now

Files on disk:
  --type TYPE        treat every FILE as this export type (default: recognised)
  --format F         treat every FILE as csv or json (default: recognised)
  --job JOB.json     the export job as the API returned it (GET /v1/exports/jobs/{id}); it belongs
                     to the FILE named by its artifact.filename, whose size, sha256 and record count
                     are then checked against it. Repeatable.

Files in the cache (read only; each with the job it was pulled as):
  --cached           validate the export files stored in the cache
  --artifact ID      only these files (ids from \`evidence artifacts\`); repeatable or comma-separated
  --workspace ID     the workspace (default: the only one in the cache)
  --api URL          the workspace pulled from this API

${COMMON}`,
  },
};

/** `evidence --help`: commands, common flags, the token rule, where the cache lives, exit codes. */
export function mainHelp(host: CacheDirHost): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 2;
  const commands = Object.entries(COMMANDS)
    .map(([name, { summary }]) => `  ${name.padEnd(width)} ${summary}`)
    .join('\n');
  return `Usage: evidence <command> [options]

Pulls Keeptrusts evidence exports into a local cache, imports export files carried in by hand, queries
what is cached, and validates exports against a review scope: the same core as the Evidence Packager app.

Commands:
${commands}

Options for every command:
${COMMON}

${TOKEN}

Progress goes to stderr when it is a terminal. Ctrl-C cancels cleanly.

Cache folder: --cache DIR, else $EVIDENCE_CACHE_DIR, else the per-user cache folder:
  Linux     $XDG_CACHE_HOME/evidence-packager, or ~/.cache/evidence-packager
  macOS     ~/Library/Caches/evidence-packager
  Windows   %LOCALAPPDATA%\\evidence-packager
  (in effect now: ${resolveCacheDir(undefined, host)})

${ALL_EXIT_CODES}

Run \`evidence <command> --help\` for a command's options.
`;
}

/** `evidence <command> --help`. */
export function commandHelp(command: CommandName): string {
  return `${COMMANDS[command].text}\n\n${command === 'validate' ? VALIDATE_EXIT_CODES : EXIT_CODES}\n`;
}

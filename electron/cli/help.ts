import type { CommandName } from './args';
import { resolveCacheDir, type CacheDirHost } from './cache-dir';
import { resolveKeyDir } from './keys/key-dir';

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

const KEYS_EXIT_CODES = `Exit codes:
  0    done
  3    failure: no key, a wrong passphrase, a key already there (without --replace), an unreadable file
  64   usage error: bad or missing flags, or a passphrase variable is unset`;

const PACK_EXIT_CODES = `Exit codes:
  0    the packet was written (even when validation warned or failed: it says so, and the packet
       carries the result)
  2    --require-pass only: a validation check failed, and no packet was written
  3    failure: no key, a wrong passphrase, an empty cache, the packet's name already taken, a write error
  64   usage error: bad or missing flags, a scope file that is not a usable review scope, an unusable note
  130  cancelled (Ctrl-C); no packet is left half-written`;

const VERIFY_EXIT_CODES = `Exit codes:
  0    valid, and the signer is trusted (by the cache's trusted signers or --trust)
  1    valid, but the signer is not trusted: compare its fingerprint with the one the sender published
  2    invalid: the packet was changed or damaged after signing, or was not made correctly
  3    the packet could not be read (no such file, not a file, no permission)
  64   usage error: bad or missing flags
  130  cancelled (Ctrl-C)`;

const DEMO_EXIT_CODES = `Exit codes:
  0    the packet was written and verified
  3    failure: a step failed (it is named)
  64   usage error: bad flags
  130  cancelled (Ctrl-C); the sample API is stopped and the temporary files removed`;

const ALL_EXIT_CODES = `Exit codes:
  0    success; for validate: every check passed; for verify: valid and the signer trusted
  1    partial: some exports or files failed, the others succeeded; for validate: warnings;
       for verify: valid, but the signer is not trusted
  2    validate: at least one check failed; verify: the packet is invalid;
       pack --require-pass: a check failed, nothing written
  3    failure: nothing succeeded, or an error such as a rejected token, an unreachable API, a wrong
       passphrase or an unreadable packet
  64   usage error: bad or missing flags, or the token or passphrase variable is unset
  130  cancelled (Ctrl-C); nothing half-written is kept`;

const KEY_OPTIONS = `  --passphrase-env NAME
                     the environment variable holding the key file's passphrase
  --key-dir DIR      the key folder (see "Signing key" in \`evidence --help\`)
  --key-env NAME     use the key in this environment variable instead (PKCS#8 PEM text; with
                     --passphrase-env when it is encrypted)`;

const PASSPHRASE = `Passphrases and keys are read only from environment variables named by --passphrase-env,
--import-passphrase-env and --key-env, never from the command line (it would land in shell history and
in \`ps\`). They are never printed or logged.`;

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
  keys: {
    summary: 'your signing key (create, import, export, fingerprint) and the signers you trust',
    text: `Usage: evidence keys init --passphrase-env NAME [--replace]
       evidence keys import FILE.pem --passphrase-env NAME [--import-passphrase-env NAME] [--replace]
       evidence keys export [--out FILE] [key flags]
       evidence keys fingerprint [key flags]
       evidence keys fingerprint --pub FILE.pem
       evidence keys trust NAME FINGERPRINT
       evidence keys trust NAME --pub FILE.pem
       evidence keys untrust FINGERPRINT
       evidence keys trusted

Your signing key is one file, signing-key.pem in the key folder: an Ed25519 key as encrypted PKCS#8
(scrypt, AES-256; \`openssl pkey\` reads it), mode 0600. Packets are signed with it; the people who
verify them compare its fingerprint with the one you gave them.

  init               create a key (refused when there is one, unless --replace) and print its
                     fingerprint and file; the passphrase needs 8 characters or more
  import FILE.pem    store an existing Ed25519 PKCS#8 key, encrypted with --passphrase-env's
                     passphrase; --import-passphrase-env NAME when FILE.pem itself is encrypted
  export             print the public key (SPKI PEM); --out FILE writes it (never over a file)
  fingerprint        print the key's fingerprint (SHA256:…); --pub FILE.pem for any public key,
                     such as a packet's signer.pub.pem (no passphrase needed)
  trust              mark a signer as trusted in the cache (evidence verify then exits 0 for its
                     packets); with --pub, the public key is kept and its fingerprint used or checked
  untrust            remove a trusted signer
  trusted            list the trusted signers

Key flags:
${KEY_OPTIONS}
${COMMON}

${PASSPHRASE}`,
  },
  pack: {
    summary: 'validate the cached exports against a scope and write a signed evidence packet',
    text: `Usage: evidence pack --scope SCOPE.json --note NOTE.md --out DIR --passphrase-env NAME [options]

Validates the cached export files again against the review scope, records the validation, the note
and the packing in the workspace's custody chain, and writes a signed packet (a BagIt bag in a zip,
docs/PACKET.md) into DIR, under a name never used before. Prints the packet's path, sha256 and signer,
the validation result (a line per warning or failure), and where VERIFY.txt is.

  --scope FILE       the review scope, JSON: window {relative?, from, to}, types, request_ids,
                     escalation_ids, references, why (required here), and optionally environment,
                     config_version and control_tags; \`evidence validate --json\` prints one
  --note FILE        the reviewer's note, Markdown (UTF-8, at most 20,000 characters)
  --out DIR          where the packet goes (created if missing)
  --reviewer NAME    the reviewer named in the packet and custody (default: the OS user name)
  --email E          the reviewer's email, in the note
  --deeper-context W where reviewers should look for more: events, escalations or both
  --organization N   bag-info.txt's Source-Organization (default: Not stated)
  --include-host     record this computer's name and the OS user in the packet
  --artifact ID      only these cached files (ids from \`evidence artifacts\`); repeatable or
                     comma-separated (default: every file of the workspace)
  --retention-hours N  the API's record retention (default 720), for the retention check
  --require-pass     validate first, and write nothing (exit 2) when a check fails; warnings are
                     allowed. Without it the packet is written whatever validation found, and
                     carries the result
  --workspace ID     the workspace (default: the only one in the cache)
  --api URL          the workspace pulled from this API
${KEY_OPTIONS}
${COMMON}

${PASSPHRASE}`,
  },
  verify: {
    summary: 'check a packet: zip safety, signature, manifests, evidence.json, custody, and trust',
    text: `Usage: evidence verify PACKET.zip [--trust FINGERPRINT…] [--cache DIR] [--json]

Reads the packet in place (nothing is extracted or written) and checks the zip itself (one top folder,
safe names, no links or duplicates, size and ratio limits), bagit.txt, the signature over the tag
manifest, both manifests, Payload-Oxum, bag-info.txt, evidence.json and its agreement with the files,
the signer's fingerprint, the custody chain, and whether the signer is trusted. Prints every finding
with the file it is about and what differs, then the verdict.

  --trust FP         trust this fingerprint for this run, besides the cache's trusted signers
                     (\`evidence keys trust\`); repeatable. The cache is only read.
${COMMON}`,
  },
  demo: {
    summary: 'run the whole job on sample data: start the sample API, pull, validate, pack, verify',
    text: `Usage: evidence demo [--out DIR] [--cache DIR] [--json]

Starts the sample API in this process, pulls a day (24h) of events (CSV) and escalations (JSON) into a
temporary cache, validates them, makes a throwaway DEMO signing key, packs the packet into --out, and
verifies it with that key trusted. Prints each step with its time, and the packet's path. No token, key
or network is needed; the sample API, the temporary cache and the demo key are removed at the end
(also on failure or Ctrl-C). Never trust the demo key's fingerprint for real evidence.

  --out DIR          where the packet goes (default: the current folder)
  --cache DIR        pull into this cache and keep it (default: a temporary one; $EVIDENCE_CACHE_DIR
                     is not used)
  --json             print one JSON document: the steps, the packet, validation and verification
  --debug            print stack traces on stderr`,
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
what is cached, validates exports against a review scope, packs them into signed evidence packets and
verifies packets: the same core as the Evidence Packager app. \`evidence demo\` runs it all on sample data.

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

Signing key: --key-dir DIR, else $EVIDENCE_KEY_DIR, else the per-user config folder:
  Linux     $XDG_CONFIG_HOME/evidence-packager/keys, or ~/.config/evidence-packager/keys
  macOS     ~/Library/Application Support/evidence-packager/keys
  Windows   %APPDATA%\\evidence-packager\\keys
  (in effect now: ${resolveKeyDir(undefined, host)})

${PASSPHRASE}

${ALL_EXIT_CODES}

Run \`evidence <command> --help\` for a command's options.
`;
}

/** `evidence <command> --help`. */
export function commandHelp(command: CommandName): string {
  const codes: Partial<Record<CommandName, string>> = { validate: VALIDATE_EXIT_CODES, keys: KEYS_EXIT_CODES, pack: PACK_EXIT_CODES, verify: VERIFY_EXIT_CODES, demo: DEMO_EXIT_CODES };
  return `${COMMANDS[command].text}\n\n${codes[command] ?? EXIT_CODES}\n`;
}

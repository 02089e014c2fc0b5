import { parseArgs } from 'node:util';
import { parseFaultSpec, type Knobs } from './knobs';
import { SAMPLE_TOKEN, startSampleApi, type SampleApiOptions } from './server';

const HELP = `Usage: npm run sample-api -- [options]

A Keeptrusts-compatible export API over generated, deterministic data.

  --port N               API port (default 8080; 0 picks a free one)
  --storage-port N       presigned-storage port, another origin (default: a free one)
  --seed N               data seed (default 1); same seed and clock, same bytes
  --token T              accepted bearer token (default ${SAMPLE_TOKEN})
  --base-path P          serve under a path prefix, e.g. /api
  --now INSTANT          fix the data clock (RFC 3339), e.g. 2026-03-20T10:30:00Z
  --events-per-hour N    average decisions per hour (default 400)
  --outage FROM/TO       no traffic in [FROM, TO) (RFC 3339), repeatable
  --storage local|s3     s3: downloads redirect to presigned URLs on the storage port
  --presign-ttl-ms N     presigned URL lifetime (default 300000)
  --job-outcome complete|fail|expire
  --job-duration-ms N    time a job spends queued + running (default 150)
  --running-status running|processing
  --wrong-sha256         declare a wrong sha256 in artifact metadata
  --fault SPEC           route:kind[:key=value…], repeatable. Routes: preview, create-job, list-jobs,
                         get-job, download, storage, events, *. Kinds: 429, 500, 503, slow-headers,
                         slow-body, cut, short. Keys: times (-1 = always), retryAfter (seconds|http-date),
                         retryAfterSeconds, delayMs, afterBytes. e.g. download:cut:afterBytes=65536
  --quiet                no request log
  --help                 this text
`;

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got "${value}"`);
  return n;
}

function oneOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function parseOutage(text: string): { from: number; to: number } {
  const [from, to] = text.split('/').map((part) => Date.parse(part));
  if (!Number.isFinite(from) || !Number.isFinite(to) || from! >= to!) {
    throw new Error(`--outage must be FROM/TO with FROM before TO (RFC 3339), got "${text}"`);
  }
  return { from: from!, to: to! };
}

/** Parses the command line into start options. Exported for tests. */
export function optionsFromArgs(args: string[]): SampleApiOptions & { help: boolean } {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: 'string' },
      'storage-port': { type: 'string' },
      seed: { type: 'string' },
      token: { type: 'string' },
      'base-path': { type: 'string' },
      now: { type: 'string' },
      'events-per-hour': { type: 'string' },
      outage: { type: 'string', multiple: true },
      storage: { type: 'string' },
      'presign-ttl-ms': { type: 'string' },
      'job-outcome': { type: 'string' },
      'job-duration-ms': { type: 'string' },
      'running-status': { type: 'string' },
      'wrong-sha256': { type: 'boolean' },
      fault: { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const knobs: Partial<Knobs> = {};
  const storage = oneOf(values.storage, 'storage', ['local', 's3'] as const);
  if (storage) knobs.storage = storage;
  const outcome = oneOf(values['job-outcome'], 'job-outcome', ['complete', 'fail', 'expire'] as const);
  if (outcome) knobs.jobOutcome = outcome;
  const running = oneOf(values['running-status'], 'running-status', ['running', 'processing'] as const);
  if (running) knobs.runningStatus = running;
  const ttl = number(values['presign-ttl-ms'], 'presign-ttl-ms');
  if (ttl !== undefined) knobs.presignTtlMs = ttl;
  const duration = number(values['job-duration-ms'], 'job-duration-ms');
  if (duration !== undefined) knobs.jobDurationMs = duration;
  if (values['wrong-sha256']) knobs.wrongSha256 = true;
  knobs.faults = (values.fault ?? []).map(parseFaultSpec);
  const data: SampleApiOptions['data'] = {};
  const perHour = number(values['events-per-hour'], 'events-per-hour');
  if (perHour !== undefined) data.eventsPerHour = perHour;
  if (values.outage) data.outages = values.outage.map(parseOutage);
  const options: SampleApiOptions & { help: boolean } = {
    help: values.help ?? false,
    port: number(values.port, 'port') ?? 8080,
    seed: number(values.seed, 'seed') ?? 1,
    knobs,
    data,
  };
  const storagePort = number(values['storage-port'], 'storage-port');
  if (storagePort !== undefined) options.storagePort = storagePort;
  if (values.token) options.token = values.token;
  if (values['base-path']) options.basePath = values['base-path'];
  if (values.now) options.now = values.now;
  if (!values.quiet) options.log = (line) => process.stderr.write(`${line}\n`);
  return options;
}

/** `npm run sample-api -- …`: starts the API and runs until SIGINT/SIGTERM. */
export async function runSampleApiCli(args: string[]): Promise<void> {
  let options: ReturnType<typeof optionsFromArgs>;
  try {
    options = optionsFromArgs(args);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }
  const api = await startSampleApi(options);
  const tokenNote = options.token ? 'the token given with --token' : SAMPLE_TOKEN;
  process.stdout.write(`Sample Keeptrusts API on ${api.url}\nPresigned storage on ${api.storageOrigin}\nBearer token: ${tokenNote}\n`);
  const stop = () => void api.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

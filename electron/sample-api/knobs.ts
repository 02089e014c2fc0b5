/** The routes a fault can be aimed at. `storage` is the presigned-URL listener (another origin). */
export const ROUTES = ['preview', 'create-job', 'list-jobs', 'get-job', 'download', 'storage', 'events'] as const;
export type RouteName = (typeof ROUTES)[number];

/**
 * One transient failure, applied to the next `times` matching requests (-1: every one).
 * - `status`: answer 429/500/503 (429 and 503 carry Retry-After, in seconds or as an HTTP date);
 * - `slow-headers`: wait `delayMs` before answering;
 * - `slow-body`: send headers and `afterBytes` of the body, then stall for `delayMs`;
 * - `cut`: send headers and `afterBytes` of the body, then destroy the connection;
 * - `short`: declare the full Content-Length but end the body after `afterBytes`.
 */
export interface Fault {
  route: RouteName | '*';
  kind: 'status' | 'slow-headers' | 'slow-body' | 'cut' | 'short';
  status?: 429 | 500 | 503;
  retryAfter?: 'seconds' | 'http-date' | 'none';
  retryAfterSeconds?: number;
  delayMs?: number;
  afterBytes?: number;
  times: number;
}

/** What the next jobs do, and how their artifacts are served. Mutable at run time for tests. */
export interface Knobs {
  faults: Fault[];
  /** How new jobs end: complete, fail, or complete and then expire. */
  jobOutcome: 'complete' | 'fail' | 'expire';
  /** Real milliseconds a job spends queued and then running before it ends. */
  jobDurationMs: number;
  /** Spelling of the in-progress status (the docs use both). */
  runningStatus: 'running' | 'processing';
  /** Declare a wrong sha256 in the artifact metadata (the file itself is right). */
  wrongSha256: boolean;
  /** `local`: download answers 200 with the file; `s3`: it answers 302 to a presigned URL on another port. */
  storage: 'local' | 's3';
  /** How long a presigned URL is valid, in real milliseconds. */
  presignTtlMs: number;
}

/** Knobs of a well-behaved server. */
export function defaultKnobs(): Knobs {
  return {
    faults: [],
    jobOutcome: 'complete',
    jobDurationMs: 150,
    runningStatus: 'running',
    wrongSha256: false,
    storage: 'local',
    presignTtlMs: 5 * 60_000,
  };
}

/** Takes the first fault aimed at `route`, counting it down; undefined when there is none. */
export function takeFault(knobs: Knobs, route: RouteName): Fault | undefined {
  const index = knobs.faults.findIndex((f) => (f.route === route || f.route === '*') && f.times !== 0);
  if (index < 0) return undefined;
  const fault = knobs.faults[index]!;
  if (fault.times > 0) fault.times -= 1;
  if (fault.times === 0) knobs.faults.splice(index, 1);
  return fault;
}

/** Parses a fault written on the command line: `download:cut:afterBytes=1000:times=1`. */
export function parseFaultSpec(spec: string): Fault {
  const [route, kind, ...options] = spec.split(':');
  if (!route || !kind) throw new Error(`A fault is route:kind[:key=value…], got "${spec}"`);
  if (route !== '*' && !(ROUTES as readonly string[]).includes(route)) {
    throw new Error(`Unknown route "${route}" in fault "${spec}"; routes: ${ROUTES.join(', ')}, *`);
  }
  const fault: Record<string, unknown> = { route, kind, times: 1 };
  const statusKind = /^(429|500|503)$/.exec(kind);
  if (statusKind) {
    fault.kind = 'status';
    fault.status = Number(statusKind[1]);
  } else if (!['slow-headers', 'slow-body', 'cut', 'short'].includes(kind)) {
    throw new Error(`Unknown fault kind "${kind}"; kinds: 429, 500, 503, slow-headers, slow-body, cut, short`);
  }
  for (const option of options) {
    const [key, value] = option.split('=');
    if (!key || value === undefined) throw new Error(`Fault option "${option}" is not key=value`);
    fault[key] = /^-?\d+$/.test(value) ? Number(value) : value;
  }
  return fault as unknown as Fault;
}

const KNOB_CHECKS: { [K in keyof Knobs]: (value: unknown) => boolean } = {
  faults: (v) => Array.isArray(v) && v.every((f) => typeof f === 'object' && f !== null && typeof (f as Fault).kind === 'string' && typeof (f as Fault).route === 'string' && typeof (f as Fault).times === 'number'),
  jobOutcome: (v) => v === 'complete' || v === 'fail' || v === 'expire',
  jobDurationMs: (v) => typeof v === 'number' && v >= 0,
  runningStatus: (v) => v === 'running' || v === 'processing',
  wrongSha256: (v) => typeof v === 'boolean',
  storage: (v) => v === 'local' || v === 's3',
  presignTtlMs: (v) => typeof v === 'number' && Number.isFinite(v),
};

/** Checks a run-time knob change (from the control route) key by key; throws on anything unknown or ill-typed. */
export function validKnobPatch(patch: unknown): Partial<Knobs> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('Send a JSON object of knobs');
  for (const [key, value] of Object.entries(patch)) {
    const check = (KNOB_CHECKS as Record<string, (v: unknown) => boolean>)[key];
    if (!Object.prototype.hasOwnProperty.call(KNOB_CHECKS, key) || !check) throw new Error(`Unknown knob "${key}"`);
    if (!check(value)) throw new Error(`Knob "${key}" has an invalid value`);
  }
  return patch as Partial<Knobs>;
}

/** Checks a run-time data change: only outages and volumes may change. */
export function validDataPatch(patch: unknown): { outages?: { from: number; to: number }[]; eventsPerHour?: number; auditPerHour?: number } {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('Send a JSON object');
  const out: ReturnType<typeof validDataPatch> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'outages' && Array.isArray(value) && value.every((o) => typeof o?.from === 'number' && typeof o?.to === 'number' && o.from < o.to)) out.outages = value;
    else if ((key === 'eventsPerHour' || key === 'auditPerHour') && typeof value === 'number' && value >= 0) out[key] = value;
    else throw new Error(`Data setting "${key}" is unknown or invalid`);
  }
  return out;
}

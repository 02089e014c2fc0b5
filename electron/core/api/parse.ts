import { normalizeVerdict as contractVerdict } from '../../../shared/domain';
import type { ExportArtifact, ExportJob, ExportPreview, JobState, TailEvent } from './types';

type Json = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const count = (value: unknown): number | null => {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : null;
};
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The contract's spelling of a verdict (`blocked` → `block`); an unknown word is kept as the server spelled it. */
export function normalizeVerdict(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return contractVerdict(value) ?? value;
}

/** What a status means here: only completed, failed and expired end a job; anything else is still going. */
export function jobState(status: string | null): JobState {
  const lower = status?.trim().toLowerCase();
  return lower === 'completed' || lower === 'failed' || lower === 'expired' ? lower : 'pending';
}

function parseWindow(value: unknown): ExportJob['window'] {
  return isObject(value) ? { from: str(value.from), to: str(value.to) } : null;
}

function parseArtifact(value: unknown): ExportArtifact | null {
  if (!isObject(value)) return null;
  const sha = str(value.sha256);
  return {
    filename: str(value.filename),
    content_type: str(value.content_type),
    size_bytes: count(value.size_bytes),
    sha256: sha !== null && /^[0-9a-f]{64}$/i.test(sha) ? sha.toLowerCase() : null,
    record_count: count(value.record_count),
    storage: str(value.storage),
  };
}

function parseFilters(value: unknown): ExportJob['filters'] {
  if (!isObject(value)) return null;
  const filters: { environment?: string; verdict?: string } = {};
  const environment = str(value.environment);
  const verdict = normalizeVerdict(value.verdict);
  if (environment !== null) filters.environment = environment;
  if (verdict !== null) filters.verdict = verdict;
  return filters;
}

function parseJobError(value: unknown): ExportJob['error'] {
  if (isObject(value)) return { code: str(value.code), message: str(value.message) };
  return typeof value === 'string' && value !== '' ? { code: null, message: value } : null;
}

/** A job as understood, tolerating unknown fields and statuses; null when it has no usable `id`. */
export function parseJob(raw: unknown): ExportJob | null {
  if (!isObject(raw)) return null;
  const id = str(raw.id);
  if (id === null || id === '') return null;
  const status = str(raw.status);
  return {
    id,
    type: str(raw.type),
    format: str(raw.format),
    status,
    state: jobState(status),
    window: parseWindow(raw.window),
    filters: parseFilters(raw.filters),
    created_at: str(raw.created_at),
    started_at: str(raw.started_at),
    completed_at: str(raw.completed_at),
    expires_at: str(raw.expires_at),
    artifact: parseArtifact(raw.artifact),
    error: parseJobError(raw.error),
  };
}

/** A page of jobs; entries without an id are skipped (they stay in the raw JSON). Null if not a page. */
export function parseJobPage(raw: unknown): { jobs: ExportJob[]; nextCursor: string | null } | null {
  if (!isObject(raw) || !Array.isArray(raw.jobs)) return null;
  const jobs = raw.jobs.map(parseJob).filter((job): job is ExportJob => job !== null);
  const cursor = str(raw.next_cursor);
  return { jobs, nextCursor: cursor === '' ? null : cursor };
}

/** A preview as understood; verdict counts under either spelling are summed under the contract's. Null if not an object. */
export function parsePreview(raw: unknown): ExportPreview | null {
  if (!isObject(raw)) return null;
  const counts: Record<string, number> = {};
  if (isObject(raw.counts_by_verdict)) {
    for (const [key, value] of Object.entries(raw.counts_by_verdict)) {
      const n = count(value);
      const verdict = normalizeVerdict(key) ?? key;
      if (n !== null) counts[verdict] = (counts[verdict] ?? 0) + n;
    }
  }
  return {
    type: str(raw.type),
    window: parseWindow(raw.window),
    record_count: count(raw.record_count),
    earliest: str(raw.earliest),
    latest: str(raw.latest),
    environments: strings(raw.environments),
    config_versions: strings(raw.config_versions),
    counts_by_verdict: counts,
  };
}

/** One tail event: `id` or `event_id`, verdict in the contract's spelling. Null if not an object. */
export function parseTailEvent(raw: unknown): TailEvent | null {
  if (!isObject(raw)) return null;
  return {
    id: str(raw.id) ?? str(raw.event_id),
    event_type: str(raw.event_type),
    timestamp: str(raw.timestamp),
    verdict: normalizeVerdict(raw.verdict),
    reason_code: str(raw.reason_code),
    model: str(raw.model),
    provider: str(raw.provider),
    config_version: str(raw.config_version),
    environment: str(raw.environment),
    request_id: str(raw.request_id),
    escalation_id: str(raw.escalation_id),
  };
}

/** The tail's answer: `{events: [...]}` or a bare array. Null when it is neither. */
export function parseTail(raw: unknown): { events: TailEvent[]; since: string | null; until: string | null } | null {
  const list = Array.isArray(raw) ? raw : isObject(raw) && Array.isArray(raw.events) ? raw.events : null;
  if (list === null) return null;
  const events = list.map(parseTailEvent).filter((e): e is TailEvent => e !== null);
  return isObject(raw) ? { events, since: str(raw.since), until: str(raw.until) } : { events, since: null, until: null };
}

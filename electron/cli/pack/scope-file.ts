import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { readFile, stat } from 'node:fs/promises';
import { EXPORT_TYPES, TIME_WINDOWS, isTimeWindow } from '../../../shared/domain';
import { ReviewScope } from '../../../shared/schemas/scope';
import { AppError } from '../../core/errors';
import { printable } from '../format';
import { UsageError } from '../usage-error';

/** A scope is a few KB even with a thousand IDs; anything this large is some other file. */
const MAX_SCOPE_BYTES = 1024 * 1024;
const SHOWN_PROBLEMS = 12;
const FIELDS = Object.keys(ReviewScope.properties);
const WINDOW_FIELDS = Object.keys(ReviewScope.properties.window.properties);

/** A review scope fit for packing: `why` is required (it is the note's first line). */
export type PackScope = ReviewScope & { why: string };

/** What to write for each field, when it is missing. */
const MISSING: Record<string, string> = {
  window: 'add the review window: "window": {"from": "2026-03-19T10:30:00Z", "to": "2026-03-20T10:30:00Z"} (RFC 3339 UTC), with "relative": "24h" if it was entered that way',
  from: 'add the start of the window, an RFC 3339 UTC instant such as "2026-03-19T10:30:00Z"',
  to: 'add the end of the window, an RFC 3339 UTC instant such as "2026-03-20T10:30:00Z"',
  types: `add the export types the review needs, e.g. "types": ["events", "escalations"] (any of ${EXPORT_TYPES.join(', ')})`,
  request_ids: 'add the request IDs reviewers will look up, or "request_ids": [] for none',
  escalation_ids: 'add the escalation IDs reviewers will follow, or "escalation_ids": [] for none',
};

let validator: ValidateFunction | null = null;

/**
 * Reads a scope file (`evidence pack --scope`): JSON, checked against the ReviewScope schema (ajv,
 * strict, every problem reported with its field and what to do), the window's bounds in order and
 * agreeing with its relative length, and a `why`.
 */
export async function readScopeFile(path: string, shown: string): Promise<PackScope> {
  let text: string;
  try {
    if ((await stat(path)).size > MAX_SCOPE_BYTES) throw new UsageError(`The scope file ${shown} is too large to be a review scope.`, HINT);
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof TypeError) throw new UsageError(`The scope file ${shown} is not UTF-8 text.`, HINT);
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('file-unreadable', `The scope file ${shown} could not be read (${code}).`, 'Check that it exists and that you may read it.', { path });
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`The scope file ${shown} is not JSON (${printable((error as Error).message).slice(0, 120)}).`, HINT);
  }
  const problems = scopeProblems(value);
  if (problems.length > 0) {
    const listed = problems.slice(0, SHOWN_PROBLEMS).map((p) => `\n  - ${p}`);
    const more = problems.length > SHOWN_PROBLEMS ? `\n  - and ${problems.length - SHOWN_PROBLEMS} more` : '';
    throw new UsageError(`The scope file ${shown} is not a usable review scope:${listed.join('')}${more}`, HINT);
  }
  return value as PackScope;
}

const HINT =
  'A scope is a JSON object: {"window": {"relative": "24h", "from": "…Z", "to": "…Z"}, "types": ["events"], "request_ids": [], "escalation_ids": [], "references": ["INC-2041"], "why": "…"}, plus optional environment, config_version and control_tags. `evidence validate --json` prints one under "scope".';

/** Every problem with the value as a scope for packing, each naming its field and what to do; empty when it is fine. */
export function scopeProblems(value: unknown): string[] {
  validator ??= new Ajv({ allErrors: true, strict: true, coerceTypes: false, useDefaults: false }).compile(ReviewScope);
  if (!validator(value)) return [...new Set((validator.errors ?? []).filter((e) => !e.schemaPath.includes('/anyOf/')).map(describe))];
  const scope = value as ReviewScope;
  const problems: string[] = [];
  const from = Date.parse(scope.window.from);
  const to = Date.parse(scope.window.to);
  if (!Number.isFinite(from)) problems.push('window.from is not a real date and time: give an RFC 3339 UTC instant such as "2026-03-19T10:30:00Z".');
  if (!Number.isFinite(to)) problems.push('window.to is not a real date and time: give an RFC 3339 UTC instant such as "2026-03-20T10:30:00Z".');
  if (Number.isFinite(from) && Number.isFinite(to)) {
    if (from >= to) problems.push('window.from is not before window.to: swap them, or widen the window.');
    else if (scope.window.relative && isTimeWindow(scope.window.relative) && to - from !== TIME_WINDOWS[scope.window.relative]) {
      problems.push(`window.relative is "${scope.window.relative}" but from..to spans ${hours(to - from)}: make them agree, or leave "relative" out for a fixed window.`);
    }
  }
  if (scope.why === undefined || scope.why.trim() === '') problems.push('why is missing or empty: packing needs it. Say why this evidence is exported (it opens the note), e.g. "why": "Blocked requests after the 0.2.0 rollout".');
  return problems;
}

function hours(ms: number): string {
  const h = ms / 3_600_000;
  return `${Number.isInteger(h) ? h : h.toFixed(2)} hours`;
}

/** One ajv error as "field: problem — what to do". */
function describe(e: ErrorObject): string {
  // `/window/from` → `window.from`, `/types/1` → `types[1]`.
  const field = e.instancePath
    .split('/')
    .slice(1)
    .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : `${i === 0 ? '' : '.'}${part}`))
    .join('');
  const named = (name: string) => (field === '' ? name : `${field}.${name}`);
  switch (e.keyword) {
    case 'required': {
      const missing = String(e.params.missingProperty);
      return `${named(missing)} is missing: ${MISSING[missing] ?? 'add it'}.`;
    }
    case 'additionalProperties': {
      const extra = printable(String(e.params.additionalProperty)).slice(0, 60);
      const fields = field === 'window' ? WINDOW_FIELDS : FIELDS;
      return `${named(extra)} is not a field of ${field === 'window' ? 'the window' : 'a scope'}: remove it or correct its spelling (the fields are ${fields.join(', ')}).`;
    }
    case 'anyOf':
      if (field === 'window.relative') return `${field} must be one of ${Object.keys(TIME_WINDOWS).join(', ')}, or left out for a fixed window.`;
      if (/^types\[\d+\]$/.test(field)) return `${field} must be one of ${EXPORT_TYPES.join(', ')}.`;
      return `${field} is not one of the values allowed.`;
    case 'pattern':
      if (field === 'window.from' || field === 'window.to') return `${field} must be an RFC 3339 UTC instant ending in Z, such as "2026-03-20T10:30:00Z".`;
      if (/^(request_ids|escalation_ids)\[\d+\]$/.test(field)) return `${field} must be an ID of 1 to 200 characters without spaces.`;
      if (/^control_tags\[\d+\]$/.test(field)) return `${field} must look like FRAMEWORK:CONTROL, e.g. "SOC2:CC7.2" or "ISO27001:A.8.15".`;
      return `${field} has the wrong form.`;
    case 'type':
      return `${field || 'The scope'} must be ${e.params.type === 'object' ? 'a JSON object' : e.params.type === 'array' ? 'a list ([…])' : `a ${String(e.params.type)}`}.`;
    case 'uniqueItems':
      return `${field} lists the same ${field === 'types' ? 'type' : 'item'} twice (${field}[${String(e.params.j)}] and ${field}[${String(e.params.i)}]): list each once.`;
    case 'maxItems':
      return `${field} has more than ${String(e.params.limit)} items: keep the ones reviewers need.`;
    case 'maxLength':
      return `${field} is longer than ${String(e.params.limit)} characters: shorten it.`;
    case 'minLength':
      return `${field} is empty: give a value, or leave the field out.`;
    default:
      return `${field || 'The scope'} ${e.message ?? 'is invalid'}.`;
  }
}
